package dev.parley.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.LibertyServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a restart of the server mid-conversation wipes nothing. A real Open Liberty from the packaged WAR with the
 * default memory backplane, stopped and started again on its port: it comes back with no history and no members, so
 * the pages join again by themselves and get a resync, and must keep what they showed.
 */
class BrowserRestartIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final String OFFLINE = "Offline since \\d{1,2}:\\d{2}(\\s?[AP]M)? — retrying";

    private static LibertyServer server;

    @BeforeAll
    static void start() {
        Map<String, String> settings = new java.util.HashMap<>(Deployments.environment(Deployments.UNLIMITED_CLIENT));
        settings.putAll(Map.of(
                "PARLEY_KEEPALIVE_SECONDS", "1",
                "PARLEY_PRESENCE_GRACE_SECONDS", "2",
                "PARLEY_RATE_MESSAGES", "1000"));
        server = LibertyServer.create("parleyRestart", settings);
        server.start();
        server.awaitReady(START);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRestartKeepsWhatWasShownMarksTheGapAndSaysSinceWhenItWasOffline() {
        String room = "restart";
        try (Browser alices = Browser.start(); Browser bobs = Browser.start()) {
            ChatPage alice = alices.open(server.url().toString()).join("alice", room).awaitLive();
            ChatPage bob = bobs.open(server.url().toString()).join("bob", room).awaitLive();
            alice.send("before one");
            bob.await(d -> bob.texts().contains("before one"));
            bob.send("before two");
            alice.await(d -> alice.texts().contains("before two"));
            alice.send("before three");
            List<String> before = List.of("before one", "before two", "before three");
            bob.await(d -> bob.texts().equals(before));

            server.stop();
            for (ChatPage page : List.of(alice, bob)) {
                page.await(d -> page.statusText().matches(OFFLINE));
            }
            assertEquals("offline", alice.state());
            alice.send("while away");
            alice.await(d -> !alice.composeError().isEmpty());
            assertTrue(alice.composeError().startsWith("Not sent: you are offline."), alice.composeError());
            assertEquals("while away", alice.draft(), "the refused message is kept");
            assertEquals(before, alice.texts(), "nothing shown is wiped while offline");
            Axe.assertNoViolations(alice, "offline");
            alices.screenshot(BrowserScreensIT.SHOTS.resolve("chat-offline.png"));

            server.start();
            server.awaitReady(START);
            for (ChatPage page : List.of(alice, bob)) {
                page.awaitLive();
                page.await(d -> !page.find("[data-log] [data-gap]").isEmpty());
                assertEquals(before, page.texts(), "what was on screen stays after the resync, each once");
            }
            alice.await(d -> alice.composeError().isEmpty());
            assertEquals(Boolean.TRUE, alice.script("return document.querySelector('[data-log] [data-gap]').textContent"
                    + " === 'Some messages may be missing here'"));

            alice.find("#message").get(0).clear();
            alice.send("after the restart");
            bob.await(d -> bob.texts().contains("after the restart"));
            assertEquals(List.of("before one", "before two", "before three", "after the restart"), bob.texts());
            @SuppressWarnings("unchecked")
            List<String> order = (List<String>) bob.script("return [...document.querySelectorAll('[data-log] > li')]"
                    + ".filter(li => li.matches('.gap, .message')).map(li => li.matches('.gap') ? 'gap' : li.querySelector('.text').textContent)");
            assertEquals(List.of("before one", "before two", "before three", "gap", "after the restart"), order,
                    "the divider stands where messages may be missing");
            Axe.assertNoViolations(bob, "resync");
        }
    }
}
