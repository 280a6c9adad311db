package dev.parley.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.EventReader;
import dev.parley.testing.ParleyIT;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The page in each state a person meets (join, chat, two rooms, phone, dark) checked by axe-core, with a screenshot
 * of each in target/screenshots (docs/ holds the committed copies). Offline and resync: BrowserRestartIT.
 */
@ParleyIT(value = "browser-screens", settings = {"parley.keepalive-seconds=1", "parley.presence.grace-seconds=2",
        "parley.rate.messages=1000"})
@ExtendWith(BrowserTests.class)
class BrowserScreensIT {

    static final Path SHOTS = Path.of("target", "screenshots");

    @Test
    void everyStateHasNoAxeViolationsInLightDarkAndOnAPhone(Api api, Browsers browsers) {
        String room = "design-review";
        String other = "release";
        Api.Member zoe = api.join(room, "zoë");
        Api.Member ari = api.join(room, "ari");
        api.join(other, "maya");
        try (EventReader zoes = EventReader.open(api.uri("api/rooms/" + room + "/events?token=" + zoe.token()));
             EventReader aris = EventReader.open(api.uri("api/rooms/" + room + "/events?token=" + ari.token()))) {
            Browser browser = browsers.start();
            zoes.awaitRetry(ChatPage.WAIT);
            aris.awaitRetry(ChatPage.WAIT);
            ChatPage sam = browser.open(browsers.page());
            sam.awaitShown("[data-rooms] button");
            Axe.assertNoViolations(sam, "join");

            sam.join("b o b", room);
            sam.await(d -> !sam.joinError().isEmpty());
            assertEquals("true", sam.find("#username").get(0).getAttribute("aria-invalid"), "the name at fault is marked");
            Axe.assertNoViolations(sam, "join, after a refused name");

            sam.join("sam", room).awaitLive();
            api.say(zoe, "Morning! Is the deploy still on for today?");
            sam.send("Yes, at 14:00. Release notes: https://example.org/releases/2.4");
            sam.await(d -> sam.texts().size() == 2);
            api.say(ari, "I'll watch the dashboards.\nPing me if the error rate moves.");
            api.say(ari, "Also: the rollback plan is in the same doc.");
            api.say(zoe, "<b>Bold</b> claims stay plain text here. שלום לכולם!");
            sam.await(d -> sam.texts().size() == 5 && sam.members().size() == 3);
            sam.await(d -> sam.distanceFromBottom() <= 1);

            assertEquals("Live", sam.script("return document.querySelector('[data-status]').textContent"),
                    "the status is its words, with no dot character to read out");
            assertEquals("\"\"", sam.script("return getComputedStyle(document.querySelector('[data-status]'), '::before').content"));
            browser.colorScheme("light");
            Axe.assertNoViolations(sam, "chat");
            browser.screenshot(SHOTS.resolve("chat-light.png"));
            browser.colorScheme("dark");
            Axe.assertNoViolations(sam, "chat, dark");
            browser.screenshot(SHOTS.resolve("chat-dark.png"));
            browser.colorScheme("light");

            // the conversation changes: an edit, a delete, someone typing, and the menu of sam's own message open
            String rollback = sam.idOf("Also: the rollback plan is in the same doc.");
            String morning = sam.idOf("Morning! Is the deploy still on for today?");
            assertEquals(204, api.delete(ari, rollback).statusCode());
            assertEquals(200, api.edit(zoe, morning, "Morning! Is the deploy still on for 14:00 today?").statusCode());
            sam.await(d -> sam.lines().contains("ari: [message deleted]")
                    && sam.lines().contains("zoë: Morning! Is the deploy still on for 14:00 today? (edited)"));
            assertEquals(202, api.typing(ari).statusCode());
            sam.await(d -> "ari is typing…".equals(sam.typingLine()));
            WebElement mine = sam.actions("Yes, at 14:00. Release notes: https://example.org/releases/2.4");
            sam.script("arguments[0].focus()", mine);
            sam.press(Keys.ENTER);
            sam.await(d -> !sam.menuItems().isEmpty());
            Axe.assertNoViolations(sam, "edited, deleted, typing, menu open");
            browser.screenshot(SHOTS.resolve("chat-conversation.png"));
            browser.colorScheme("dark");
            Axe.assertNoViolations(sam, "edited, deleted, typing, menu open, dark");
            browser.colorScheme("light");
            sam.press(Keys.ESCAPE);

            // a second room: sam stays in the first, which counts what he misses there
            sam.find("#new-room").get(0).sendKeys(other, Keys.ENTER);
            sam.await(d -> other.equals(d.findElement(By.cssSelector("[data-room-name]")).getText()) && "live".equals(sam.state()));
            api.say(ari, "Dashboards are green.");
            api.say(zoe, "Shipping it.");
            sam.await(d -> sam.myRooms().contains(room + "|3 here|2"));
            assertEquals(room + ", 3 here, 2 unread", sam.script(
                    "return document.querySelector('[data-my-rooms] button[data-room=\"' + arguments[0] + '\"]').textContent", room),
                    "a room button reads as words, not \"design-review3 here\"");
            sam.sendAndAwait("Release channel is open.");
            Axe.assertNoViolations(sam, "two rooms");
            browser.screenshot(SHOTS.resolve("chat-rooms.png"));

            sam.find("[data-my-rooms] button[data-room='" + room + "']").get(0).click();
            sam.await(d -> sam.texts().contains("Shipping it."));
            browser.windowSize(390, 844);
            assertEquals(Boolean.TRUE, sam.script("return document.documentElement.scrollWidth <= innerWidth"),
                    "no sideways scrolling at 390 px");
            sam.await(d -> sam.distanceFromBottom() <= 1);
            Axe.assertNoViolations(sam, "phone");
            browser.screenshot(SHOTS.resolve("chat-phone.png"));
            browser.colorScheme("dark");
            Axe.assertNoViolations(sam, "phone, dark");
            sam.find("[data-drawer-toggle=members]").get(0).click();
            sam.awaitShown("[data-drawer=members]");
            Axe.assertNoViolations(sam, "phone, member drawer open");
            browser.colorScheme("light");
            assertTrue(sam.members().contains("sam(you)"));
        }
    }
}
