package dev.parley.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.TestRooms;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The page tells people plainly what the server refused and why, and keeps what they typed. */
@ParleyIT(value = "browser-limits", settings = {"parley.rate.messages=3", "parley.rate.window-seconds=30",
        "parley.message.max-length=40",
        // far below the page's own 15 minutes: only the server knows, and its 409 is what the page must handle
        "parley.message.edit-seconds=3"})
@ExtendWith(BrowserTests.class)
class BrowserLimitsIT {

    @Test
    void saysPlainlyWhenSendingTooFastAndKeepsTheText(TestRooms rooms, Browsers browsers) {
        ChatPage alice = browsers.join("alice", rooms.next());
        for (int i = 1; i <= 3; i++) {
            String text = "quick " + i;
            alice.sendAndAwait(text);
        }
        alice.send("one too many");
        alice.await(d -> !alice.composeError().isEmpty());
        assertTrue(alice.composeError().matches("You are sending messages too fast\\. Wait \\d+ seconds, then send again\\."),
                alice.composeError());
        assertEquals("one too many", alice.draft(), "nothing typed is lost");
        assertEquals(3, alice.texts().size());
    }

    @Test
    void saysWhenAMessageIsTooLong(TestRooms rooms, Browsers browsers) {
        ChatPage alice = browsers.join("alice", rooms.next());
        alice.send("x".repeat(41));
        alice.await(d -> !alice.composeError().isEmpty());
        assertEquals("Not sent: text is 41 characters long; the limit is 40.", alice.composeError());
        assertEquals("x".repeat(41), alice.draft());
    }

    @Test
    void saysWhenItIsTooLateToEditAndShowsTheMessageAsItWas(TestRooms rooms, Browsers browsers) {
        ChatPage alice = browsers.join("alice", rooms.next());
        alice.sendAndAwait("Typo in thsi one");
        Instant posted = Instant.now();
        WebElement composer = alice.find("#message").get(0);
        composer.sendKeys(Keys.ARROW_UP);
        alice.await(d -> alice.editor() != null);
        alice.editor().sendKeys(Keys.chord(Keys.CONTROL, "a"), "Typo in this one");
        // the server's window (3 s) closes while the editor is open
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(posted.plusSeconds(4)));
        alice.press(Keys.ENTER);
        alice.await(d -> alice.editor() == null);
        assertEquals("Not edited: Messages can be edited for 3 s after they are posted.", alice.composeError());
        assertEquals(List.of("alice: Typo in thsi one"), alice.lines(), "the message is shown as it is");
        assertEquals("message", alice.focused(), "the keyboard is back in the composer it came from");
        Axe.assertNoViolations(alice, "an edit refused");
    }

    @Test
    void showsTheServersReasonInlineWhenANameIsBadOrTaken(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        api.join(room, "Bob");
        ChatPage page = browsers.start().open(browsers.page()).join("bob", room);
        page.await(d -> !page.joinError().isEmpty());
        assertEquals("The name 'bob' is already taken in room '" + room + "'.", page.joinError());
        assertTrue(page.joinViewShown());

        page.join("b o b", room);
        page.await(d -> page.joinError().startsWith("username must be"));

        page.join("bobby", "Not A Room");
        page.await(d -> page.joinError().startsWith("A room name is"));

        page.join("bobby", room).awaitLive();
    }
}
