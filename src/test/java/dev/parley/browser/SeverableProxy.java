package dev.parley.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of the server whose connections a test can cut at once, like a network blip:
 * the browser sees its streams fail and has to recover by itself.
 */
public final class SeverableProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final String path;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean refusing;
    private volatile boolean closed;

    public SeverableProxy(String targetHost, int targetPort) {
        this(targetHost, targetPort, "/");
    }

    /** A proxy in front of the server of this address; {@link #url()} is the address through the proxy. */
    public SeverableProxy(URI address) {
        this(address.getHost(), address.getPort(), address.getPath());
    }

    private SeverableProxy(String targetHost, int targetPort, String path) {
        this.path = path;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        target = new InetSocketAddress(targetHost, targetPort);
        Thread acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The address the proxy was made for (its path), through the proxy. */
    public String url() {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Cuts every open connection; new ones are refused until {@link #restore}, if {@code refuse} is set. */
    public void sever(boolean refuse) {
        refusing = refuse;
        for (Socket socket : open) {
            quietlyClose(socket);
        }
        open.clear();
    }

    public void restore() {
        refusing = false;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    quietlyClose(client);
                    continue;
                }
                Socket server = new Socket();
                server.connect(target);
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away: the other follows
            } finally {
                quietlyClose(from);
                quietlyClose(to);
                open.remove(from);
                open.remove(to);
            }
        }, "proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        sever(false);
        quietlyClose(listener);
    }

    private static void quietlyClose(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
