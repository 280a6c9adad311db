package dev.parley.backplane.redis;

import dev.parley.chat.Member;

/**
 * Where the Redis backplane keeps what: every key's name, in one place.
 *
 * <p>Every key of a room carries the room's name as its hash tag ({@code parley:{<room>}:<part>}), so that in a Redis
 * Cluster a room lives on one shard, the scripts that change it touch one slot, and rooms spread over the shards.
 * Room names are {@code [a-z0-9][a-z0-9-]*} ({@code Names.isRoom}), so they hold no brace; were one to, every key of
 * the room would still hash alike: Redis hashes what lies between the first {@code {} and the first {@code }} after
 * it, and all of a room's keys are the same text up to the end of its name, so that span is the same in each (the
 * one bad name, empty braces, cannot occur: a name starts with a letter or digit). What spans rooms (the room list,
 * the client's names, the audit log, the epoch, locks, rate windows) has keys of its own, each on whichever shard
 * its name hashes to, and no script touches it together with a room.
 */
final class RedisKeys {

    /** The rooms in use: an index of the rooms whose {@link #listed} marker is set, kept by separate commands. */
    static final String ROOMS = "parley:rooms";
    static final String WINDOW = "parley:window:";
    static final String LOCK = "parley:lock:";
    /** Set once per life of the store's data: if it changes, the data was lost. */
    static final String EPOCH = "parley:epoch";
    /** A client's names: a hash of their tokens' hashes, each to {@code "<room> <millis reserved>"}. */
    static final String CLIENT_NAMES = "parley:client-names:";
    private static final String PREFIX = "parley:{";
    private static final String EVENTS = "}:events";

    private RedisKeys() {
    }

    static String room(String name, String part) {
        return PREFIX + name + "}:" + part;
    }

    /** The room's history: a stream whose entry ids are the events' ids. */
    static String events(String name) {
        return PREFIX + name + EVENTS;
    }

    /** Set while the room is in use (from its first name until it is freed): the truth {@link #ROOMS} indexes. */
    static String listed(String name) {
        return room(name, "listed");
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

    /**
     * The room's tokens, by hash: under the room's tag, as every lookup of a token knows its room (the request's path
     * names it), so the scripts that take and free a name change its token in the same step.
     */
    static String tokens(String room) {
        return room(room, "tokens");
    }

    static String clientNames(String client) {
        return CLIENT_NAMES + client;
    }

    static String roomOfEvents(String eventsKey) {
        return eventsKey.substring(PREFIX.length(), eventsKey.length() - EVENTS.length());
    }

    /**
     * The sharded Pub/Sub channel on which a room's appends are announced in a Redis Cluster, under the room's tag
     * so that the append script may publish on it ({@code SPUBLISH} from a script must stay in the script's slot).
     */
    static String appended(String name) {
        return room(name, "appended");
    }

    static String roomOfAppended(String channel) {
        return channel.substring(PREFIX.length(), channel.length() - "}:appended".length());
    }

    /** The Pub/Sub channel of ephemeral events, for every room: each server drops those of rooms it has no stream of. */
    static final String SIGNALS = "parley:signals";

    /** The stream a server's reader also blocks on, so a word there wakes it to read a newly followed room. */
    static String wake(String server) {
        return "parley:wake:" + server;
    }
}
