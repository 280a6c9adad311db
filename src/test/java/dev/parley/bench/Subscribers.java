package dev.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds many event streams on a few threads with non-blocking sockets, and parses them byte by byte: HTTP/1.1
 * headers, chunked transfer coding, then SSE lines. From each {@code data:} line it takes the payload the posters
 * put there, {@code @seq:sentNanos:step:poster}, and records the delivery's latency, and whether it was lost,
 * duplicated or out of order for that stream (order is each poster's own: concurrent posters have no order between
 * them). Works for any server that puts the payload in its data lines (Parley inside its JSON, nchan as is).
 *
 * <p>One file, longer than most: the event loop, the per-connection parser and the delivery bookkeeping share
 * state on the loop's thread, and stay together so that the hot path reads top to bottom without a call across
 * classes.
 */
final class Subscribers implements AutoCloseable {

    private final InetSocketAddress server;
    /** The request that opens the i-th stream. */
    private final java.util.function.IntFunction<byte[]> requests;
    private final Loop[] loops;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger endedByServer = new AtomicInteger();
    private final int expectedMessages;

    Subscribers(InetSocketAddress server, String path, int threads, int expectedMessages) {
        this(server, i -> request(server, path, List.of()), threads, expectedMessages);
    }

    Subscribers(InetSocketAddress server, java.util.function.IntFunction<byte[]> requests, int threads,
                int expectedMessages) {
        this.server = server;
        this.expectedMessages = expectedMessages;
        this.requests = requests;
        this.loops = new Loop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new Loop(i);
            Thread thread = new Thread(loops[i], "subscribers-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** The request for a stream of the path, as an {@code EventSource} sends it, with more headers. */
    static byte[] request(InetSocketAddress server, String path, List<String> headers) {
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ")
                .append(server.getHostString()).append(':').append(server.getPort())
                .append("\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n");
        headers.forEach(header -> request.append(header).append("\r\n"));
        return request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Opens streams in batches, each batch once the previous one's answers arrived, until all are open or failed. */
    void open(int streams, int batch, Duration timeout) {
        int requested = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requested < streams) {
            int next = Math.min(batch, streams - requested);
            for (int i = 0; i < next; i++) {
                loops[(requested + i) % loops.length].add(connect(), requests.apply(requested + i));
            }
            requested += next;
            int goal = requested;
            awaitCondition(() -> opened.get() + failed.get() >= goal, deadline);
        }
    }

    private SocketChannel connect() {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(server);
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int opened() {
        return opened.get();
    }

    int failed() {
        return failed.get();
    }

    int endedByServer() {
        return endedByServer.get();
    }

    long delivered() {
        long total = 0;
        for (Loop loop : loops) {
            total += loop.delivered.get();
        }
        return total;
    }

    /** Waits until every open stream has every message (or the deadline passes). */
    void awaitAll(int messages, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitCondition(() -> delivered() >= (long) messages * opened.get(), deadline);
    }

    /** Call once the streams are quiet (after {@link #awaitAll}): per-step latencies and delivery defects. */
    Result result(int steps, int messages) {
        Result result = new Result(steps);
        for (Loop loop : loops) {
            loop.collect(result, messages);
        }
        return result;
    }

    static final class Result {
        final Histogram[] latency;
        long delivered;
        long lost;
        long duplicated;
        long outOfOrder;

        Result(int steps) {
            latency = new Histogram[steps];
            for (int i = 0; i < steps; i++) {
                latency[i] = new Histogram();
            }
        }

        Histogram all() {
            Histogram all = new Histogram();
            for (Histogram step : latency) {
                all.merge(step);
            }
            return all;
        }
    }

    @Override
    public void close() {
        for (Loop loop : loops) {
            loop.stop();
        }
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, long deadline) {
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A stream connecting, with the request it will send once connected. */
    private record Pending(SocketChannel channel, byte[] request) {
    }

    /** One selector thread and the streams it owns. */
    private final class Loop implements Runnable {
        private final Selector selector;
        private final Queue<Pending> added = new ConcurrentLinkedQueue<>();
        private final List<Stream> streams = new ArrayList<>();
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        private final byte[] bytes = new byte[256 * 1024];
        private final AtomicLong delivered = new AtomicLong();
        private final Histogram[] latency = new Histogram[64];
        private volatile boolean running = true;

        Loop(int index) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void add(SocketChannel channel, byte[] request) {
            added.add(new Pending(channel, request));
            selector.wakeup();
        }

        void stop() {
            running = false;
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select(100);
                    for (Pending next; (next = added.poll()) != null; ) {
                        SocketChannel channel = next.channel();
                        Stream stream = new Stream(channel, next.request(), expectedMessages);
                        streams.add(stream);
                        channel.register(selector, SelectionKey.OP_CONNECT, stream);
                    }
                    long now = System.nanoTime();
                    for (SelectionKey key : selector.selectedKeys()) {
                        Stream stream = (Stream) key.attachment();
                        try {
                            if (key.isConnectable()) {
                                stream.channel.finishConnect();
                                stream.channel.write(ByteBuffer.wrap(stream.request));
                                key.interestOps(SelectionKey.OP_READ);
                            } else if (key.isReadable()) {
                                read(stream, key, now);
                            }
                        } catch (IOException e) {
                            end(stream, key, false);
                        }
                    }
                    selector.selectedKeys().clear();
                }
                for (Stream stream : streams) {
                    stream.channel.close();
                }
                selector.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void read(Stream stream, SelectionKey key, long now) throws IOException {
            while (true) {
                buffer.clear();
                int n = stream.channel.read(buffer);
                if (n < 0) {
                    end(stream, key, true);
                    return;
                }
                if (n == 0) {
                    return;
                }
                buffer.flip();
                buffer.get(bytes, 0, n);
                stream.feed(bytes, n, now, this);
            }
        }

        private void end(Stream stream, SelectionKey key, boolean byServer) throws IOException {
            key.cancel();
            stream.channel.close();
            if (!stream.headersDone) {
                failed.incrementAndGet();
            } else if (byServer && !stream.closedHere) {
                endedByServer.incrementAndGet();
            }
            stream.open = false;
        }

        void deliver(Stream stream, long seq, long sentNanos, int step, int poster, long now) {
            delivered.incrementAndGet();
            Histogram histogram = latency[step];
            if (histogram == null) {
                histogram = latency[step] = new Histogram();
            }
            histogram.record(now - sentNanos);
            stream.track((int) seq, poster);
        }

        void collect(Result result, int messages) {
            for (int i = 0; i < result.latency.length && i < latency.length; i++) {
                if (latency[i] != null) {
                    result.latency[i].merge(latency[i]);
                }
            }
            for (Stream stream : streams) {
                if (!stream.headersDone) {
                    continue;
                }
                int distinct = stream.seen.cardinality();
                result.delivered += stream.received;
                result.duplicated += stream.received - distinct;
                result.lost += Math.max(0, messages - distinct);
                result.outOfOrder += stream.outOfOrder;
            }
        }

        /** One event stream and where its parser stands. */
        private final class Stream {
            final SocketChannel channel;
            final byte[] request;
            final BitSet seen;
            boolean open = true;
            boolean closedHere;
            boolean headersDone;
            int headerEnd;       // matched bytes of \r\n\r\n
            boolean chunked;
            long chunkLeft = -1; // -1: reading a size line
            boolean chunkTail;   // the CRLF after a chunk
            final StringBuilder sizeLine = new StringBuilder();
            final byte[] line = new byte[8192];
            int lineLength;
            long received;
            long outOfOrder;
            int[] lastByPoster = new int[0];
            final StringBuilder status = new StringBuilder();

            Stream(SocketChannel channel, byte[] request, int expected) {
                this.channel = channel;
                this.request = request;
                this.seen = new BitSet(Math.max(1, expected));
            }

            void track(int seq, int poster) {
                received++;
                if (poster >= lastByPoster.length) {
                    int from = lastByPoster.length;
                    lastByPoster = Arrays.copyOf(lastByPoster, poster + 1);
                    Arrays.fill(lastByPoster, from, lastByPoster.length, -1);
                }
                if (seq < lastByPoster[poster] && !seen.get(seq)) {
                    outOfOrder++;
                }
                seen.set(seq);
                lastByPoster[poster] = Math.max(lastByPoster[poster], seq);
            }

            void feed(byte[] data, int length, long now, Loop loop) {
                int i = 0;
                while (i < length) {
                    if (!headersDone) {
                        i = headers(data, i, length);
                    } else if (!chunked) {
                        body(data[i++], now, loop);
                    } else if (chunkTail) {
                        if (data[i++] == '\n') {
                            chunkTail = false;
                            chunkLeft = -1;
                        }
                    } else if (chunkLeft < 0) {
                        byte b = data[i++];
                        if (b == '\n') {
                            String size = sizeLine.toString().trim();
                            int semicolon = size.indexOf(';');
                            chunkLeft = Long.parseLong(semicolon < 0 ? size : size.substring(0, semicolon), 16);
                            sizeLine.setLength(0);
                            if (chunkLeft == 0) {
                                chunkTail = true; // the response ended
                            }
                        } else if (b != '\r') {
                            sizeLine.append((char) b);
                        }
                    } else {
                        int take = (int) Math.min(chunkLeft, length - i);
                        for (int k = 0; k < take; k++) {
                            body(data[i + k], now, loop);
                        }
                        i += take;
                        chunkLeft -= take;
                        if (chunkLeft == 0) {
                            chunkTail = true;
                        }
                    }
                }
            }

            private int headers(byte[] data, int from, int length) {
                StringBuilder head = status;
                for (int i = from; i < length; i++) {
                    byte b = data[i];
                    head.append((char) b);
                    headerEnd = (b == '\r' || b == '\n') ? headerEnd + 1 : 0;
                    if (headerEnd == 4) {
                        headersDone = true;
                        String text = head.toString();
                        if (!text.startsWith("HTTP/1.1 200")) {
                            failed.incrementAndGet();
                            headersDone = false;
                            open = false;
                            return length;
                        }
                        chunked = text.toLowerCase().contains("transfer-encoding: chunked");
                        opened.incrementAndGet();
                        return i + 1;
                    }
                }
                return length;
            }

            private void body(byte b, long now, Loop loop) {
                if (b != '\n') {
                    if (b != '\r' && lineLength < line.length) {
                        line[lineLength++] = b;
                    }
                    return;
                }
                if (lineLength > 5 && line[0] == 'd' && line[1] == 'a' && line[2] == 't' && line[3] == 'a'
                        && line[4] == ':') {
                    payload(now, loop);
                }
                lineLength = 0;
            }

            /** Finds @seq:sentNanos:step:poster in the data line. */
            private void payload(long now, Loop loop) {
                int at = 5;
                while (at < lineLength && line[at] != '@') {
                    at++;
                }
                if (at == lineLength) {
                    return;
                }
                long[] values = new long[4];
                int field = 0;
                for (int i = at + 1; i < lineLength && field < 4; i++) {
                    byte b = line[i];
                    if (b >= '0' && b <= '9') {
                        values[field] = values[field] * 10 + (b - '0');
                    } else if (b == ':') {
                        field++;
                    } else {
                        break;
                    }
                }
                loop.deliver(this, values[0], values[1], (int) values[2], (int) values[3], now);
            }
        }
    }
}
