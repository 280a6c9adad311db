package dev.parley.backplane;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.backplane.control.Messages;
import dev.parley.backplane.control.Messages.Change;
import dev.parley.backplane.control.Messages.Posted;
import dev.parley.backplane.control.Messages.Refusal;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventType;
import dev.parley.chat.Member;
import dev.parley.testing.TestBackplane;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every guarantee of {@link Messages}, on every implementation. */
public abstract class MessagesContract extends BackplaneContract {

    protected MessagesContract(Store store) {
        super(store);
    }

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration KEY_LIFETIME = Duration.ofMinutes(5);
    private static final String BOB = "tag-bob";
    private static final String ALICE = "tag-alice";

    private ChatEvent say(TestBackplane backplane, String text) {
        return post(backplane, BOB, text, null).message();
    }

    private Posted post(TestBackplane backplane, String author, String text, String key) {
        return backplane.messages.post(room, author.substring(4), author, text, key, KEY_LIFETIME, NOW);
    }

    /** Everything a server reads back about the room: replay, resume from the start, every page. */
    private List<ChatEvent> readBack(TestBackplane backplane) {
        List<ChatEvent> latest = backplane.history.latest(room, 1000);
        List<ChatEvent> after = latest.isEmpty() ? List.of()
                : backplane.history.after(room, latest.get(0).id()).orElseThrow();
        List<ChatEvent> pages = backplane.history.messagesBefore(room, null, 1000).orElseThrow();
        return Stream.of(latest, after, pages).flatMap(List::stream).toList();
    }

