package dev.parley.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Publishers on keep-alive HTTP/1.1 connections. Message k of a run is due at {@code start + k/rate}: each poster
 * takes the next k, waits for its time, stamps the payload and sends it, so the offered rate holds however many
 * posters share it. The sequence number is taken in send order; with one poster it is the order of the room.
 */
final class Posters {

    /** How a target wants a payload published: the whole request, for one poster's connection. */
    interface Format {
        byte[] request(String payload);
    }

    private final InetSocketAddress server;
    private final List<Format> formats;
    /** For a crowd: its rooms, and the connections its members' posts share; 0 for posters of one room. */
    private final int rooms;
    private final int connections;
    private final AtomicInteger nextSeq = new AtomicInteger();
    private final AtomicLong errors = new AtomicLong();
    private final Histogram postLatency = new Histogram();

    Posters(InetSocketAddress server, List<Format> formats) {
        this(server, formats, 0, formats.size());
    }

    private Posters(InetSocketAddress server, List<Format> formats, int rooms, int connections) {
        this.server = server;
        this.formats = List.copyOf(formats);
        this.rooms = rooms;
        this.connections = connections;
    }

    /**
     * A crowd's members posting in turn: message k is the post of seat {@code k mod seats} (seats ordered member by
     * member, so k's room is {@code k mod rooms}), sent on connection {@code k mod connections}. With connections
     * dividing the seats, each member always posts on the same connection, one post answered before the next: their
     * posts have an order, which each stream of their room must keep.
     */
    static Posters crowd(InetSocketAddress server, List<Format> seats, int rooms, int connections) {
        if (seats.size() % rooms != 0 || seats.size() % connections != 0) {
            throw new IllegalArgumentException("rooms and connections must divide the seats");
        }
        return new Posters(server, seats, rooms, connections);
    }

    int sent() {
        return nextSeq.get();
    }

    long errors() {
        return errors.get();
    }

    synchronized Histogram postLatency() {
        return postLatency;
    }

    /**
     * Publishes {@code count} messages at {@code rate} per second (0: as fast as the posters go) for the given
     * step, and returns once all are answered.
     */
    void publish(int count, double rate, int step) {
        AtomicInteger taken = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        if (rooms > 0) {
            int base = nextSeq.getAndAdd(count);
            for (int i = 0; i < connections; i++) {
                int connection = i;
                Thread thread = new Thread(() -> crowd(connection, base, count, rate, step, start), "poster");
                thread.start();
                threads.add(thread);
            }
        }
        for (int i = 0; rooms == 0 && i < formats.size(); i++) {
            Format format = formats.get(i);
            int poster = i;
            Thread thread = new Thread(() -> post(format, poster, count, rate, step, taken, start), "poster");
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A connection's messages: which k it sends next (from {@code count} on, none), and the request for k. */
    private interface Turns {
        int next();

        /** Stamped at the moment it is sent. */
        byte[] request(int k, long sentNanos);
    }

    /** Posters of one room share the run's k: each takes the next, and the sequence number in send order. */
    private void post(Format format, int poster, int count, double rate, int step, AtomicInteger taken, long start) {
        send(new Turns() {
            @Override
            public int next() {
                return taken.getAndIncrement();
            }

            @Override
            public byte[] request(int k, long sentNanos) {
                return format.request("@" + nextSeq.getAndIncrement() + ":" + sentNanos + ":" + step + ":" + poster);
            }
        }, count, rate, start);
    }

    /** One connection's share of a crowd's messages: k = connection, connection + connections, ... */
    private void crowd(int connection, int base, int count, double rate, int step, long start) {
        int[] turn = {connection - connections};
        send(new Turns() {
            @Override
            public int next() {
                return turn[0] += connections;
            }

            @Override
            public byte[] request(int k, long sentNanos) {
                int seat = k % formats.size();
                // the poster a stream keeps order for is the member of its room
                return formats.get(seat).request("@" + (base + k) + ":" + sentNanos + ":" + step + ":" + seat / rooms);
            }
        }, count, rate, start);
    }

    /** Sends a connection's messages, each at its due time (k / rate after the start), one answered before the next. */
    private void send(Turns turns, int count, double rate, long start) {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(server);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Histogram mine = new Histogram();
            for (int k; (k = turns.next()) < count; ) {
                if (rate > 0) {
                    long due = start + (long) (k * 1e9 / rate);
                    for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                }
                long sent = System.nanoTime();
                out.write(turns.request(k, sent));
                out.flush();
                int status = readResponse(in);
                mine.record(System.nanoTime() - sent);
                if (status < 200 || status > 299) {
                    errors.incrementAndGet();
                }
            }
            synchronized (this) {
                postLatency.merge(mine);
            }
        } catch (IOException e) {
            errors.incrementAndGet();
        }
    }

    /** Reads one response (status, headers, body by length or chunks) and returns its status. */
    static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size; (size = Long.parseLong(line(in).split(";")[0].trim(), 16)) > 0; ) {
                in.skipNBytes(size);
                line(in);
            }
            line(in);
        } else {
            in.skipNBytes(length);
        }
        return status;
    }

    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** A request with a body, as the poster sends it. */
    static Format format(String method, String path, String host, List<String> headers, Function<String, String> body) {
        return payload -> {
            byte[] content = body.apply(payload).getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                    .append(host).append("\r\n");
            headers.forEach(header -> request.append(header).append("\r\n"));
            request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
            byte[] head = request.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[head.length + content.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(content, 0, all, head.length, content.length);
            return all;
        };
    }

    static void uncheck(IOException e) {
        throw new UncheckedIOException(e);
    }
}
