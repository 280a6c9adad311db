package dev.parley.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.TestRooms;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Edit, delete, typing and posts that never double (docs/API.md, "Conversation"), as people use them: one browser
 * acts, another sees; every new state of the page checked by axe-core. Too late to edit: BrowserLimitsIT.
 */
@ParleyIT(value = "browser-conversation", settings = {"parley.keepalive-seconds=1", "parley.presence.grace-seconds=2",
        "parley.rate.messages=1000"})
@ExtendWith(BrowserTests.class)
class BrowserConversationIT {

    /** The room's messages as the server has them now. */
    private static List<JsonObject> stored(Api api, String room) {
        return Api.array(api.get("api/rooms/" + room + "/messages?limit=200")).stream().map(JsonValue::asJsonObject).toList();
    }

    /** Types a character at a time, as a person still typing, until the other page shows the line (bounded by time). */
    private static void typeUntil(WebElement composer, ChatPage other, String line) {
        Awaitility.await().atMost(ChatPage.WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            composer.sendKeys(".");
            return line.equals(other.typingLine());
        });
    }

    /** The text is shown once on the poster's page and once on the other's, and the server has one message. */
    private static void assertShownAndPostedOnce(Api api, String room, String text, ChatPage poster, ChatPage other) {
        assertEquals(1, Collections.frequency(poster.texts(), text), "shown once: " + poster.texts());
        assertEquals(1, Collections.frequency(other.texts(), text), "and once for everyone else: " + other.texts());
        assertEquals(1, stored(api, room).size(), "posted once: " + stored(api, room));
    }

    private static void selectAllAndType(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }

    @Test
    void editsThroughItsMenuByKeyboardAndOthersSeeTheTextMarkedEdited(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        ChatPage alice = browsers.join("alice", room);
        ChatPage bob = browsers.join("bob", room);
        alice.send("See you at 10");
        bob.await(d -> bob.texts().contains("See you at 10"));
        alice.await(d -> alice.actions("See you at 10") != null);
        assertNull(bob.actions("See you at 10"), "someone else's message has no menu");

        WebElement actions = alice.actions("See you at 10");
        assertEquals("menu", actions.getAttribute("aria-haspopup"));
        assertEquals("Actions for your message from", actions.getAttribute("aria-label").replaceAll(" \\d.*$", ""));
        alice.script("arguments[0].focus()", actions);
        alice.press(Keys.ENTER);
        alice.await(d -> alice.menuItems().equals(List.of("Edit", "Delete…")));
        assertEquals("true", actions.getAttribute("aria-expanded"));
        assertEquals("menuitem", alice.focused(), "the menu opens on its first item");
        Axe.assertNoViolations(alice, "message menu open");

        alice.press(Keys.ESCAPE);
        alice.await(d -> alice.menuItems().isEmpty());
        assertEquals("actions of See you at 10", alice.focused(), "Escape closes the menu and returns to its button");
        assertEquals("false", alice.actions("See you at 10").getAttribute("aria-expanded"));

        // ↓ on the button opens the menu too; Enter on Edit turns the message into an editor
        alice.press(Keys.ARROW_DOWN);
        alice.await(d -> !alice.menuItems().isEmpty());
        alice.press(Keys.ENTER);
        alice.await(d -> alice.editor() != null);
        assertEquals("See you at 10", alice.editor().getDomProperty("value"));
        assertTrue(alice.focused().startsWith("edit"), alice.focused());
        Axe.assertNoViolations(alice, "editing a message");

        alice.editor().sendKeys(" sharp");
        alice.press(Keys.ESCAPE);
        alice.await(d -> alice.editor() == null);
        assertEquals(List.of("alice: See you at 10"), alice.lines(), "Escape cancels: nothing changed");
        assertEquals("actions of See you at 10", alice.focused(), "and the keyboard is back where it was");

        alice.press(Keys.ENTER);
        alice.await(d -> !alice.menuItems().isEmpty());
        alice.press(Keys.ENTER);
        alice.await(d -> alice.editor() != null);
        selectAllAndType(alice.editor(), "See you at 10:30");
        alice.press(Keys.ENTER);

        bob.await(d -> bob.lines().equals(List.of("alice: See you at 10:30 (edited)")));
        alice.await(d -> alice.lines().equals(List.of("alice: See you at 10:30 (edited)")));
        alice.await(d -> "actions of See you at 10:30".equals(alice.focused()));
        String title = (String) bob.script("return document.querySelector('[data-log] .edited').title");
        assertTrue(title.startsWith("Edited "), "the marker's title says when: " + title);
        JsonObject now = stored(api, room).get(0);
        assertEquals("See you at 10:30", now.getString("text"));
        assertTrue(now.containsKey("edited"), "the server has it edited: " + now);
        Axe.assertNoViolations(bob, "an edited message");
    }

    @Test
    void upInAnEmptyComposerEditsYourLastMessageAtPhoneWidth(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        Browser alicesBrowser = browsers.start();
        ChatPage alice = alicesBrowser.open(browsers.page()).join("alice", room).awaitLive();
        ChatPage bob = browsers.join("bob", room);
        alicesBrowser.windowSize(320, 640);
        alice.send("first");
        alice.send("second");
        alice.await(d -> alice.texts().equals(List.of("first", "second")));
        bob.send("from bob");
        alice.await(d -> alice.texts().size() == 3);

        WebElement composer = alice.find("#message").get(0);
        composer.sendKeys("draft", Keys.ARROW_UP);
        assertNull(alice.editor(), "↑ in a box with text moves the caret, and edits nothing");
        composer.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, Keys.ARROW_UP);
        alice.await(d -> alice.editor() != null);
        assertEquals(List.of("alice: first", "alice: [editing]", "bob: from bob"), alice.lines(),
                "your newest message, not someone else's after it");
        assertEquals(Boolean.TRUE, alice.script("return document.documentElement.scrollWidth <= innerWidth"),
                "the editor fits a 320 px screen");
        Axe.assertNoViolations(alice, "editing at phone width");

        selectAllAndType(alice.editor(), "second, corrected");
        alice.editor().sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER), "with a second line", Keys.ENTER);
        bob.await(d -> bob.lines().contains("alice: second, corrected\nwith a second line (edited)"));
        alice.await(d -> alice.editor() == null);
        assertEquals("message", alice.focused(), "back in the composer");
        assertEquals("", alice.draft());

        // the newest one deleted, ↑ edits the one before it
        String second = alice.idOf("second, corrected\nwith a second line");
        assertEquals(204, api.delete(new Api.Member(room, "alice", alice.storedToken(room)), second).statusCode());
        alice.await(d -> "alice: [message deleted]".equals(alice.line(second)));
        composer.sendKeys(Keys.ARROW_UP);
        alice.await(d -> alice.editor() != null);
        assertEquals("first", alice.editor().getDomProperty("value"));
        alice.press(Keys.ESCAPE);
        alice.await(d -> alice.editor() == null);
        assertEquals("message", alice.focused());
    }

    @Test
    void deletesOnlyAfterAConfirmationAndOthersSeeATombstoneWithTheTextGone(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        ChatPage alice = browsers.join("alice", room);
        ChatPage bob = browsers.join("bob", room);
        alice.send("my PIN is 4711");
        alice.send("oops, ignore that");
        bob.await(d -> bob.texts().equals(List.of("my PIN is 4711", "oops, ignore that")));
        bob.await(d -> bob.announced().size() == 2);

        // with the pointer: the button shows where the pointer is
        WebElement row = alice.find("[data-log] .message").get(0);
        new Actions(alice.driver()).moveToElement(row).perform();
        alice.actions("my PIN is 4711").click();
        alice.await(d -> !alice.menuItems().isEmpty());
        alice.find("[data-message-menu] [data-action=delete]").get(0).click();
        alice.awaitShown("[data-confirm-delete]");
        assertEquals(Boolean.TRUE, alice.script("return document.activeElement.matches('[data-confirm-cancel]')"),
                "Cancel has the focus first: a stray Enter deletes nothing");
        assertEquals("my PIN is 4711", alice.find("[data-confirm-preview]").get(0).getText(), "the dialog shows which message");
        Axe.assertNoViolations(alice, "delete confirmation");

        alice.press(Keys.ESCAPE);
        alice.await(d -> !d.findElement(By.cssSelector("[data-confirm-delete]")).isDisplayed());
        assertEquals("actions of my PIN is 4711", alice.focused());
        assertEquals(2, stored(api, room).stream().filter(m -> m.containsKey("text")).count(), "nothing was deleted");

        // with the keyboard this time, and for real
        alice.press(Keys.ENTER);
        alice.await(d -> !alice.menuItems().isEmpty());
        alice.press(Keys.END, Keys.ENTER);
        alice.awaitShown("[data-confirm-delete]");
        alice.find("[data-confirm-ok]").get(0).click();

        List<String> expected = List.of("alice: [message deleted]", "alice: oops, ignore that");
        bob.await(d -> bob.lines().equals(expected));
        alice.await(d -> alice.lines().equals(expected));
        assertFalse(alice.find("[data-confirm-delete]").get(0).isDisplayed());
        for (ChatPage page : List.of(alice, bob)) {
            assertEquals(Boolean.FALSE, page.script("return document.documentElement.outerHTML.includes('4711')"),
                    "the deleted text is nowhere in the page, the screen reader's log included");
        }
        assertEquals(List.of("alice: oops, ignore that"), bob.announced(), "its line left the screen reader's log too");
        Axe.assertNoViolations(bob, "a tombstone");

        ChatPage carol = browsers.join("carol", room);
        carol.await(d -> carol.lines().equals(expected));
        assertEquals(Boolean.FALSE, carol.script("return document.documentElement.outerHTML.includes('4711')"),
                "a newcomer's replay brings the tombstone, not the text");
        JsonObject tombstone = stored(api, room).get(0);
        assertTrue(tombstone.containsKey("deleted") && !tombstone.containsKey("text"), tombstone.toString());
    }

    @Test
    void showsWhoIsTypingForAFewSecondsAndNotOnceTheirMessageIsHere(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        Browser bobsBrowser = browsers.start();
        ChatPage alice = browsers.join("alice", room);
        ChatPage bob = bobsBrowser.open(browsers.page()).join("bob", room).awaitLive();
        WebElement composer = bob.find("#message").get(0);
        bobsBrowser.requestUrls();

        long started = System.nanoTime();
        composer.sendKeys("Hello there, this is a longer message");
        long typedMs = (System.nanoTime() - started) / 1_000_000;
        alice.await(d -> "bob is typing…".equals(alice.typingLine()));
        long seen = System.nanoTime();
        assertEquals("", bob.typingLine(), "never yourself");
        if (typedMs < 2000) {
            long signals = bobsBrowser.requestUrls().stream().filter(url -> url.endsWith("/typing")).count();
            assertEquals(1, signals, "37 keystrokes in " + typedMs + " ms tell the room once");
        }
        Axe.assertNoViolations(alice, "someone typing");

        composer.sendKeys(Keys.ENTER);
        alice.await(d -> alice.texts().contains("Hello there, this is a longer message"));
        long arrivedMs = (System.nanoTime() - seen) / 1_000_000;
        assertEquals("", alice.typingLine(), "gone as their message arrives (" + arrivedMs + " ms after it showed, "
                + "long before it would have expired)");
        assertTrue(arrivedMs < 4000, "the message came " + arrivedMs + " ms after the typing line: too slow to tell apart");

        // alone, the line expires a few seconds after the last keystroke
        typeUntil(composer, alice, "bob is typing…");
        long shown = System.nanoTime();
        alice.await(d -> alice.typingLine().isEmpty());
        long shownMs = (System.nanoTime() - shown) / 1_000_000;
        assertTrue(shownMs >= 3000 && shownMs <= 8000, "shown for a few seconds, then gone: " + shownMs + " ms");

        Api.Member carol = api.join(room, "carol");
        Api.Member dave = api.join(room, "dave");
        typeUntil(composer, alice, "bob is typing…");
        assertEquals(202, api.typing(carol).statusCode());
        alice.await(d -> "bob and carol are typing…".equals(alice.typingLine()));
        assertEquals(202, api.typing(dave).statusCode());
        alice.await(d -> "several people are typing…".equals(alice.typingLine()));
        api.say(dave, "done");
        alice.await(d -> "bob and carol are typing…".equals(alice.typingLine()));
    }

    @Test
    void aPostWhoseAnswerIsLostIsSentAgainWithItsKeyAndShownOnce(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        ChatPage alice = browsers.join("alice", room);
        ChatPage bob = browsers.join("bob", room);
        try (Cdp cdp = Cdp.attach(alice.driver())) {
            Cdp.LostAnswers lost = cdp.loseAnswers("POST", "/messages", 1);
            alice.send("Exactly once");
            alice.await(d -> alice.draft().isEmpty());
            assertEquals(2, lost.requests().size(), "the page sent it again after the answer was lost");
            List<String> keys = lost.header("Idempotency-Key");
            assertNotNull(keys.get(0), "the post carries an Idempotency-Key");
            assertTrue(keys.get(0).matches("\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\""),
                    "a UUID as a structured-field string: " + keys.get(0));
            assertEquals(keys.get(0), keys.get(1), "the retry carries the same key");
        }
        bob.await(d -> bob.texts().contains("Exactly once"));
        assertShownAndPostedOnce(api, room, "Exactly once", alice, bob);
        assertEquals("", alice.composeError());

        alice.send("Exactly once");
        bob.await(d -> Collections.frequency(bob.texts(), "Exactly once") == 2);
        assertEquals(2, stored(api, room).size(), "the same words sent again later are a new message, with a new key");
    }

    @Test
    void sendingAgainAfterEveryRetryFailedPostsNothingTwice(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        ChatPage alice = browsers.join("alice", room);
        ChatPage bob = browsers.join("bob", room);
        try (Cdp cdp = Cdp.attach(alice.driver())) {
            Cdp.LostAnswers lost = cdp.loseAnswers("POST", "/messages", 3);
            alice.send("Said once");
            alice.await(d -> !alice.composeError().isEmpty());
            assertEquals("Not confirmed: the server cannot be reached. Send it again in a moment; it will not be posted twice.",
                    alice.composeError());
            assertEquals("Said once", alice.draft(), "the text stays in the box");
            assertEquals(3, lost.requests().size(), "tried three times");
            bob.await(d -> bob.texts().contains("Said once"));

            alice.find("#message").get(0).sendKeys(Keys.ENTER);
            alice.await(d -> alice.draft().isEmpty());
            assertEquals(4, lost.requests().size());
            assertEquals(1, lost.header("Idempotency-Key").stream().distinct().count(),
                    "one key for every try of one message: " + lost.header("Idempotency-Key"));
        }
        assertEquals("", alice.composeError());
        assertShownAndPostedOnce(api, room, "Said once", alice, bob);
    }
}
