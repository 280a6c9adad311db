package dev.parley.streams.control;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The only threads that write to clients. Streams with something to send wait in one queue; a writer takes
 * a stream, writes one batch and moves on.
 *
 * <p>On Open Liberty every socket write can block (its non-blocking servlet output still writes synchronously
 * once the socket buffer is full), so a client that stops reading holds its writer until the write times out.
 * A watchdog therefore counts writers stuck in one write for longer than {@link #STALL_NANOS} and starts
 * another, so {@code target} writers stay free to serve everyone else, up to {@code max} threads in all.
 * Writers beyond the target retire once idle.
 */
public final class Writers {

    private static final Logger LOG = Logger.getLogger(Writers.class.getName());
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long IDLE_SECONDS = 30;

    // streams with something to write, in the order they asked
    private final ArrayDeque<EventStream> ready = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Set<Writer> writers = ConcurrentHashMap.newKeySet();
    private final ThreadFactory threads;
    private final int target;
    private final int max;
    private final AtomicLong lastWrite = new AtomicLong(System.nanoTime());
    private volatile boolean stopped;

    public Writers(ThreadFactory threads, int target, int max) {
        this.threads = threads;
        this.target = target;
        this.max = Math.max(target, max);
    }

    public void start() {
        for (int i = 0; i < target; i++) {
            spawn();
        }
    }

    void schedule(EventStream stream) {
        lock.lock();
        try {
            ready.addLast(stream);
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The next stream to write, or null after waiting this long (or at once, when stopping) for one. */
    private EventStream next(long waitNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = waitNanos;
            while (ready.isEmpty() && left > 0 && !stopped) {
                left = work.awaitNanos(left);
            }
            return ready.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    private boolean idle() {
        lock.lock();
        try {
            return ready.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Tops the pool up while writers are stuck on clients that do not read; run it every ~100 ms. */
    public void watch() {
        long now = System.nanoTime();
        long stalled = writers.stream().filter(writer -> writer.stalledAt(now)).count();
        synchronized (writers) {
            if (!stopped && writers.size() - stalled < target && writers.size() < max) {
                spawn();
            }
        }
    }

    /** Work is waiting and no write has finished for this long: the writers are wedged. */
    public boolean wedged(long nanos) {
        return !idle() && System.nanoTime() - lastWrite.get() > nanos;
    }

    public int size() {
        return writers.size();
    }

    /**
     * Lets the writers finish what is queued, then finishes the rest on the calling thread (Liberty may already
     * have interrupted its managed threads when the application stops), until the deadline.
     */
    public void stop(Duration grace) {
        stopped = true;
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        // wake the idle ones (a busy one finishes its write first)
        writers.stream().filter(Writer::idle).forEach(Writer::interrupt);
        for (Writer writer : writers) {
            writer.join(deadline);
        }
        EventStream stream;
        try {
            while (System.nanoTime() < deadline && (stream = next(0)) != null) {
                stream.drain();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // a writer left running would hold up the server's shutdown
            writers.forEach(Writer::interrupt);
        }
    }

    private void spawn() {
        Writer writer = new Writer();
        Thread thread = threads.newThread(writer);
        thread.setName("parley-writer-" + thread.getId());
        writer.thread = thread;
        writers.add(writer);
        thread.start();
    }

    private final class Writer implements Runnable {
        volatile Thread thread;
        volatile long busySince;

        boolean idle() {
            return busySince == 0;
        }

        boolean stalledAt(long now) {
            long since = busySince;
            return since != 0 && now - since > STALL_NANOS;
        }

        void interrupt() {
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }

        void join(long deadlineNanos) {
            long left = deadlineNanos - System.nanoTime();
            Thread t = thread;
            if (t != null && left > 0) {
                try {
                    t.join(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void run() {
            try {
                while (true) {
                    // once stopping, finish what is queued and go
                    EventStream stream = next(stopped ? 0 : TimeUnit.SECONDS.toNanos(IDLE_SECONDS));
                    if (stream == null) {
                        if (stopped || retire()) {
                            return;
                        }
                        continue;
                    }
                    busySince = System.nanoTime() | 1;
                    try {
                        stream.drain();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "a stream failed to drain", e);
                    } finally {
                        busySince = 0;
                        lastWrite.set(System.nanoTime());
                    }
                }
            } catch (InterruptedException e) {
                // stopping: whatever is still queued is finished by stop()
                Thread.currentThread().interrupt();
            } finally {
                writers.remove(this);
            }
        }

        private boolean retire() {
            synchronized (writers) {
                if (writers.size() > target) {
                    writers.remove(this);
                    return true;
                }
                return false;
            }
        }
    }
}
