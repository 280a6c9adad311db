package dev.parley.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A scheduler whose time moves only when a test advances it: timers are tested without waiting. */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    /** Runs, in time order, every task due within the next {@code duration}. */
    public synchronized void advance(Duration duration) {
        long until = now + duration.toNanos();
        while (!queue.isEmpty() && queue.peek().at <= until) {
            Task<?> task = queue.poll();
            now = Math.max(now, task.at);
            if (!task.isCancelled()) {
                task.runOnce();
            }
        }
        now = until;
    }

    public synchronized int pending() {
        return (int) queue.stream().filter(task -> !task.isCancelled()).count();
    }

    private synchronized <V> Task<V> add(Callable<V> callable, long delayNanos, long periodNanos) {
        Task<V> task = new Task<>(callable, now + Math.max(0, delayNanos), periodNanos, sequence++);
        queue.add(task);
        return task;
    }

    private synchronized void reschedule(Task<?> task) {
        queue.add(task);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(() -> {
            command.run();
            return null;
        }, unit.toNanos(delay), 0);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(callable, unit.toNanos(delay), 0);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return scheduleWithFixedDelay(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(() -> {
            command.run();
            return null;
        }, unit.toNanos(initialDelay), unit.toNanos(delay));
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        long at;
        final long period;
        final long order;

        Task(Callable<V> callable, long at, long period, long order) {
            super(callable);
            this.at = at;
            this.period = period;
            this.order = order;
        }

        void runOnce() {
            if (period == 0) {
                run();
            } else if (runAndReset()) {
                at = now + period;
                reschedule(this);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - now, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> that = (Task<?>) other;
            int byTime = Long.compare(at, that.at);
            return byTime != 0 ? byTime : Long.compare(order, that.order);
        }
    }
}
