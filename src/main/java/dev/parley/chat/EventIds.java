package dev.parley.chat;

/**
 * Orders event ids. Clients treat ids as opaque; the server compares them to drop a live event that a replay
 * already delivered. Ids are a decimal number, optionally followed by {@code -} and a sequence number. Both methods
 * run for every event on every stream, so they parse in place, without allocating.
 */
public final class EventIds {

    private EventIds() {
    }

    /** Negative, zero or positive as {@code a} is before, equal to or after {@code b}. */
    public static int compare(String a, String b) {
        int dashA = a.indexOf('-');
        int dashB = b.indexOf('-');
        int major = Long.compareUnsigned(number(a, 0, dashA < 0 ? a.length() : dashA),
                number(b, 0, dashB < 0 ? b.length() : dashB));
        if (major != 0) {
            return major;
        }
        return Long.compareUnsigned(dashA < 0 ? 0 : number(a, dashA + 1, a.length()),
                dashB < 0 ? 0 : number(b, dashB + 1, b.length()));
    }

    /**
     * A well-formed id's place in the order, parsed once: a broadcast compares one event's id with the last id of
     * every stream, so each side is parsed once rather than at every comparison.
     */
    public record Position(long major, long minor) {

        /** The position of a well-formed id; null for any other, which is ordered against nothing. */
        public static Position of(String id) {
            if (!isWellFormed(id)) {
                return null;
            }
            int dash = id.indexOf('-');
            return new Position(number(id, 0, dash < 0 ? id.length() : dash), dash < 0 ? 0 : number(id, dash + 1, id.length()));
        }

        /** Whether this comes strictly after {@code other}. */
        public boolean isAfter(Position other) {
            int order = Long.compareUnsigned(major, other.major);
            return order > 0 || order == 0 && Long.compareUnsigned(minor, other.minor) > 0;
        }
    }

    /** Whether the id has the shape this server issues; anything else is unknown history. */
    public static boolean isWellFormed(String id) {
        if (id == null) {
            return false;
        }
        int dash = id.indexOf('-');
        return digits(id, 0, dash < 0 ? id.length() : dash) && (dash < 0 || digits(id, dash + 1, id.length()));
    }

    private static boolean digits(String id, int from, int to) {
        if (to <= from || to - from > 19) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long number(String id, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (id.charAt(i) - '0');
        }
        return value;
    }
}
