package dev.parley.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.browser.ChatPage.Message;
import dev.parley.testing.Api;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.ServerMetrics;
import dev.parley.testing.TestRooms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shipped chat page in real headless Chromium, against the app on Open Liberty. */
@ParleyIT(value = "browser", settings = {"parley.keepalive-seconds=1", "parley.presence.grace-seconds=3",
        "parley.rate.messages=1000"})
@ExtendWith(BrowserTests.class)
class BrowserChatIT {

    private static final Duration WAIT = ChatPage.WAIT;

    @Test
    void twoPeopleInTwoBrowsersChatBothWaysAndSeeTheirOwnMessageOnce(TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        ChatPage alice = browsers.join("alice", room);
        ChatPage bob = browsers.join("bob", room);

        alice.send("Hi Bob!");
        bob.await(d -> bob.texts().contains("Hi Bob!"));
        bob.send("Hello Alice.\nSecond line.");
        alice.await(d -> alice.texts().contains("Hello Alice.\nSecond line."));
        alice.await(d -> alice.texts().size() == 2);

        assertEquals(List.of(new Message("alice", "Hi Bob!", true), new Message("bob", "Hello Alice.\nSecond line.", false)),
                alice.messages(), "each message once, in order, own one marked");
        assertEquals(List.of(new Message("alice", "Hi Bob!", false), new Message("bob", "Hello Alice.\nSecond line.", true)),
                bob.messages());
        assertEquals("", alice.draft(), "Enter sent the message and cleared the box");
    }

    @Test
    void memberListsFollowJoinAndLeave(TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        ChatPage alice = browsers.join("alice", room);
        alice.await(d -> alice.members().equals(List.of("alice(you)")));

        ChatPage bob = browsers.join("bob", room);
        alice.await(d -> alice.members().equals(List.of("alice(you)", "bob")));
        alice.await(d -> alice.presenceLines().contains("bob joined"));
        bob.await(d -> bob.members().equals(List.of("alice", "bob(you)")));

        bob.leave();
        alice.await(d -> alice.members().equals(List.of("alice(you)")));
        alice.await(d -> alice.presenceLines().contains("bob left"));
        assertNull(bob.storedToken(room), "leaving forgets the identity");
    }

    @Test
    void untrustedTextIsShownAsTextAndNeverRuns(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        ChatPage alice = browsers.join("alice", room);
        Api.Member mallory = api.join(room, "mallory");
        String attack = "<img src=x onerror=window.__xss=1><script>window.__xss=2</script>";
        api.say(mallory, attack);
        alice.await(d -> alice.texts().contains(attack));
        assertNull(alice.script("return window.__xss"), "the markup did not run");
        assertTrue(alice.find("[data-log] img").isEmpty(), "no element was made from the text");
        assertTrue(alice.find("[data-log] script").isEmpty());
    }

