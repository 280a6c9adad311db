package dev.parley.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.EventReader;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.TestRooms;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** Issue 13: messages stay in view, and the conversation reads at a glance. Positions are asserted in pixels. */
@ParleyIT(value = "browser-reading", settings = {"parley.keepalive-seconds=1", "parley.presence.grace-seconds=2",
        "parley.rate.messages=1000"})
@ExtendWith(BrowserTests.class)
class BrowserReadingIT {

    /** A page at the bottom is within a pixel of it (rounding of fractional layout). */
    private static final long AT_BOTTOM = 1;

    private static Api.Member withHistory(Api api, String room, int messages) {
        Api.Member carol = api.join(room, "carol");
        api.sayMany(carol, messages);
        return carol;
    }

    private static void assertAtBottom(ChatPage page, String when) {
        page.await(d -> page.distanceFromBottom() <= AT_BOTTOM);
        assertTrue(page.distanceFromBottom() <= AT_BOTTOM, when + ": " + page.distanceFromBottom() + " px from the bottom");
    }

    @Test
    void onAPhoneOwnMessagesAndRepliesStayInViewWithTheLoadEarlierButtonShown(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        Api.Member carol = withHistory(api, room, 60);
        Browser browser = browsers.start();
        browser.windowSize(390, 844);
        ChatPage alice = browser.open(browsers.page()).join("alice", room).awaitLive();
        alice.await(d -> alice.texts().size() == 50);
        alice.await(d -> alice.canLoadEarlier());
        assertAtBottom(alice, "after the replay and the load-earlier button");

        for (int i = 1; i <= 3; i++) {
            String mine = "mine " + i + "\nwith a second line";
            alice.sendAndAwait(mine);
            assertAtBottom(alice, "after sending " + i);
            String reply = "reply " + i + ": " + "a longer reply that wraps over several lines on a phone ".repeat(3).trim();
            api.say(carol, reply);
            alice.await(d -> alice.texts().contains(reply));
            assertAtBottom(alice, "after reply " + i);
        }

        // the composer grows with a three-line draft; the view shrinks, and stays at the bottom
        WebElement input = alice.find("#message").get(0);
        long before = ((Number) alice.script("return arguments[0].clientHeight", input)).longValue();
        input.sendKeys("one", Keys.chord(Keys.SHIFT, Keys.ENTER), "two", Keys.chord(Keys.SHIFT, Keys.ENTER), "three");
        alice.await(d -> ((Number) alice.script("return arguments[0].clientHeight", input)).longValue() > before);
        assertEquals(Boolean.TRUE, alice.script("return arguments[0].scrollHeight <= arguments[0].clientHeight + 1", input),
                "a three-line draft is not clipped");
        assertAtBottom(alice, "after the composer grew");

        browser.windowSize(1920, 1080);
        assertAtBottom(alice, "after the window grew to 1920 × 1080");

        // on a desktop from the start: the load-earlier button appearing above does not push the view off the bottom
        Browser desktop = browsers.start();
        desktop.windowSize(1920, 1080);
        ChatPage bob = desktop.open(browsers.page()).join("bob", room).awaitLive();
        bob.await(d -> bob.canLoadEarlier() && bob.texts().contains("reply 3: " + "a longer reply that wraps over several lines on a phone ".repeat(3).trim()));
        assertAtBottom(bob, "on a desktop after the replay and the load-earlier button");
        bob.sendAndAwait("bob here");
        assertAtBottom(bob, "on a desktop after sending");
    }

    @Test
    void readingOlderMessagesIsNeverYankedAndNewOnesAreCountedBelow(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        Api.Member carol = withHistory(api, room, 40);
        ChatPage alice = browsers.join("alice", room);
        alice.await(d -> alice.texts().size() == 40);
        assertAtBottom(alice, "on entry");

        alice.scrollTo(100);
        alice.await(d -> alice.scrollTop() == 100);
        for (int i = 1; i <= 3; i++) {
            api.say(carol, "new " + i);
        }
        alice.await(d -> alice.texts().contains("new 3"));
        alice.await(d -> alice.newMessagesButton().startsWith("3 new messages"));
        assertEquals(100, alice.scrollTop(), "the reader stays where they were, to the pixel");
        assertTrue(alice.distanceFromBottom() > 100);

        alice.find("[data-new-messages]").get(0).click();
        assertAtBottom(alice, "after the new-messages button");
        alice.await(d -> alice.newMessagesButton().isEmpty());

        // sending always brings the reader down
        alice.scrollTo(0);
        alice.await(d -> alice.scrollTop() == 0);
        alice.sendAndAwait("my answer");
        assertAtBottom(alice, "after sending while scrolled up");
    }