    @Test
    void aKeyedPostIsMadeOnceAndItsRepeatsAnswerTheFirstOnEveryServer() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        Posted first = post(a, BOB, "once", "k1");
        Posted repeat = post(b, BOB, "once", "k1");
        assertFalse(first.repeated());
        assertTrue(repeat.repeated());
        assertEquals(first.message(), repeat.message(), "the first post, as it was answered");
        assertTrue(post(b, BOB, "another text", "k1").mismatch());
        assertFalse(post(b, ALICE, "once", "k1").repeated(), "keys are each author's own");
        assertFalse(post(a, BOB, "once", "k2").repeated());
        assertFalse(post(a, BOB, "once", null).repeated(), "without a key, every post is new");
        assertEquals(List.of("once", "once", "once", "once"),
                a.history.latest(room, 10).stream().map(ChatEvent::text).toList());
    }

    @Test
    void aRepeatedKeyAnswersTheFirstPostEvenAfterItWasEditedOrDeletedWithoutKeepingItsText() {
        TestBackplane a = backplane();
        Posted first = post(a, BOB, "kept only as a digest", "k1");
        a.messages.delete(room, first.message().id(), BOB, NOW);
        assertFalse(holds(a, "only as a digest"), "the key's record keeps no text");
        Posted repeat = post(otherServer(a), BOB, "kept only as a digest", "k1");
        assertTrue(repeat.repeated());
        assertEquals(first.message(), repeat.message());
    }

    @Test
    void theAuthorEditsARetainedMessageWithinTheWindowAndEveryServerReadsItBackEdited() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        ChatEvent said = say(a, "helo");
        Instant later = NOW.plusSeconds(30);
        Change change = b.messages.edit(room, said.id(), BOB, "hello", NOW, later);
        assertNull(change.refusal());
        assertEquals(said.editedTo("hello", later), change.message());
        ChatEvent edit = change.event();
        assertEquals(EventType.MESSAGEEDIT, edit.type());
        assertEquals(said.id(), edit.message());
        assertEquals("hello", edit.text());
        assertEquals("bob", edit.username());
        assertEquals(later, edit.time());

        assertEquals(List.of(said.editedTo("hello", later), edit), a.history.latest(room, 10));
        assertEquals(List.of(said.editedTo("hello", later)), a.history.messagesBefore(room, null, 10).orElseThrow());
        ChatEvent again = a.messages.edit(room, said.id(), BOB, "hello!", NOW, later.plusSeconds(1)).event();
        assertEquals(List.of(edit.withText("hello!"), again), b.history.after(room, said.id()).orElseThrow(),
                "an edit is read back with its message's current text, so applying edits in order ends at it");
    }

    @Test
    void anEditIsRefusedForSomeoneElsesAnUnknownANonMessageADeletedOrATooOldMessage() {
        TestBackplane a = backplane();
        ChatEvent said = say(a, "mine");
        a.seats.take(Member.of(room, "carol"), "token-carol-" + room, CLIENT, 100, NOW);
        ChatEvent connected = a.attendance.connect(Member.of(room, "carol"), NOW).orElseThrow();
        ChatEvent deleted = say(a, "gone");
        a.messages.delete(room, deleted.id(), BOB, NOW);
        List<ChatEvent> before = a.history.latest(room, 10);

        assertEquals(Refusal.NOT_AUTHOR, a.messages.edit(room, said.id(), ALICE, "x", NOW, NOW).refusal());
        assertEquals(Refusal.UNKNOWN, a.messages.edit(room, "1", BOB, "x", NOW, NOW).refusal());
        assertEquals(Refusal.UNKNOWN, a.messages.edit(room + "-none", said.id(), BOB, "x", NOW, NOW).refusal());
        assertEquals(Refusal.UNKNOWN, a.messages.edit(room, connected.id(), BOB, "x", NOW, NOW).refusal());
        assertEquals(Refusal.DELETED, a.messages.edit(room, deleted.id(), BOB, "x", NOW, NOW).refusal());
        assertEquals(Refusal.TOO_OLD, a.messages.edit(room, said.id(), BOB, "x", NOW.plusMillis(1), NOW).refusal());
        assertEquals(Refusal.TOO_OLD, a.messages.edit(room, said.id(), BOB, "x", Instant.MAX, NOW).refusal(),
                "editing switched off");
        assertEquals(before, otherServer(a).history.latest(room, 10), "a refused edit changes nothing");
    }

    @Test
    void aDeleteLeavesATombstoneAndTheTextIsReadBackNowhereNotEvenInItsEdits() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        ChatEvent said = say(a, "a secret-0xBEEF");
        a.messages.edit(room, said.id(), BOB, "a worse secret-0xBEEF", NOW, NOW);
        assertEquals(Refusal.NOT_AUTHOR, b.messages.delete(room, said.id(), ALICE, NOW).refusal());
        Instant later = NOW.plusSeconds(5);
        Change change = b.messages.delete(room, said.id(), BOB, later);
        assertEquals(said.deletedAt(later, null), change.message());
        assertEquals(EventType.MESSAGEDELETE, change.event().type());
        assertEquals(said.id(), change.event().message());
        assertNull(change.event().by());
        assertEquals(Refusal.DELETED, a.messages.delete(room, said.id(), BOB, later).refusal());

        assertEquals(List.of(said.deletedAt(later, null), change.event()), a.history.latest(room, 10),
                "the edit is not read back once its message is deleted");
        assertTrue(readBack(a).stream().noneMatch(event -> event.text() != null && event.text().contains("0xBEEF")));
        assertFalse(holds(a, "secret-0xBEEF"), "the text is gone from the store");
    }

    @Test
    void aModeratorDeletesAnyMessageAndTheDeleteSaysSo() {
        TestBackplane a = backplane();
        ChatEvent said = say(a, "abuse");
        Change change = otherServer(a).messages.delete(room, said.id(), null, NOW);
        assertEquals(ChatEvent.BY_MODERATOR, change.event().by());
        ChatEvent tombstone = a.history.messagesBefore(room, null, 1).orElseThrow().get(0);
        assertEquals(ChatEvent.BY_MODERATOR, tombstone.by());
        assertEquals(NOW, tombstone.deleted());
    }

    @Test
    void aMessageNoLongerRetainedIsUnknownAndItsEditsAreNotReadBack() {
        TestBackplane a = backplane(5, 1000);
        ChatEvent old = say(a, "trimmed-0xC0FFEE");
        ChatEvent edit = a.messages.edit(room, old.id(), BOB, "trimmed-0xC0FFEE, edited", NOW, NOW).event();
        for (int i = 0; i < 4; i++) {
            say(a, "new " + i);
        }
        assertEquals(Refusal.UNKNOWN, a.messages.edit(room, old.id(), BOB, "x", NOW, NOW).refusal());
        assertEquals(Refusal.UNKNOWN, a.messages.delete(room, old.id(), BOB, NOW).refusal());
        List<ChatEvent> retained = a.history.latest(room, 10);
        assertEquals(4, retained.size(), "the edit is retained, but not read back: " + retained);
        assertTrue(retained.stream().noneMatch(event -> event.id().equals(edit.id())));
        assertFalse(holds(a, "trimmed-0xC0FFEE"), "a trimmed message's text goes with it");
    }

    @Test
    void editsAndDeletesAreDeliveredInOrderWithTheirOwnIdsToEveryServer() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        b.history.follow(room);
        ChatEvent said = say(a, "one");
        await().atMost(WAIT).until(() -> delivered(b).size() == 1);
        ChatEvent edit = b.messages.edit(room, said.id(), BOB, "two", NOW, NOW).event();
        await().atMost(WAIT).until(() -> delivered(b).size() == 2);
        ChatEvent delete = a.messages.delete(room, said.id(), BOB, NOW).event();
        await().atMost(WAIT).until(() -> delivered(b).size() == 3);
        assertEquals(List.of(said, edit, delete), delivered(b), "each as it was made, in order");
        b.history.unfollow(room);
    }

    @Test
    void anEditWhoseMessageIsDeletedBeforeItIsDeliveredIsNotDeliveredWithItsText() {
        TestBackplane a = backplane();
        TestBackplane b = otherServer(a);
        b.history.follow(room);
        ChatEvent said = say(a, "first-0xD00D");
        ChatEvent edit = a.messages.edit(room, said.id(), BOB, "second-0xD00D", NOW, NOW).event();
        ChatEvent delete = a.messages.delete(room, said.id(), BOB, NOW).event();
        await().atMost(WAIT).until(() -> delivered(b).stream().anyMatch(event -> event.id().equals(delete.id())));
        List<ChatEvent> live = delivered(b);
        assertEquals(delete, live.get(live.size() - 1));
        List<String> ids = live.stream().map(ChatEvent::id).toList();
        assertTrue(ids.equals(List.of(said.id(), edit.id(), delete.id())) || ids.equals(List.of(said.id(), delete.id())),
                "in order, the edit left out if the delete came first: " + ids);
        b.history.unfollow(room);
    }

    private List<ChatEvent> delivered(TestBackplane backplane) {
        return backplane.delivered.stream().filter(event -> room.equals(event.room())).toList();
    }
}