    @Test
    void aCutStreamRecoversWithNoLostAndNoDuplicatedMessages(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        try (SeverableProxy proxy = new SeverableProxy(api.base())) {
            ChatPage alice = browsers.start().open(proxy.url()).join("alice", room).awaitLive();
            Api.Member carol = api.join(room, "carol");
            List<String> sent = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 5; i++) {
                    String text = "before-cut-" + round + "-" + i;
                    api.say(carol, text);
                    sent.add(text);
                }
                proxy.sever(true);
                alice.await(d -> !"live".equals(alice.state()));
                // posted while alice is cut off
                for (int i = 0; i < 5; i++) {
                    String text = "during-cut-" + round + "-" + i;
                    api.say(carol, text);
                    sent.add(text);
                }
                proxy.restore();
                alice.awaitLive();
            }
            alice.await(d -> alice.texts().size() >= sent.size());
            assertEquals(sent, alice.texts(), "every message once, in order, across three cuts");
        }
    }

    @Test
    void whenItsNameIsGoneThePageJoinsAgainByItselfAndMissesNothing(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        ChatPage alice = browsers.join("alice", room);
        Api.Member carol = api.join(room, "carol");
        api.say(carol, "one");
        alice.await(d -> alice.texts().contains("one"));
        String oldToken = alice.storedToken(room);

        // the name is freed behind the page's back (as when it expires): its stream ends and the token fails
        assertEquals(204, api.leave(new Api.Member(room, "alice", oldToken)).statusCode());
        api.say(carol, "two");
        api.say(carol, "three");

        alice.await(d -> alice.texts().equals(List.of("one", "two", "three")));
        alice.awaitLive();
        String newToken = alice.storedToken(room);
        assertFalse(newToken == null || newToken.equals(oldToken), "joined again, with a new token");
        alice.send("back");
        alice.await(d -> alice.messages().contains(new Message("alice", "back", true)));
    }

    @Test
    void threeTabsOfOneIdentityHoldOneStreamAndHandItOverWhenTheLeaderCloses(Api api, TestRooms rooms, Browsers browsers,
            ServerMetrics metrics) {
        String room = rooms.next();
        Browser browser = browsers.start();
        browser.open(browsers.page()).join("dana", room).awaitLive();
        String firstTab = browser.driver().getWindowHandle();
        String url = browser.driver().getCurrentUrl();
        List<String> tabs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            tabs.add(browser.newTab(url));
            new ChatPage(browser.driver()).awaitLive();
        }
        metrics.awaitStreamsOpen(1, WAIT);

        Api.Member erin = api.join(room, "erin");
        api.say(erin, "to all tabs");
        for (String tab : List.of(firstTab, tabs.get(0), tabs.get(1))) {
            browser.driver().switchTo().window(tab);
            ChatPage page = new ChatPage(browser.driver());
            page.await(d -> page.texts().contains("to all tabs"));
            assertEquals(1, Collections.frequency(page.texts(), "to all tabs"));
        }
        assertEquals(1, metrics.streamsOpen(), "three tabs, one stream");

        // the leader closes; another tab takes the stream over, and nothing posted meanwhile is lost or repeated
        browser.driver().switchTo().window(firstTab);
        browser.driver().close();
        List<String> posted = new ArrayList<>(List.of("to all tabs"));
        for (int i = 0; i < 10; i++) {
            api.say(erin, "handover-" + i);
            posted.add("handover-" + i);
        }
        for (String tab : tabs) {
            browser.driver().switchTo().window(tab);
            ChatPage page = new ChatPage(browser.driver());
            page.await(d -> page.texts().size() >= posted.size());
            assertEquals(posted, page.texts());
        }
        metrics.awaitStreamsOpen(1, WAIT);
    }

    @Test
    void aReloadKeepsTheIdentityAndShowsNoLeaveOrJoin(TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        ChatPage alice = browsers.join("alice", room);
        Browser bobs = browsers.start();
        ChatPage bob = bobs.open(browsers.page()).join("bob", room).awaitLive();
        alice.await(d -> alice.presenceLines().contains("bob joined"));
        String token = bob.storedToken(room);

        bobs.driver().navigate().refresh();
        bob.awaitLive();
        assertFalse(bob.joinViewShown(), "back in the room, not at the join form");
        assertEquals(token, bob.storedToken(room));
        bob.send("still me");
        alice.await(d -> alice.messages().contains(new Message("bob", "still me", false)));

        // a real leave shows once; had the reload flapped, there would be two of each line
        bob.leave();
        alice.await(d -> alice.presenceLines().contains("bob left"));
        assertEquals(1, Collections.frequency(alice.presenceLines(), "bob joined"), alice.presenceLines().toString());
        assertEquals(1, Collections.frequency(alice.presenceLines(), "bob left"), alice.presenceLines().toString());
    }

    @Test
    void showsRecentHistoryOnEntryAndLoadsEarlierMessagesOnRequest(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        List<String> sent = api.sayMany(api.join(room, "carol"), 60);
        ChatPage alice = browsers.join("alice", room);
        alice.await(d -> alice.texts().size() == 50);
        assertEquals(sent.subList(10, 60), alice.texts(), "the latest 50 on entry");
        alice.loadEarlier();
        alice.await(d -> alice.texts().size() == 60);
        assertEquals(sent, alice.texts());
        alice.await(d -> !alice.canLoadEarlier());
    }

    @Test
    void countsUnreadMessagesInTheTitleWhileTheTabIsHidden(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        Browser browser = browsers.start();
        browser.open(browsers.page()).join("alice", room).awaitLive();
        String chatTab = browser.driver().getWindowHandle();
        // another tab in front hides the chat's tab
        browser.newTab("about:blank");

        Api.Member carol = api.join(room, "carol");
        api.say(carol, "psst");
        api.say(carol, "are you there?");
        Awaitility.await().atMost(WAIT).until(() -> browser.tabTitle(room).startsWith("(2) "));

        browser.driver().close();
        browser.driver().switchTo().window(chatTab);
        Awaitility.await().atMost(WAIT).until(() -> browser.driver().getTitle().equals(room + " · Parley"));
    }

    @Test
    void theTokenNeverTravelsInAUrlNotEvenAcrossReloadsAndCuts(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        try (SeverableProxy proxy = new SeverableProxy(api.base())) {
            Browser browser = browsers.start();
            ChatPage alice = browser.open(proxy.url()).join("alice", room).awaitLive();
            Set<String> tokens = new HashSet<>();
            tokens.add(alice.storedToken(room));
            alice.sendAndAwait("hello");
            browser.driver().navigate().refresh();
            alice.awaitLive();
            proxy.sever(true);
            alice.await(d -> !"live".equals(alice.state()));
            proxy.restore();
            alice.awaitLive();
            // the name freed behind the page's back: it joins again, with a new token, and that one stays out too
            assertEquals(204, api.leave(new Api.Member(room, "alice", alice.storedToken(room))).statusCode());
            alice.await(d -> !tokens.contains(alice.storedToken(room)) && alice.storedToken(room) != null);
            alice.awaitLive();
            tokens.add(alice.storedToken(room));

            List<String> urls = browser.requestUrls();
            long streams = urls.stream().filter(url -> url.contains("/api/rooms/" + room + "/events")).count();
            assertTrue(streams >= 3, "the log saw the page's streams: " + urls);
            for (String url : urls) {
                for (String token : tokens) {
                    assertFalse(url.contains(token), "a request URL carries the token: " + url);
                }
                assertFalse(url.contains("token="), url);
            }
        }
    }

    @Test
    void theScreenReaderLogAnnouncesLiveMessagesOnlyNotTheReplay(Api api, TestRooms rooms, Browsers browsers) {
        String room = rooms.next();
        Api.Member carol = api.join(room, "carol");
        for (int i = 1; i <= 36; i++) {
            api.say(carol, "old " + i);
        }
        ChatPage alice = browsers.join("alice", room);
        alice.await(d -> alice.texts().size() == 36);
        assertEquals("log", alice.find("[data-announcer]").get(0).getAttribute("role"));
        api.say(carol, "live one");
        alice.await(d -> alice.texts().contains("live one"));
        alice.sendAndAwait("my own");
        api.say(carol, "live two");
        alice.await(d -> alice.announced().size() == 2);
        assertEquals(List.of("carol: live one", "carol: live two"), alice.announced(),
                "only live messages from others are announced, never the 36 replayed");
    }
}