    @Test
    void loadingEarlierKeepsTheViewAndTheFocusStaysInTheConversation(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        withHistory(api, room, 60);
        ChatPage alice = browsers.join("alice", room);
        alice.await(d -> alice.texts().size() == 50);
        alice.scrollTo(0);
        WebElement earlier = alice.awaitShown("[data-earlier]");
        // the keyboard reaches the button first (the browser scrolls it into view), then the view is measured
        alice.script("arguments[0].focus()", earlier);
        String firstShown = "m11";
        double top = top(alice, firstShown);
        earlier.sendKeys(Keys.ENTER);
        alice.await(d -> alice.texts().size() == 60);
        alice.await(d -> !alice.canLoadEarlier());
        assertEquals(top, top(alice, firstShown), 1.0, "what was in view stays in view, within a pixel");
        assertEquals(Boolean.TRUE, alice.script("return document.activeElement === document.querySelector('[data-scroller]')"),
                "focus moved to the conversation when the button went away");
    }

    private static double top(ChatPage page, String text) {
        return ((Number) page.script("return [...document.querySelectorAll('[data-log] .message')]"
                + ".find(m => m.querySelector('.text').textContent === arguments[0]).getBoundingClientRect().top", text))
                .doubleValue();
    }

    @Test
    void groupsBySenderWithInitialsStableColoursAndDaySeparators(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        Api.Member carol = api.join(room, "carol");
        Api.Member dave = api.join(room, "dave-o");
        api.say(carol, "one");
        api.say(carol, "two");
        api.say(carol, "three");
        api.say(dave, "four");
        api.say(carol, "five");
        ChatPage alice = browsers.join("alice", room);
        ChatPage bob = browsers.join("bob", room);
        alice.await(d -> alice.texts().size() == 5);

        List<String> rows = alice.strings("return [...document.querySelectorAll('[data-log] .message')].map(m =>"
                + " (m.classList.contains('first') ? '+' + m.querySelector('.avatar').textContent + ' ' : '  ')"
                + " + m.querySelector('.text').textContent)");
        assertEquals(List.of("+C one", "  two", "  three", "+DO four", "+C five"), rows,
                "consecutive messages by one sender are one group under one avatar with initials");
        assertEquals("Today", alice.find("[data-log] .day").get(0).getText(), "a day separator heads today's messages");
        String title = alice.find("[data-log] .message time").get(0).getAttribute("title");
        assertTrue(title.matches(".*\\b20\\d\\d\\b.*"), "the full date is on the time: " + title);

        bob.await(d -> bob.texts().size() == 5);
        assertEquals(avatarColour(alice, "carol"), avatarColour(bob, "carol"), "a name has the same colour for everyone");
        assertEquals(avatarColour(alice, "carol"), alice.script("return getComputedStyle([...document.querySelectorAll("
                + "'[data-log] .message.first')].find(m => m.dataset.username === 'carol').querySelector('.who')).color"),
                "the name is written in its avatar's colour");
    }

    private static String avatarColour(ChatPage page, String username) {
        return (String) page.script("const m = [...document.querySelectorAll('[data-log] .message.first')]"
                + ".find(m => m.dataset.username === arguments[0]); return getComputedStyle(m.querySelector('.avatar')).backgroundColor",
                username);
    }

    @Test
    void joinsAndLeavesInARowCollapseIntoOneLine(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        ChatPage alice = browsers.join("alice", room);
        api.say(api.join(room, "carol"), "welcome, everyone");
        alice.await(d -> alice.texts().contains("welcome, everyone"));
        for (String name : List.of("dan", "erin", "fay")) {
            Api.Member member = api.join(room, name);
            browsers.closeAfter(EventReader.open(api.uri("api/rooms/" + room + "/events?token=" + member.token())));
        }
        alice.await(d -> alice.presenceLines().containsAll(List.of("dan joined", "erin joined", "fay joined")));
        List<String> summaries = alice.strings(
                "return [...document.querySelectorAll('[data-log] .presence summary')].map(s => s.firstChild.textContent)");
        assertEquals(List.of("3 people joined"), summaries, "three joins in a row are one line");
        assertFalse(alice.find("[data-log] .presence details").get(0).getDomProperty("open").equals("true"),
                "the single lines stay folded until asked for");
    }

