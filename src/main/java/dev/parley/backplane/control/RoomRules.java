package dev.parley.backplane.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What moderators decide for a room: who is banned from it until when, and its slow mode.
 *
 * <p>Guarantees, on every implementation and across every server sharing it:
 * <ul>
 *   <li>A ban holds from the call on, on every server, until its time, then is gone by itself. A name's ban keys on
 *       its {@link dev.parley.chat.Member#key() key} and its look-alike key, so neither another case nor a confusable
 *       spelling gets around it; with an address, that client is banned too, under any name.</li>
 *   <li>A new ban of a name replaces the one before. Lifting removes the name's ban and its address's.</li>
 *   <li>A room's rules outlive its being freed for idleness while a ban lasts (Redis: until the last ban ends;
 *       memory: the room is not freed while it has one).</li>
 * </ul>
 */
public interface RoomRules {

    /**
     * A ban.
     *
     * @param key     the banned name's key; {@code alike} its look-alike key
     * @param client  the banned client too, or null
     * @param by      the moderator who banned
     */
    record Ban(String room, String username, String key, String alike, String client, String reason, Instant until,
               String by) {
    }

    void ban(Ban ban);

    /** The ban that holds now for this name (by key or look-alike key) or this client (null: no client), if any. */
    Optional<Ban> find(String room, String key, String alike, String client, Instant now);

    /** The bans that hold now, soonest to end first. */
    List<Ban> bans(String room, Instant now);

    /** Lifts the ban of the name with this key; false when there was none. */
    boolean lift(String room, String key, Instant now);

    /** At most one post per member per this time in the room; zero: off. */
    Duration slowMode(String room);

    void slowMode(String room, Duration interval);
}
