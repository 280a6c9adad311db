// "bob is typing…": both ends of it. The composer tells the room at most once per interval while there is text to send
// and the room is live (TypingSignal); the page shows who else is typing (Typists), each name for a few seconds after
// their last signal, gone at once when their message arrives. Pure, with the clock passed in.

import { sameName } from './names.js';
import { TIMINGS } from './rules.js';

/** When the composer should send POST …/typing. */
export class TypingSignal {
    #every;
    #last = -Infinity;

    constructor(everyMs = TIMINGS.typingSendMs) {
        this.#every = everyMs;
    }

    /**
     * Whether to say "I am typing" now: only for text that could be sent, only while the room is live (offline it
     * would fail and say nothing true), and not again within the interval the server forwards at most one per.
     */
    shouldSend(text, live, now) {
        if (!live || !String(text).trim() || now - this.#last < this.#every) return false;
        this.#last = now;
        return true;
    }
}

/** Who else is typing in one room, in the order they started. */
export class Typists {
    #showMs;
    #until = new Map();
    self;

    /** self: this page's own name, never shown (the server sends our own signals back, from any of our tabs). */
    constructor(self = '', showMs = TIMINGS.typingShowMs) {
        this.self = self;
        this.#showMs = showMs;
    }

    /** A usertyping from username, received at now (the page's clock: the server's may be set differently). */
    saw(username, now) {
        if (!username || sameName(username, this.self)) return false;
        this.#prune(now);
        const known = [...this.#until.keys()].find((name) => sameName(name, username));
        this.#until.set(known ?? username, now + this.#showMs);
        return known === undefined;
    }

    /** Their message arrived, or they left: no longer typing. */
    stopped(username) {
        const known = [...this.#until.keys()].find((name) => sameName(name, username));
        return known !== undefined && this.#until.delete(known);
    }

    names(now) {
        this.#prune(now);
        return [...this.#until.keys()];
    }

    /** Milliseconds until the next name drops out, or null when nobody is typing. */
    nextChange(now) {
        this.#prune(now);
        if (this.#until.size === 0) return null;
        return Math.max(0, Math.min(...this.#until.values()) - now);
    }

    clear() {
        this.#until.clear();
    }

    #prune(now) {
        for (const [name, until] of this.#until) if (until <= now) this.#until.delete(name);
    }
}

/** The typing line: '' for nobody, one or two names, else "several people". */
export function typingText(names) {
    if (names.length === 0) return '';
    if (names.length === 1) return `${names[0]} is typing…`;
    if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
    return 'several people are typing…';
}
