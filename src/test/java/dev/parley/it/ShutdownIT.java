package dev.parley.it;

import dev.parley.testing.ServerMetrics;

import dev.parley.testing.Api;
import dev.parley.testing.EventReader;
import dev.parley.testing.Deployments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Stopping the application ends every stream cleanly, so clients reconnect, and logs no stack trace. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShutdownIT {

    private static final String NAME = "shutdown";

    @Deployment(name = NAME, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.parley(NAME, Map.of("parley.keepalive-seconds", "1", "parley.presence.grace-seconds", "2"));
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void stoppingEndsEveryStreamCleanlyAndLogsNoStackTrace() throws Exception {
        Path log = Path.of(System.getProperty("liberty.wlp.home"), "usr", "servers",
                System.getProperty("liberty.server.name"), "logs", "messages.log");
        deployer.deploy(NAME);
        Api api = new Api(new URL("http://localhost:" + System.getProperty("test.http.port") + "/" + NAME + "/"));
        Api.Member bob = api.join("lobby", "bob");
        // alice's stream closes just before the stop: her grace timer is still pending when the application goes
        Api.Member alice = api.join("lobby", "alice");
        EventReader alices = EventReader.open(api.uri("api/rooms/lobby/events?token=" + alice.token()));
        alices.awaitRetry(Duration.ofSeconds(20));
        List<EventReader> streams = List.of(
                EventReader.open(api.uri("api/rooms/lobby/events?token=" + bob.token())),
                EventReader.open(api.uri("api/rooms/lobby/events")),
                EventReader.open(api.uri("api/rooms/other/events")));
        streams.forEach(stream -> stream.awaitRetry(Duration.ofSeconds(20)));
        alices.close();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> new ServerMetrics(api, NAME).streamsOpen() == 3);
        long logged = log.toFile().length();

        deployer.undeploy(NAME);

        for (EventReader stream : streams) {
            stream.awaitEnd(Duration.ofSeconds(20));
            assertTrue(stream.endedCleanly(), "the response was completed, not cut");
            assertTrue(stream.raw().endsWith("\n\n") || stream.raw().endsWith("\n:\n"),
                    "the stream ends between events (or after a probe, which is no event)");
        }
        // alice's grace period ends after the stop: nothing of the application may run, or fail, then
        Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .until(() -> !readFrom(log, logged).contains(" E "));
        String since = readFrom(log, logged);
        assertTrue(since.contains("CWWKZ0009I"), "the application stopped: " + since);
        assertFalse(since.matches("(?s).*\\n\\s+at [a-z].*"), "no stack trace: " + since);
        assertFalse(since.contains(" E "), "no error: " + since);
        assertEquals(-1, since.indexOf("Exception"), since);
    }

    private static String readFrom(Path file, long offset) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            byte[] bytes = new byte[(int) (in.length() - offset)];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
