package dev.parley.backplane.memory;

import dev.parley.backplane.control.Digests;
import dev.parley.backplane.control.Messages;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventType;
import dev.parley.platform.Traces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@link Messages} in this process: each change is made under its room's lock, with the event that records it. */
@ApplicationScoped
@Typed(MemoryMessages.class)
public class MemoryMessages implements Messages {

    private final MemoryRooms rooms;

    @Inject
    public MemoryMessages(MemoryRooms rooms) {
        this.rooms = rooms;
    }

    protected MemoryMessages() {
        // for the CDI client proxy only
        this(null);
    }

    @Override
    public Posted post(String name, String username, String author, String text, String key, Duration keyLifetime,
                       Instant now) {
        String digest = key == null ? null : Digests.of(text);
        return rooms.write(name, room -> {
            if (key != null) {
                Optional<MemoryRoom.Keyed> first = room.keyedLocked(author, key, now);
                if (first.isPresent()) {
                    MemoryRoom.Keyed keyed = first.get();
                    return keyed.digest().equals(digest)
                            ? new Posted(ChatEvent.message(name, keyed.id(), keyed.username(), keyed.time(), text,
                                    author), true)
                            : Posted.mismatched();
                }
            }
            ChatEvent message = room.appendLocked(ChatEvent.message(name, null, username, now, text, author)
                    .withTrace(Traces.current()));
            if (key != null) {
                room.keyLocked(author, key,
                        new MemoryRoom.Keyed(message.id(), username, message.time(), digest, now.plus(keyLifetime)));
            }
            return new Posted(message, false);
        });
    }

    @Override
    public Change edit(String name, String messageId, String author, String text, Instant editableSince,
                       Instant now) {
        return change(name, messageId, author, (room, message) -> {
            if (message.isTombstone()) {
                return Change.refused(Refusal.DELETED);
            }
            if (message.time().isBefore(editableSince)) {
                return Change.refused(Refusal.TOO_OLD);
            }
            ChatEvent edited = message.editedTo(text, now);
            // first, as the edit's own append may push the message out of the ring
            room.log.replace(edited);
            ChatEvent event = room.appendLocked(ChatEvent.edit(name, null, message.username(), now, messageId, text));
            return Change.done(edited, event);
        });
    }

    @Override
    public Change delete(String name, String messageId, String author, Instant now) {
        return change(name, messageId, author, (room, message) -> {
            if (message.isTombstone()) {
                return Change.refused(Refusal.DELETED);
            }
            String by = author == null ? ChatEvent.BY_MODERATOR : null;
            ChatEvent tombstone = message.deletedAt(now, by);
            room.log.replace(tombstone);
            ChatEvent event = room.appendLocked(ChatEvent.delete(name, null, message.username(), now, messageId, by));
            return Change.done(tombstone, event);
        });
    }

    private interface Step {
        Change apply(MemoryRoom room, ChatEvent message);
    }

    /** Finds the message and checks its author under the room's lock, then applies the step there. */
    private Change change(String name, String messageId, String author, Step step) {
        Optional<MemoryRoom> found = rooms.room(name);
        if (found.isEmpty()) {
            return Change.refused(Refusal.UNKNOWN);
        }
        MemoryRoom room = found.get();
        Change change;
        synchronized (room) {
            Optional<ChatEvent> message = room.freed ? Optional.empty()
                    : room.log.find(messageId).filter(event -> event.type() == EventType.USERMESSAGE);
            if (message.isEmpty()) {
                change = Change.refused(Refusal.UNKNOWN);
            } else if (author != null && !author.equals(message.get().author())) {
                change = Change.refused(Refusal.NOT_AUTHOR);
            } else {
                change = step.apply(room, message.get());
            }
        }
        rooms.deliverPending(room);
        return change;
    }
}
