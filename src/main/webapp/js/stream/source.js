// The leader's EventSource for one room, and its recovery. The token never travels in a URL: before each
// (re)connect the page has the server set its HttpOnly stream cookie (POST …/members/me/cookie, Bearer token), and the
// EventSource carries that cookie. A blip is the browser's own reconnect (with Last-Event-ID); a refusal ends an
// EventSource for good, so the page asks why (401: the token is gone, join again) and reconnects with backoff.
//
// Events: 'event' (detail {type, id, data}), 'state' (detail {state: 'connecting'|'live'|'reconnecting'|'offline',
// retryMs}), 'expired'.

import * as api from '../api.js';
import { TIMINGS } from '../rules.js';

// the events this page knows; EventSource hands a named event only to its listeners, so any other name is ignored
const TYPES = ['userconnect', 'usermessage', 'userdisconnect', 'messageedit', 'messagedelete', 'usertyping', 'resync'];
/** Events with no id of their own: lastEventId would repeat the previous event's. */
const UNNUMBERED = new Set(['resync', 'usertyping']);

/** The wait before the next attempt: the server's Retry-After if longer, doubling from the first retry up to the cap. */
export function backoff(attempt, retryAfterSeconds = 0, { retryMs, maxRetryMs } = TIMINGS) {
    const own = Math.min(retryMs * 2 ** Math.max(0, attempt), maxRetryMs);
    return Math.max(own, retryAfterSeconds * 1000);
}

export class Source extends EventTarget {
    #member;
    #lastId;
    #source = null;
    #timer = null;
    #failures = 0;
    #attempt = 0;
    #stopped = false;

    /** lastId() gives the id to resume after (or null for the latest events). */
    constructor(member, lastId) {
        super();
        this.#member = member;
        this.#lastId = lastId;
    }

    /** Connects (again) with this member's token, where the stream left off. */
    connect(member = this.#member) {
        this.#member = member;
        this.#open();
    }

    stop() {
        this.#stopped = true;
        this.#attempt++;
        clearTimeout(this.#timer);
        this.#source?.close();
        this.#source = null;
    }

    async #open() {
        if (this.#stopped) return;
        clearTimeout(this.#timer);
        this.#source?.close();
        this.#source = null;
        const attempt = ++this.#attempt;
        this.#state(this.#failures ? 'reconnecting' : 'connecting');
        try {
            await api.streamCookie(this.#member);
        } catch (e) {
            if (attempt !== this.#attempt) return;
            if (e.status === 401) this.dispatchEvent(new Event('expired'));
            else this.#later(e.retryAfter);
            return;
        }
        if (attempt !== this.#attempt) return;
        const source = new EventSource(api.eventsUrl(this.#member.room, this.#lastId()));
        this.#source = source;
        source.onopen = () => {
            this.#failures = 0;
            this.#state('live');
        };
        for (const type of TYPES) {
            source.addEventListener(type, (event) => {
                const id = UNNUMBERED.has(type) ? null : event.lastEventId;
                this.dispatchEvent(new CustomEvent('event', { detail: { type, id, data: event.data } }));
            });
        }
        source.onerror = () => {
            if (source !== this.#source) return;
            if (source.readyState === EventSource.CONNECTING) {
                this.#failures++;
                this.#state('reconnecting');
                return;
            }
            source.close();
            this.#source = null;
            this.#recover(attempt);
        };
    }

    async #recover(attempt) {
        this.#state('reconnecting');
        const { status, retryAfter } = await api.streamStatus(this.#member);
        if (this.#stopped || attempt !== this.#attempt) return;
        if (status === 401) this.dispatchEvent(new Event('expired'));
        else this.#later(retryAfter);
    }

    #later(retryAfter = 0) {
        this.#failures++;
        const wait = backoff(this.#failures - 1, retryAfter);
        this.#state('offline', wait);
        this.#timer = setTimeout(() => this.#open(), wait);
    }

    #state(state, retryMs = 0) {
        this.dispatchEvent(new CustomEvent('state', { detail: { state, retryMs } }));
    }
}
