package dev.parley.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.backplane.control.RoomRules;
import dev.parley.backplane.control.RoomRules.Ban;
import dev.parley.chat.Member;
import dev.parley.testing.TestBackplane;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every guarantee of {@link RoomRules}, on every implementation. */
public abstract class RoomRulesContract extends BackplaneContract {

    protected RoomRulesContract(Store store) {
        super(store);
    }

    private Ban ban(String username, String client, Duration length) {
        Member member = Member.of(room, username);
        return new Ban(room, member.username(), member.key(), member.lookAlikeKey(), client, "spam",
                NOW.plus(length), "mia");
    }

    private Optional<Ban> find(TestBackplane backplane, String username, String client) {
        Member member = Member.of(room, username);
        return backplane.rules.find(room, member.key(), member.lookAlikeKey(), client, NOW);
    }

    @Test
    void aBanHoldsOnEveryServerForTheNameItsLookAlikesAndItsAddressUntilItEnds() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        Ban ban = ban("bob", "198.51.100.9", Duration.ofMinutes(10));
        a.rules.ban(ban);
        assertEquals(Optional.of(ban), find(b, "bob", null));
        assertEquals(Optional.of(ban), find(b, "BOB", null), "another case");
        assertEquals(Optional.of(ban), find(b, "b0b", null), "a look-alike");
        assertEquals(Optional.of(ban), find(b, "innocent", "198.51.100.9"), "the address, under any name");
        assertEquals(Optional.empty(), find(b, "alice", "203.0.113.1"));
        assertEquals(Optional.empty(), b.rules.find(room + "-other", ban.key(), ban.alike(), null, NOW), "one room only");
        assertEquals(Optional.empty(), b.rules.find(room, ban.key(), ban.alike(), null, NOW.plus(Duration.ofMinutes(11))),
                "over at its end");
    }

    @Test
    void aNewBanReplacesTheOldAndBansAreListedSoonestToEndFirst() {
        TestBackplane a = backplane();
        a.rules.ban(ban("bob", null, Duration.ofMinutes(10)));
        Ban longer = ban("bob", null, Duration.ofHours(2));
        a.rules.ban(longer);
        Ban carol = ban("carol", null, Duration.ofMinutes(30));
        a.rules.ban(carol);
        a.rules.ban(ban("dave", null, Duration.ofSeconds(1)));
        assertEquals(List.of(carol, longer), otherServer(a).rules.bans(room, NOW.plusSeconds(2)));
    }

    @Test
    void liftingEndsTheNamesBanAndItsAddresssAndSaysWhetherThereWasOne() {
        TestBackplane a = backplane();
        Ban ban = ban("bob", "198.51.100.9", Duration.ofMinutes(10));
        a.rules.ban(ban);
        TestBackplane b = otherServer(a);
        assertTrue(b.rules.lift(room, ban.key(), NOW));
        assertEquals(Optional.empty(), find(a, "bob", "198.51.100.9"));
        assertFalse(a.rules.lift(room, ban.key(), NOW), "lifted already");
        a.rules.ban(ban("carol", null, Duration.ofSeconds(1)));
        assertFalse(a.rules.lift(room, Member.of(room, "carol").key(), NOW.plusSeconds(5)), "over already");
    }

    @Test
    void slowModeIsTheRoomsOnEveryServerUntilTurnedOff() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        assertEquals(Duration.ZERO, b.rules.slowMode(room));
        a.rules.slowMode(room, Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(30), b.rules.slowMode(room));
        assertEquals(Duration.ZERO, b.rules.slowMode(room + "-other"));
        b.rules.slowMode(room, Duration.ZERO);
        assertEquals(Duration.ZERO, a.rules.slowMode(room));
    }

    @Test
    void aRoomIsNotFreedWhileABanHolds() {
        TestBackplane a = backplane();
        a.rules.ban(ban("bob", null, Duration.ofHours(1)));
        assertFalse(a.directory.freeIdle(NOW.plus(Duration.ofMinutes(30)), Duration.ZERO).contains(room));
        assertTrue(find(a, "bob", null).isPresent(), "the ban outlives the room's idleness");
    }
}
