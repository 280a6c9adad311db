package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * One more Open Liberty server from the build's installation, as a user would run Parley: the project's
 * server.xml, the packaged WAR at "/", settings as environment variables in server.env. Unlike the Arquillian
 * server it can be killed without warning, and started again on the same port.
 */
public final class LibertyServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path wlp;
    private final Path directory;
    private final int httpPort;
    private Process process;

    /** Where a server comes from: a Liberty installation, the packaged WAR and the project's configuration. */
    public record Installation(Path wlp, Path war, Path serverXml, Path jvmOptions) {

        /** The build's own, as the integration tests are told by failsafe. */
        public static Installation ofBuild() {
            return new Installation(Path.of(System.getProperty("liberty.wlp.home")), Path.of(System.getProperty("parley.war")),
                    Path.of(System.getProperty("parley.server.xml")), Path.of(System.getProperty("parley.jvm.options")));
        }
    }

    private LibertyServer(String name, Path wlp, int httpPort) {
        this.name = name;
        this.wlp = wlp;
        this.directory = wlp.resolve("usr").resolve("servers").resolve(name);
        this.httpPort = httpPort;
    }

    public static LibertyServer create(String name, Map<String, String> environment) {
        return create(Installation.ofBuild(), name, environment, List.of());
    }

    /** A server of this installation, its settings in server.env, with more JVM options after the project's. */
    public static LibertyServer create(Installation installation, String name, Map<String, String> environment,
                                       List<String> jvmOptions) {
        LibertyServer server = new LibertyServer(name, installation.wlp(), RedisServer.freePort());
        try {
            deleteTree(server.directory);
            Files.createDirectories(server.directory.resolve("apps"));
            Files.copy(installation.serverXml(), server.directory.resolve("server.xml"));
            List<String> options = new java.util.ArrayList<>(Files.readAllLines(installation.jvmOptions()));
            options.addAll(jvmOptions);
            Files.write(server.directory.resolve("jvm.options"), options);
            Files.copy(installation.war(), server.directory.resolve("apps").resolve("parley.war"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(server.directory.resolve("bootstrap.properties"), "http.port=" + server.httpPort
                    + "\nhttps.port=" + RedisServer.freePort() + "\nhttp.host=127.0.0.1\n");
            Map<String, String> env = new java.util.TreeMap<>(environment);
            env.put("keystore_password", UUID.randomUUID().toString());
            Files.writeString(server.directory.resolve("server.env"), env.entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining("\n", "", "\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    public int port() {
        return httpPort;
    }

    /** The server's JVM (the launcher script execs it). */
    public long pid() {
        return process.pid();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    /** Starts it in the background; see {@link #awaitReady}. */
    public void start() {
        try {
            process = new ProcessBuilder(List.of(wlp.resolve("bin").resolve("server").toString(), "run", name))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("run.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until its readiness check answers UP. */
    public void awaitReady(Duration timeout) {
        Awaitility.await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(200)).until(this::ready);
    }

    public boolean ready() {
        return status("health/ready") == 200;
    }

    public int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(url().resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Ends the server and its JVM at once, as a crash or an OOM kill would: no shutdown, no goodbye. */
    public void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroyForcibly);
        waitForExit(tree);
    }

    /** Stops the server the usual way: its shutdown closes streams cleanly. */
    public void stop() {
        List<ProcessHandle> tree = tree();
        try {
            Process stop = new ProcessBuilder(List.of(wlp.resolve("bin").resolve("server").toString(), "stop", name))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("run.log").toFile()))
                    .start();
            stop.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waitForExit(tree);
    }

    /** The launcher script and the JVM it runs. */
    private List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new java.util.ArrayList<>(process.toHandle().descendants().toList());
        tree.add(process.toHandle());
        return tree;
    }

    private void waitForExit(List<ProcessHandle> tree) {
        try {
            for (ProcessHandle handle : tree) {
                handle.onExit().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not end", e);
        }
        process = null;
    }

    public Path log() {
        return directory.resolve("logs").resolve("messages.log");
    }

    @Override
    public void close() {
        kill();
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
