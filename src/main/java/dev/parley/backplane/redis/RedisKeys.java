package dev.parley.backplane.redis;

import dev.parley.chat.Member;

/** Where the Redis backplane keeps what: every key's name, in one place. */
final class RedisKeys {

    static final String ROOMS = "parley:rooms";
    static final String TOKEN = "parley:token:";
    static final String WINDOW = "parley:window:";
    static final String LOCK = "parley:lock:";
    /** Set once per life of the store's data: if it changes, the data was lost. */
    static final String EPOCH = "parley:epoch";
    /** A client's names: the set of their tokens' hashes. */
    static final String CLIENT_NAMES = "parley:client-names:";
    private static final String ROOM = "parley:room:";
    private static final String EVENTS = ":events";

    private RedisKeys() {
    }

    static String room(String name, String part) {
        return ROOM + name + ":" + part;
    }

    /** The room's history: a stream whose entry ids are the events' ids. */
    static String events(String name) {
        return ROOM + name + EVENTS;
    }

    /** The room's sequence number, one per event, so a reader can tell when entries it never read were trimmed. */
    static String sequence(String name) {
        return room(name, "sequence");
    }

    /**
     * The room's message texts beside its stream, by message id, so that a delete can remove one: {@code
     * "<edited millis>:<text>"} (no millis before an edit), or {@code "x<deleted millis>:<by>"} for a tombstone.
     */
    static String texts(String name) {
        return room(name, "texts");
    }

    /** An author's post with an idempotency key (by its digest): {@code "<id> <millis> <text digest>"}. */
    static String keyed(String name, String author, String keyDigest) {
        return room(name, "keyed:" + author + ":" + keyDigest);
    }

    /** The room's bans, by the banned name's key: a JSON object each; the hash expires with the last ban. */
    static String bans(String name) {
        return room(name, "bans");
    }

    /** The room's other rules: {@code slow} (slow mode, millis between a member's posts). */
    static String rules(String name) {
        return room(name, "rules");
    }

    /** The audit log of every room: JSON entries, newest first. */
    static final String AUDIT = "parley:audit";

    static String seats(String name) {
        return room(name, "seats");
    }

    static String lookAlikes(String name) {
        return room(name, "lookalikes");
    }

    /** Each name's last activity, as a sorted set of millis. */
    static String active(String name) {
        return room(name, "active");
    }

    /** The servers with streams in the room, each until a time (a sorted set). */
    static String roomHolds(String name) {
        return room(name, "holds");
    }

    /** When a name was last taken in the room, in millis. */
    static String touched(String name) {
        return room(name, "touched");
    }

    static String connected(String name) {
        return room(name, "connected");
    }

    /** The servers holding the member, each until a time (a sorted set). */
    static String hold(Member member) {
        return hold(member.room(), member.key());
    }

    static String hold(String room, String key) {
        return room(room, "hold:" + key);
    }

    static String token(String tokenHash) {
        return TOKEN + tokenHash;
    }

    static String roomOfEvents(String eventsKey) {
        return eventsKey.substring(ROOM.length(), eventsKey.length() - EVENTS.length());
    }

    /** The Pub/Sub channel of ephemeral events, for every room: each server drops those of rooms it has no stream of. */
    static final String SIGNALS = "parley:signals";

    /** The stream a server's reader also blocks on, so a word there wakes it to read a newly followed room. */
    static String wake(String server) {
        return "parley:wake:" + server;
    }
}
