package dev.parley.problems;

import java.util.Map;

/** The refusals of the contract, each with its type, title and status in one place. */
public final class Problems {

    private static final String TYPE = "urn:parley:problem:";

    private Problems() {
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(new Problem(TYPE + slug, "Bad request", 400, detail));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(new Problem(TYPE + "unauthorized", "Unauthorized", 401, detail),
                Map.of("WWW-Authenticate", "Bearer realm=\"parley\""));
    }

    public static ProblemException forbidden(String slug, String detail) {
        return new ProblemException(new Problem(TYPE + slug, "Forbidden", 403, detail));
    }

    public static ProblemException notFound(String slug, String detail) {
        return new ProblemException(new Problem(TYPE + slug, "Not found", 404, detail));
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(new Problem(TYPE + slug, title, 409, detail));
    }

    public static ProblemException unprocessable(String slug, String title, String detail) {
        return new ProblemException(new Problem(TYPE + slug, title, 422, detail));
    }

    /** Banned from the room: the reason and the end are members of the problem, for a page to show. */
    public static ProblemException banned(String room, String reason, java.time.Instant until) {
        return new ProblemException(new Problem(TYPE + "banned", "Banned", 403,
                "You are banned from room '" + room + "' until " + until + ": " + reason,
                Map.of("reason", reason, "until", until.toString())));
    }

    public static ProblemException nameTaken(String username, String room) {
        return new ProblemException(new Problem(TYPE + "name-taken", "Name taken", 409,
                "The name '" + username + "' is already taken in room '" + room + "'."));
    }

    public static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(new Problem(TYPE + "body-too-large", "Request body too large", 413,
                "Request bodies are limited to " + maxBytes + " bytes."));
    }

    public static ProblemException bodyTimeout() {
        return new ProblemException(new Problem(TYPE + "body-timeout", "Request body too slow", 408,
                "The request body did not arrive in time."), Map.of("Connection", "close"));
    }

    public static ProblemException unsupportedMediaType() {
        return new ProblemException(new Problem(TYPE + "unsupported-media-type", "Unsupported media type", 415,
                "Send the body as application/json in UTF-8."));
    }

    public static ProblemException rateLimited(long retryAfterSeconds, int messages, int windowSeconds) {
        return new ProblemException(new Problem(TYPE + "rate-limited", "Too many messages", 429,
                "You may send " + messages + " messages every " + windowSeconds + " seconds; try again in "
                        + retryAfterSeconds + " s."),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static ProblemException slowMode(long retryAfterSeconds, long intervalSeconds) {
        return new ProblemException(new Problem(TYPE + "slow-mode", "Slow mode", 429,
                "This room is in slow mode: one message every " + intervalSeconds + " s; try again in "
                        + retryAfterSeconds + " s."),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static ProblemException tooManyRequests(int inProgress) {
        return new ProblemException(new Problem(TYPE + "too-many-requests", "Too many requests", 429,
                "This client has " + inProgress + " requests in progress already; wait for them to finish."),
                Map.of("Retry-After", "1"));
    }

    /** A limit that holds per client (its address): joins, names, posts, streams. */
    public static ProblemException clientLimit(String what, long retryAfterSeconds) {
        return new ProblemException(new Problem(TYPE + "client-limit", "Too many requests", 429,
                "This address has " + what + "; try again in " + retryAfterSeconds + " s."),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static ProblemException unavailable(String slug, String title, String detail, long retryAfterSeconds) {
        return new ProblemException(new Problem(TYPE + slug, title, 503, detail),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }
}
