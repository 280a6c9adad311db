package dev.parley.backplane.control;

import dev.parley.chat.ChatEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * The messages of a room's {@link History}: saying one (at most once per idempotency key), editing and deleting it.
 *
 * <p>Guarantees, on every implementation and across every server sharing it:
 * <ul>
 *   <li>Each call checks and changes in one atomic step and appends the event that records the change (a
 *       {@code usermessage}, {@code messageedit} or {@code messagedelete}) to the room's history, where it is
 *       delivered and replayed as any event is. A refused call changes nothing.</li>
 *   <li>Only the author (the seat whose tag posted it) edits or deletes a message; a moderator (a null author)
 *       deletes any. Only a retained message can be changed: the rest is unknown.</li>
 *   <li>A delete removes the text from the store, the text of the edits recorded for it included; what is left is a
 *       tombstone. Every later read (replay, page) shows the message as it is then: current text and edit time, or
 *       tombstone; an edit is read back with its message's current text, and not at all once the message is deleted
 *       or no longer retained.</li>
 *   <li>With a key, the first post of an author and key within {@code keyLifetime} appends; any later one returns
 *       that first post (text as sent then) and appends nothing, or {@link Posted#mismatch()} when the text
 *       differs. The text is not kept for this: only a digest.</li>
 * </ul>
 */
public interface Messages {

    /**
     * Appends a message, or finds the first with this key.
     *
     * @param key the idempotency key, or null for none
     */
    Posted post(String room, String username, String author, String text, String key, Duration keyLifetime,
                Instant now);

    /**
     * Replaces the text of the author's message if it was posted at or after {@code editableSince}.
     *
     * @return the message with its new text, and the {@code messageedit}
     */
    Change edit(String room, String messageId, String author, String text, Instant editableSince, Instant now);

    /**
     * Deletes the message: by its author, or by a moderator when {@code author} is null (the event then carries
     * {@link ChatEvent#BY_MODERATOR}). A message deleted already is {@link Refusal#DELETED}.
     *
     * @return the tombstone and the {@code messagedelete}
     */
    Change delete(String room, String messageId, String author, Instant now);

    /**
     * What a post came to.
     *
     * @param message  the message as posted (for a repeat: as first posted), null on a mismatch
     * @param repeated the key had been used with this text: nothing was appended
     */
    record Posted(ChatEvent message, boolean repeated) {

        public static Posted mismatched() {
            return new Posted(null, true);
        }

        public boolean mismatch() {
            return message == null;
        }
    }

    enum Refusal { UNKNOWN, NOT_AUTHOR, DELETED, TOO_OLD }

    /**
     * An edit or delete: done ({@code message} as it is now and the {@code event} that records it) or refused.
     */
    record Change(ChatEvent message, ChatEvent event, Refusal refusal) {

        public static Change done(ChatEvent message, ChatEvent event) {
            return new Change(message, event, null);
        }

        public static Change refused(Refusal refusal) {
            return new Change(null, null, refusal);
        }
    }
}