    @Test
    void linksAreClickableSafelyAndOnlyForHttp(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        Api.Member carol = api.join(room, "carol");
        String text = "Docs at https://example.org/guide?x=1. Not javascript:alert(1) nor ftp://example.org/f";
        api.say(carol, text);
        ChatPage alice = browsers.join("alice", room);
        alice.await(d -> alice.texts().contains(text));
        List<WebElement> links = alice.find("[data-log] .text a");
        assertEquals(1, links.size(), "only the http(s) address is a link");
        WebElement link = links.get(0);
        assertEquals("https://example.org/guide?x=1", link.getAttribute("href"));
        assertEquals("https://example.org/guide?x=1", link.getText());
        assertEquals("_blank", link.getAttribute("target"));
        assertEquals("noopener noreferrer", link.getAttribute("rel"));
        assertEquals(text, alice.texts().get(0), "the text around the link is unchanged");
    }

    @Test
    void rightToLeftMessagesTakeTheirOwnDirection(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        Api.Member carol = api.join(room, "carol");
        List<String> texts = List.of("שלום! מה נשמע?", "مرحبا بالجميع!", "Hello there!");
        texts.forEach(text -> api.say(carol, text));
        ChatPage alice = browsers.join("alice", room);
        alice.await(d -> alice.texts().size() == 3);
        List<String> directions = alice.strings("return [...document.querySelectorAll('[data-log] .text')]"
                + ".map(p => p.getAttribute('dir') + ' ' + getComputedStyle(p).direction)");
        assertEquals(List.of("auto rtl", "auto rtl", "auto ltr"), directions,
                "Hebrew and Arabic run right to left, with their punctuation at their end");
    }

    @Test
    void theComposerCountsNearTheLimit(TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        ChatPage alice = browsers.join("alice", room);
        WebElement counter = alice.find("[data-counter]").get(0);
        alice.find("#message").get(0).sendKeys("short");
        assertFalse(counter.isDisplayed(), "no counter far from the limit");
        alice.script("const t = document.querySelector('#message'); t.value = 'x'.repeat(1700);"
                + "t.dispatchEvent(new Event('input', { bubbles: true }))");
        alice.await(d -> counter.isDisplayed());
        assertEquals("1,700 / 2,000", counter.getText());
        alice.find("#message").get(0).sendKeys("y".repeat(301));
        alice.await(d -> counter.getText().equals("1 over the limit of 2,000"));
    }

    @Test
    void onAWideScreenOwnMessagesLineUpWithTheOthers(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        Api.Member carol = api.join(room, "carol");
        Browser browser = browsers.start();
        browser.windowSize(1920, 1080);
        ChatPage alice = browser.open(browsers.page()).join("alice", room).awaitLive();
        api.say(carol, "from carol");
        alice.await(d -> alice.texts().contains("from carol"));
        alice.sendAndAwait("from alice");
        double mine = left(alice, "from alice");
        double theirs = left(alice, "from carol");
        assertEquals(theirs, mine, 1.0, "one flat, left-aligned list: own text starts where the others' does");
    }

    @Test
    void theOwnNameInTheMemberListKeepsYouOnOneLine(TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        ChatPage page = browsers.join("bartholomew_the_third_of_x", room);
        page.await(d -> page.members().equals(List.of("bartholomew_the_third_of_x(you)")));
        assertEquals(1L, ((Number) page.script("return document.querySelector('[data-members] .you').getClientRects().length"))
                .longValue(), "\"(you)\" is never broken across lines");
    }

    private static double left(ChatPage page, String text) {
        return ((Number) page.script("return [...document.querySelectorAll('[data-log] .message')]"
                + ".find(m => m.querySelector('.text').textContent === arguments[0]).querySelector('.text')"
                + ".getBoundingClientRect().left", text)).doubleValue();
    }
}
