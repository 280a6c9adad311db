package dev.parley.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.Deployments;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/** Issue 13: rooms at hand, the bare address remembers you, and a phone shows everything it has. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserRoomsIT {

    /** Longer than the grace period below: a leave would have been said by then. */
    private static final Duration PAST_GRACE = Duration.ofSeconds(4);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.parley("browser-rooms", Map.of(
                "parley.keepalive-seconds", "1",
                "parley.presence.grace-seconds", "2",
                "parley.rate.messages", "1000"));
    }

    @ArquillianResource
    URL base;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        Collections.reverse(closing);
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
    }

    private Browser browser() {
        Browser browser = Browser.start();
        closing.add(browser);
        return browser;
    }

    private static String room(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String shownRoom(ChatPage page) {
        return page.find("[data-room-name]").get(0).getText();
    }

    @Test
    void theBareAddressResumesTheLastRoomAndYourOwnNameIsYou() {
        String room = room("home");
        Browser browser = browser();
        ChatPage first = browser.open(base.toString()).join("alice", room).awaitLive();
        String token = first.storedToken(room);

        browser.driver().switchTo().newWindow(WindowType.TAB);
        ChatPage bare = browser.open(base.toString());
        bare.awaitLive();
        assertFalse(bare.joinViewShown(), "/ goes back to the room, not to the join form");
        assertEquals(room, shownRoom(bare));
        assertTrue(bare.driver().getCurrentUrl().endsWith("#" + room));

        // at the join form of another room, the stored name in this room is "you", not "taken"
        bare.script("location.hash = arguments[0]", room("elsewhere"));
        bare.await(d -> bare.joinViewShown());
        assertEquals("alice", bare.find("#username").get(0).getDomProperty("value"), "the name in use is offered");
        bare.join("Alice", room).awaitLive();
        assertEquals("", bare.joinError());
        assertEquals(room, shownRoom(bare));
        assertEquals(token, bare.storedToken(room), "the same member, not a new join");
    }

    @Test
    void aSecondRoomKeepsPresenceInTheFirstAndCountsItsUnreadMessages() {
        String lobby = room("lobby");
        String design = room("design");
        ChatPage alice = browser().open(base.toString()).join("alice", lobby).awaitLive();
        ChatPage bob = browser().open(base.toString()).join("bob", lobby).awaitLive();
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
        String third = room("third");
        alice.script("location.hash = arguments[0]", third);
        alice.await(d -> alice.joinViewShown());
        assertEquals(third, alice.find("#room").get(0).getDomProperty("value"));
        Awaitility.await("alice stays in " + lobby + " at another room's join form").during(PAST_GRACE)
                .atMost(PAST_GRACE.plusSeconds(5)).until(() -> !bob.presenceLines().contains("alice left"));
    }

    @Test
    void onAPhoneTheListsAreDrawersAndNothingIsClipped() {
        String room = room("phone");
        Browser browser = browser();
        browser.windowSize(390, 844);
        ChatPage alice = browser.open(base.toString()).join("alice", room).awaitLive();
        Api api = new Api(base);
        api.say(api.join(room, "carol"), "hello from carol");
        alice.await(d -> alice.texts().contains("hello from carol"));

        assertFalse(alice.find("[data-drawer=members]").get(0).isDisplayed(), "the member list takes no room by itself");
        assertFalse(alice.find("[data-drawer=rooms]").get(0).isDisplayed());
        double barBottom = rect(alice, "[data-bar]", "bottom");
        assertEquals(barBottom, rect(alice, "[data-scroller]", "top"), 1.0, "the conversation starts under the bar");

        WebElement people = alice.find("[data-drawer-toggle=members]").get(0);
        people.click();
        alice.await(d -> d.findElement(By.cssSelector("[data-drawer=members]")).isDisplayed());
        assertEquals("true", people.getAttribute("aria-expanded"));
        alice.await(d -> alice.members().contains("alice(you)"));
        alice.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        alice.await(d -> !d.findElement(By.cssSelector("[data-drawer=members]")).isDisplayed());
        assertEquals(people, alice.driver().switchTo().activeElement(), "focus returns to the button");

        alice.find("[data-drawer-toggle=rooms]").get(0).click();
        alice.await(d -> d.findElement(By.cssSelector("[data-drawer=rooms]")).isDisplayed());
        alice.await(d -> alice.myRooms().size() == 1);
        alice.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);

        for (int width : new int[] {390, 320}) {
            browser.windowSize(width, 640);
            assertEquals(Boolean.TRUE, alice.script("return document.documentElement.scrollWidth <= innerWidth"),
                    "no sideways scrolling at " + width + " px");
            @SuppressWarnings("unchecked")
            List<String> clipped = (List<String>) alice.script("return [...document.querySelectorAll("
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
