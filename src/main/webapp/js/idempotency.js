// Posts that never double (docs/API.md, "Idempotent posts"). Each composed message gets one Idempotency-Key, kept for
// as long as that same text is being tried: a network error after the server took the post, an automatic retry and
// the person pressing Send again all carry it, so the server answers the first post again instead of posting twice.
// Once the post succeeded, or the text in the box is another one, the next message gets a new key. Pure: the key
// maker and the wait are passed in for node's test runner.

import { TIMINGS } from './rules.js';

/**
 * A version 4 UUID. crypto.randomUUID exists only in secure contexts (https, localhost), and a server may be reached
 * over plain http on a LAN address, so it falls back to getRandomValues, which every context has.
 */
export function newKey(random = globalThis.crypto) {
    if (typeof random.randomUUID === 'function') return random.randomUUID();
    const bytes = random.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The key of the message being composed in one room. */
export class MessageKeys {
    #mint;
    #text = null;
    #key = null;

    constructor(mint = newKey) {
        this.#mint = mint;
    }

    /** The key to send this text with: the one it was tried with before, or a new one for a new text. */
    keyFor(text) {
        if (this.#key === null || this.#text !== text) {
            this.#key = this.#mint();
            this.#text = text;
        }
        return this.#key;
    }

    /** This text was posted: whatever is sent next is another message. */
    posted(text) {
        if (this.#text !== text) return;
        this.#text = null;
        this.#key = null;
    }
}

const wait = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * Runs attempt() until it succeeds, trying again after each of the waits when it failed on the network (status 0):
 * the post may or may not have reached the server, and only the key makes trying again safe. A refusal (any other
 * status) is the server's answer, and is thrown at once.
 */
export async function withRetries(attempt, { waits = TIMINGS.postRetryMs, sleep = wait } = {}) {
    for (let tried = 0; ; tried++) {
        try {
            return await attempt();
        } catch (e) {
            if (e?.status !== 0 || tried >= waits.length) throw e;
            await sleep(waits[tried]);
        }
    }
}
