package dev.parley.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.backplane.control.Backplane.JoinOutcome;
import dev.parley.backplane.control.BackplaneUnavailableException;
import dev.parley.backplane.control.RedisBackplane;
import dev.parley.backplane.entity.HistoryGap;
import dev.parley.rooms.entity.ChatEvent;
import dev.parley.rooms.entity.EventIds;
import dev.parley.rooms.entity.EventType;
import dev.parley.rooms.entity.Member;
import dev.parley.testing.RedisServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two Redis backplanes, as two servers would hold them, against one real redis-server. */
class RedisBackplaneIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static RedisServer redis;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<ChatEvent> deliveredToA = new CopyOnWriteArrayList<>();
    private final List<ChatEvent> deliveredToB = new CopyOnWriteArrayList<>();
    private final List<HistoryGap> gapsAtB = new CopyOnWriteArrayList<>();
    private RedisBackplane a;
    private RedisBackplane b;
    private String room;

    @BeforeAll
    static void redis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void servers() {
        a = backplane(deliveredToA::add, gap -> { }, 20);
        b = backplane(deliveredToB::add, gapsAtB::add, 20);
        await().atMost(WAIT).until(() -> a.available() && b.available());
        room = "r-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private RedisBackplane backplane(java.util.function.Consumer<ChatEvent> delivered,
                                     java.util.function.Consumer<HistoryGap> gaps, int retain) {
        RedisBackplane backplane = new RedisBackplane(delivered, gaps, scheduler, Executors.defaultThreadFactory(),
                redis.url(), retain, 1000, Clock.systemUTC());
        backplane.start();
        return backplane;
    }

    @AfterEach
    void stop() {
        a.stop();
        b.stop();
        scheduler.shutdownNow();
    }

    private static List<String> ids(List<ChatEvent> events) {
        return events.stream().map(ChatEvent::id).toList();
    }

    @Test
    void namesAreUniqueAcrossServersAndATokenWorksOnAll() {
        Member bob = Member.of(room, "Bob");
        assertEquals(JoinOutcome.JOINED, a.join(bob, "hash-1", Instant.now()));
        assertEquals(JoinOutcome.NAME_TAKEN, b.join(Member.of(room, "ｂｏｂ"), "hash-2", Instant.now()));
        assertEquals(Optional.of(bob), b.member("hash-1"));
        assertTrue(b.leave(bob));
        assertEquals(Optional.empty(), a.member("hash-1"));
        assertEquals(JoinOutcome.JOINED, a.join(Member.of(room, "bob"), "hash-3", Instant.now()));
    }

    @Test
    void everyServerGetsEveryEventInOneOrderWithTheSameIds() {
        a.follow(room);
        b.follow(room);
        for (int i = 0; i < 15; i++) {
            (i % 2 == 0 ? a : b).publish(room, EventType.USERMESSAGE, "bob", "m" + i);
        }
        await().atMost(WAIT).until(() -> deliveredToA.size() == 15 && deliveredToB.size() == 15);
        assertEquals(ids(deliveredToA), ids(deliveredToB));
        assertTrue(gapsAtB.isEmpty());
        for (int i = 1; i < 15; i++) {
            assertTrue(EventIds.compare(deliveredToA.get(i - 1).id(), deliveredToA.get(i).id()) < 0);
            assertEquals("m" + i, deliveredToA.get(i).text());
        }
    }

    @Test
    void aServerThatFellBehindFurtherThanHistoryReportsTheGapInsteadOfSkippingSilently() throws Exception {
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        List<ChatEvent> slow = new CopyOnWriteArrayList<>();
        List<HistoryGap> gaps = new CopyOnWriteArrayList<>();
        RedisBackplane lagging = backplane(event -> {
            slow.add(event);
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, gaps::add, 20);
        try {
            await().atMost(WAIT).until(lagging::available);
            lagging.follow(room);
            a.publish(room, EventType.USERMESSAGE, "bob", "first");
            await().atMost(WAIT).until(() -> slow.size() == 1);
            // the lagging server's reader is busy with "first" while 30 more go by a history of 20
            for (int i = 0; i < 30; i++) {
                a.publish(room, EventType.USERMESSAGE, "bob", "m" + i);
            }
            stuck.countDown();
            await().atMost(WAIT).until(() -> gaps.size() == 1);
            assertEquals(new HistoryGap(room), gaps.get(0));
            await().atMost(WAIT).until(() -> slow.size() == 21);
            assertEquals("m10", slow.get(1).text(), "delivery goes on from what history still holds");
        } finally {
            lagging.stop();
        }
    }

    @Test
    void aRoomFollowedLaterIsDeliveredFromTheNewestEventAtThatMoment() {
        a.publish(room, EventType.USERMESSAGE, "bob", "before");
        b.follow(room);
        ChatEvent after = a.publish(room, EventType.USERMESSAGE, "bob", "after");
        await().atMost(WAIT).until(() -> deliveredToB.size() == 1);
        assertEquals(after, deliveredToB.get(0));
        b.unfollow(room);
        a.publish(room, EventType.USERMESSAGE, "bob", "unfollowed");
        a.follow(room);
        ChatEvent marker = a.publish(room, EventType.USERMESSAGE, "bob", "marker");
        await().atMost(WAIT).until(() -> deliveredToA.contains(marker));
        assertEquals(1, deliveredToB.size(), "nothing for a room no longer followed");
    }

    @Test
    void replaysAfterARetainedIdPagesMessagesAndKeepsOnlyTheRetainedHistory() {
        List<ChatEvent> posted = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            posted.add(a.publish(room, i % 5 == 0 ? EventType.USERCONNECT : EventType.USERMESSAGE, "bob", i % 5 == 0 ? null : "m" + i));
        }
        List<ChatEvent> retained = posted.subList(5, 25);
        assertEquals(retained, b.latest(room, 100), "trimmed to the 20 retained");
        assertEquals(posted.subList(22, 25), b.latest(room, 3));
        assertEquals(posted.subList(11, 25), b.after(room, posted.get(10).id()).orElseThrow());
        assertEquals(Optional.empty(), b.after(room, posted.get(2).id()), "trimmed");
        assertEquals(Optional.empty(), b.after(room, "1-0"));
        assertEquals(Optional.empty(), b.after(room, "junk"));
        List<ChatEvent> messages = b.messages(room, null, 3).orElseThrow();
        assertEquals(List.of("m22", "m23", "m24"), messages.stream().map(ChatEvent::text).toList());
        assertEquals(List.of("m18", "m19", "m21"), b.messages(room, messages.get(0).id(), 3).orElseThrow()
                .stream().map(ChatEvent::text).toList());
        assertEquals(Optional.empty(), b.messages(room, "1-0", 3));
    }

    @Test
    void connectsOnceAcrossServersAndDisconnectsOnlyWhenNoServerHoldsTheMember() {
        Member bob = Member.of(room, "bob");
        a.join(bob, "h", Instant.now());
        Instant now = Instant.now();
        assertEquals(Set.of(), a.hold(List.of(bob), now, now.plusSeconds(30)));
        assertEquals(Set.of(), b.hold(List.of(bob), now, now.plusSeconds(30)));
        assertEquals(EventType.USERCONNECT, a.connect(bob, now).orElseThrow().type());
        assertTrue(b.connect(bob, now).isEmpty(), "once, whichever server asks");
        assertEquals("bob", b.connected(room).get(0).username());

        // a's last stream closes and its grace period ends; b still holds bob
        a.hold(List.of(bob), now, now.plusSeconds(2));
        assertTrue(a.disconnect(bob, now.plusSeconds(3), false).isEmpty());
        // b dies: its hold lapses, and a survivor disconnects bob, once
        assertTrue(a.disconnectUnheld(now.plusSeconds(10)).isEmpty(), "b's hold has not lapsed yet");
        List<ChatEvent> gone = a.disconnectUnheld(now.plusSeconds(31));
        assertEquals(1, gone.size());
        assertEquals(EventType.USERDISCONNECT, gone.get(0).type());
        assertTrue(b.disconnect(bob, now.plusSeconds(32), true).isEmpty());
        assertTrue(a.connected(room).isEmpty());
        assertEquals(0, a.rooms().stream().filter(r -> r.name().equals(room)).findFirst().orElseThrow().members());
    }

    @Test
    void countsPostsInOneWindowAcrossServers() {
        Member bob = Member.of(room, "bob");
        a.join(bob, "h", Instant.now());
        Instant now = Instant.now();
        assertEquals(Duration.ZERO, a.admit(bob, 2, Duration.ofSeconds(10), now));
        assertEquals(Duration.ZERO, b.admit(bob, 2, Duration.ofSeconds(10), now.plusSeconds(1)));
        assertEquals(Duration.ofSeconds(9), a.admit(bob, 2, Duration.ofSeconds(10), now.plusSeconds(1)));
        assertEquals(Duration.ZERO, b.admit(bob, 2, Duration.ofSeconds(10), now.plusSeconds(10)));
    }

    @Test
    void releasesIdleNamesButNotHeldOnes() {
        Member idle = Member.of(room, "idle");
        Member busy = Member.of(room, "busy");
        Instant then = Instant.now().minusSeconds(100);
        a.join(idle, "h-idle", then);
        a.join(busy, "h-busy", then);
        b.hold(List.of(busy), Instant.now(), Instant.now().plusSeconds(30));
        List<Member> expired = await().atMost(WAIT).until(() -> a.expire(Instant.now().minusSeconds(50)), list -> !list.isEmpty());
        assertEquals(List.of(idle), expired);
        assertEquals(Optional.empty(), b.member("h-idle"));
        assertEquals(Optional.of(busy), b.member("h-busy"));
    }

    @Test
    void failsFastWhileRedisIsAwayAndCatchesUpWhenItReturns() {
        a.follow(room);
        ChatEvent before = b.publish(room, EventType.USERMESSAGE, "bob", "before");
        await().atMost(WAIT).until(() -> deliveredToA.contains(before));

        redis.kill();
        assertThrows(BackplaneUnavailableException.class, () -> b.publish(room, EventType.USERMESSAGE, "bob", "lost?"));
        await().atMost(WAIT).until(() -> !a.available() && !b.available());

        redis.restart();
        await().atMost(WAIT).until(() -> a.available() && b.available());
        ChatEvent after = await().atMost(WAIT).ignoreExceptions()
                .until(() -> b.publish(room, EventType.USERMESSAGE, "bob", "after"), event -> true);
        await().atMost(WAIT).until(() -> deliveredToA.contains(after));
        assertEquals(List.of("before", "after"), deliveredToA.stream().map(ChatEvent::text).toList());
        assertEquals(List.of(before, after), a.latest(room, 10), "history survived the restart, nothing half-written");
        assertFalse(a.latest(room, 10).stream().anyMatch(e -> "lost?".equals(e.text())));
    }
}
