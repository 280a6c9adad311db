package dev.parley.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.TestRooms;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/** Issue 13: rooms at hand, the bare address remembers you, and a phone shows everything it has. */
@ParleyIT(value = "browser-rooms", settings = {"parley.keepalive-seconds=1", "parley.presence.grace-seconds=2",
        "parley.rate.messages=1000"})
@ExtendWith(BrowserTests.class)
class BrowserRoomsIT {

    /** Longer than the grace period above: a leave would have been said by then. */
    private static final Duration PAST_GRACE = Duration.ofSeconds(4);

    private static String shownRoom(ChatPage page) {
        return page.find("[data-room-name]").get(0).getText();
    }

    @Test
    void theBareAddressResumesTheLastRoomAndYourOwnNameIsYou(TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        Browser browser = browsers.start();
        ChatPage first = browser.open(browsers.page()).join("alice", room).awaitLive();
        String token = first.storedToken(room);

        browser.driver().switchTo().newWindow(WindowType.TAB);
        ChatPage bare = browser.open(browsers.page());
        bare.awaitLive();
        assertFalse(bare.joinViewShown(), "/ goes back to the room, not to the join form");
        assertEquals(room, shownRoom(bare));
        assertTrue(bare.driver().getCurrentUrl().endsWith("#" + room));

        // at the join form of another room, the stored name in this room is "you", not "taken"
        bare.script("location.hash = arguments[0]", rooms.next());
        bare.await(d -> bare.joinViewShown());
        assertEquals("alice", bare.find("#username").get(0).getDomProperty("value"), "the name in use is offered");
        bare.join("Alice", room).awaitLive();
        assertEquals("", bare.joinError());
        assertEquals(room, shownRoom(bare));
        assertEquals(token, bare.storedToken(room), "the same member, not a new join");
    }

    @Test
    void aSecondRoomKeepsPresenceInTheFirstAndCountsItsUnreadMessages(TestRooms rooms, Browsers browsers) {
        String lobby = rooms.next();
        String design = rooms.next();
        ChatPage alice = browsers.join("alice", lobby);
        ChatPage bob = browsers.join("bob", lobby);
        alice.await(d -> alice.members().size() == 2);

        // create a room by name from the list: alice joins it under her name, and stays in the first
        WebElement name = alice.find("#new-room").get(0);
        name.sendKeys(design, Keys.ENTER);
        alice.await(d -> design.equals(shownRoom(alice)) && "live".equals(alice.state()));
        alice.await(d -> alice.members().equals(List.of("alice(you)")));
        alice.await(d -> alice.myRooms().equals(List.of(lobby + "|2 here|0", design + "|1 here|0")));
        assertTrue(alice.driver().getCurrentUrl().endsWith("#" + design));

        Awaitility.await("alice stays in " + lobby).during(PAST_GRACE).atMost(PAST_GRACE.plusSeconds(5))
                .until(() -> !bob.presenceLines().contains("alice left") && bob.members().contains("alice"));

        bob.send("ping from the lobby");
        alice.await(d -> alice.myRooms().contains(lobby + "|2 here|1"));
        assertFalse(alice.texts().contains("ping from the lobby"), "another room's message is not in this one");

        alice.find("[data-my-rooms] button[data-room='" + lobby + "']").get(0).click();
        alice.await(d -> lobby.equals(shownRoom(alice)) && alice.texts().contains("ping from the lobby"));
        alice.await(d -> alice.myRooms().contains(lobby + "|2 here|0"));

        // typing a room's address is opening it, not leaving this one
        String third = rooms.next();
        alice.script("location.hash = arguments[0]", third);
        alice.await(d -> alice.joinViewShown());
        assertEquals(third, alice.find("#room").get(0).getDomProperty("value"));
        Awaitility.await("alice stays in " + lobby + " at another room's join form").during(PAST_GRACE)
                .atMost(PAST_GRACE.plusSeconds(5)).until(() -> !bob.presenceLines().contains("alice left"));
    }

    @Test
    void onAPhoneTheListsAreDrawersAndNothingIsClipped(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        Browser browser = browsers.start();
        browser.windowSize(390, 844);
        ChatPage alice = browser.open(browsers.page()).join("alice", room).awaitLive();
        api.say(api.join(room, "carol"), "hello from carol");
        alice.await(d -> alice.texts().contains("hello from carol"));

        assertFalse(alice.find("[data-drawer=members]").get(0).isDisplayed(), "the member list takes no room by itself");
        assertFalse(alice.find("[data-drawer=rooms]").get(0).isDisplayed());
        double barBottom = rect(alice, "[data-bar]", "bottom");
        assertEquals(barBottom, rect(alice, "[data-scroller]", "top"), 1.0, "the conversation starts under the bar");

        WebElement people = alice.find("[data-drawer-toggle=members]").get(0);
        people.click();
        alice.awaitShown("[data-drawer=members]");
        assertEquals("true", people.getAttribute("aria-expanded"));
        alice.await(d -> alice.members().contains("alice(you)"));
        alice.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        alice.await(d -> !d.findElement(By.cssSelector("[data-drawer=members]")).isDisplayed());
        assertEquals(people, alice.driver().switchTo().activeElement(), "focus returns to the button");

        alice.find("[data-drawer-toggle=rooms]").get(0).click();
        alice.awaitShown("[data-drawer=rooms]");
        alice.await(d -> alice.myRooms().size() == 1);
        alice.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);

        for (int width : new int[] {390, 320}) {
            browser.windowSize(width, 640);
            assertEquals(Boolean.TRUE, alice.script("return document.documentElement.scrollWidth <= innerWidth"),
                    "no sideways scrolling at " + width + " px");
            List<String> clipped = alice.strings("return [...document.querySelectorAll("
                    + "'[data-bar] > *, [data-compose] > *, [data-log] .text')].filter(e => e.offsetParent !== null)"
                    + ".filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth + 0.5; })"
                    + ".map(e => e.outerHTML.slice(0, 80))");
            assertEquals(List.of(), clipped, "everything inside the " + width + " px wide screen");
        }
    }

    private static double rect(ChatPage page, String selector, String side) {
        return ((Number) page.script("return document.querySelector(arguments[0]).getBoundingClientRect()[arguments[1]]",
                selector, side)).doubleValue();
    }
}
