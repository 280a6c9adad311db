package dev.parley.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.backplane.control.Attendance;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventType;
import dev.parley.chat.Member;
import dev.parley.chat.MemberSummary;
import dev.parley.chat.RoomSummary;
import dev.parley.testing.TestBackplane;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every guarantee of {@link Attendance}, on every implementation. */
public abstract class AttendanceContract extends BackplaneContract {

    protected AttendanceContract(Store store) {
        super(store);
    }

    private Member seated(TestBackplane backplane, String username) {
        Member member = Member.of(room, username);
        backplane.seats.take(member, "h-" + username, CLIENT, 100, NOW);
        return member;
    }

    private List<ChatEvent> inRoom(List<ChatEvent> events) {
        return events.stream().filter(event -> event.room().equals(room)).toList();
    }

    @Test
    void connectsOnceWhicheverServerAsksAndAppendsTheUserconnectToHistory() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        Member bob = seated(a, "bob");
        ChatEvent connected = a.attendance.connect(bob, NOW).orElseThrow();
        assertEquals(EventType.USERCONNECT, connected.type());
        assertEquals("bob", connected.username());
        assertTrue(b.attendance.connect(bob, NOW).isEmpty(), "once");
        assertEquals(List.of(connected), b.history.latest(room, 10), "recorded in the same step");
        assertEquals(List.of(new MemberSummary("bob", NOW)), b.attendance.connected(room));
    }

    @Test
    void disconnectingAppendsOneUserdisconnectHeldOrNot() {
        TestBackplane a = backplane();
        Member bob = seated(a, "bob");
        a.attendance.connect(bob, NOW);
        a.attendance.hold(List.of(bob), NOW, NOW.plusSeconds(30));
        ChatEvent gone = otherServer(a).attendance.disconnect(bob, NOW.plusSeconds(1)).orElseThrow();
        assertEquals(EventType.USERDISCONNECT, gone.type());
        assertTrue(a.attendance.disconnect(bob, NOW.plusSeconds(2)).isEmpty(), "once");
        assertEquals(List.of(EventType.USERCONNECT, EventType.USERDISCONNECT),
                a.history.latest(room, 10).stream().map(ChatEvent::type).toList());
        assertTrue(a.attendance.connected(room).isEmpty());
    }

    @Test
    void aHeldMemberStaysConnectedUntilEveryHoldHasLapsed() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        Member bob = seated(a, "bob");
        assertEquals(Set.of(), a.attendance.hold(List.of(bob), NOW, NOW.plusSeconds(2)));
        assertEquals(Set.of(), b.attendance.hold(List.of(bob), NOW, NOW.plusSeconds(30)));
        a.attendance.connect(bob, NOW);
        // a's last stream closed and its grace period ended; b (or a, for one server) still holds bob
        assertTrue(a.attendance.disconnectUnlessHeld(bob, NOW.plusSeconds(3)).isEmpty());
        // on a shared store the sweeps see other tests' rooms too: only this room's events count here
        assertTrue(inRoom(a.attendance.disconnectUnheld(NOW.plusSeconds(10))).isEmpty(), "the hold has not lapsed");
        List<ChatEvent> lapsed = inRoom(a.attendance.disconnectUnheld(NOW.plusSeconds(31)));
        assertEquals(List.of(EventType.USERDISCONNECT), lapsed.stream().map(ChatEvent::type).toList());
        assertTrue(inRoom(b.attendance.disconnectUnheld(NOW.plusSeconds(32))).isEmpty(), "once");
        assertTrue(a.attendance.connected(room).isEmpty());
    }

    @Test
    void aHoldTellsWhichMembersNoLongerHoldTheirNames() {
        TestBackplane a = backplane();
        Member bob = seated(a, "bob");
        Member alice = seated(a, "alice");
        a.seats.free(alice);
        assertEquals(Set.of(alice), otherServer(a).attendance.hold(List.of(bob, alice), NOW, NOW.plusSeconds(15)));
        assertEquals(Set.of(Member.of(room, "nobody")),
                a.attendance.hold(List.of(Member.of(room, "nobody")), NOW, NOW.plusSeconds(15)));
    }

    @Test
    void aHoldIsActivitySoAHeldNameDoesNotExpire() {
        TestBackplane a = backplane();
        Member bob = seated(a, "bob");
        a.attendance.hold(List.of(bob), NOW.plus(Duration.ofMinutes(10)), NOW.plus(Duration.ofMinutes(11)));
        assertTrue(!a.seats.freeIdle(NOW.plus(Duration.ofMinutes(5))).contains(bob));
        assertEquals(java.util.Optional.of(bob), a.seats.holder(room, "h-bob"));
    }

    @Test
    void listsMembersByArrivalAndRoomsByNameWithTheirCounts() {
        TestBackplane a = backplane();
        Member zoe = seated(a, "zoe");
        Member ann = seated(a, "ann");
        Member max = seated(a, "max");
        a.attendance.connect(zoe, NOW);
        a.attendance.connect(ann, NOW.plusMillis(5));
        a.attendance.connect(max, NOW);
        assertEquals(List.of("max", "zoe", "ann"),
                a.attendance.connected(room).stream().map(MemberSummary::username).toList());
        Member other = Member.of(room + "-b", "x");
        a.seats.take(other, "h-other", CLIENT, 100, NOW);
        List<RoomSummary> rooms = otherServer(a).attendance.rooms().stream()
                .filter(summary -> summary.name().startsWith(room)).toList();
        assertEquals(List.of(new RoomSummary(room, 3), new RoomSummary(room + "-b", 0)), rooms);
    }
}
