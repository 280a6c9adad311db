// The rules the page shares between its modules, in one place: names and limits from docs/API.md, and the page's own
// timings. Nothing here touches the DOM, so node's test runner imports it as the browser does.

/** docs/API.md, "Names". */
export const ROOM = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const DEFAULT_ROOM = 'lobby';

/** docs/API.md, "Limits": the server's defaults. A server configured lower still answers with its own reason. */
export const MESSAGE_MAX = 2000;
/** The character counter shows from this share of the limit on. */
export const COUNTER_FROM = 0.8;
/** One page of "load earlier messages", and the replay a fresh stream starts with. */
export const PAGE = 50;
/** The most one GET …/messages returns (docs/API.md). */
export const PAGE_MAX = 200;

/**
 * Rooms one browser follows at once. Each joined room holds one EventSource per browser (its tabs share it), and
 * HTTP/1.1 allows six connections per origin: four streams leave two for everything else. See docs/client.md.
 */
export const MAX_ROOMS = 4;

/**
 * docs/API.md, "Conversation": how long after posting a message can be edited (parley.message.edit-seconds). The page
 * offers Edit within it; a server configured shorter answers 409 and the page says so.
 */
export const EDIT_WINDOW_MS = 900_000;

/** Messages by one sender closer than this are one group under one name and avatar. */
export const GROUP_MS = 5 * 60_000;
/** Distance from the bottom (px) within which the reader counts as "at the bottom". */
export const STICK_PX = 32;

export const TIMINGS = Object.freeze({
    /** First retry after a refused stream, doubled up to the maximum. */
    retryMs: 1000,
    maxRetryMs: 30_000,
    /** Presence events in a row cost one read of the member list. */
    membersDebounceMs: 150,
    /** Room list counts are read again this often while the page is visible. */
    roomsRefreshMs: 15_000,
    /** A burst of replayed events asks once whether earlier history exists. */
    probeDelayMs: 200,
    /** A follower tab asks the leader for its events this often until it answers. */
    helloMs: 1000,
    /** Waiting for another tab's new identity after our token failed. */
    adoptWaitMs: 1000,
    /** Trying to join again after a failure that was not a refusal. */
    rejoinRetryMs: 3000,
    /** "I am typing" at most this often, as the server forwards it (parley.typing.interval-millis). */
    typingSendMs: 2000,
    /**
     * A name stays in the typing line this long after its last signal: more than two of the server's intervals, so
     * one signal lost or dropped by the server's throttle does not make the line flicker.
     */
    typingShowMs: 5000,
    /** A post that met a network error is tried again after these waits, with the same Idempotency-Key. */
    postRetryMs: Object.freeze([1000, 3000]),
});

/** Events the leader keeps to hand to a tab that opens later. */
export const KEPT = 500;

export const isRoom = (name) => typeof name === 'string' && ROOM.test(name);
