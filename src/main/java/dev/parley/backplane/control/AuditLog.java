package dev.parley.backplane.control;

import java.time.Instant;
import java.util.List;

/**
 * The record of every moderation action, shared by the servers of one backplane.
 *
 * <p>Guarantees: entries are kept newest first, at least the newest {@code parley.audit.retain}; an append is never
 * lost once it returns (Redis: it survives restarts of every server; memory: it lasts as long as the server).
 */
public interface AuditLog {

    /**
     * One action.
     *
     * @param actor  who did it (the moderator's login name)
     * @param action what: {@code kick}, {@code ban}, {@code unban}, {@code delete}, {@code slow-mode}
     * @param target whom or what: a username, a message id
     * @param detail what else is worth knowing (a ban's end, a slow mode's interval), or null
     */
    record Entry(Instant time, String actor, String action, String room, String target, String reason,
                 String detail) {
    }

    void append(Entry entry);

    /** The newest entries, newest first. */
    List<Entry> latest(int limit);
}
