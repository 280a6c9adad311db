// A room's live events for this page, with one EventSource per browser and room.
//
// Browsers allow about six HTTP/1.1 connections per origin, so every tab holding its own stream would starve the
// rest. The tabs of one member elect a leader with a Web Lock: the leader holds the EventSource and relays each
// event over a BroadcastChannel; a tab that opens later asks the leader for what it has. When the leader closes,
// the lock passes to another tab, which connects with the last id it saw: nothing lost, and ids drop repeats.
//
// Events: 'event' (detail {type, id, data}), 'state' (detail 'connecting'|'live'|'reconnecting'|'offline'),
// 'expired' (the token no longer works: join again, then call resume).

import { eventsUrl, streamStatus } from './api.js';
import { compareIds } from './ids.js';

const TYPES = ['userconnect', 'usermessage', 'userdisconnect', 'resync'];
const KEPT = 500;
const MAX_RETRY_MS = 30_000;

export class RoomStream extends EventTarget {
    #member;
    #channel;
    #lock = new AbortController();
    #endLead = null;
    #source = null;
    #leading = false;
    #synced = false;
    #waiting = [];
    #events = [];
    #lastId = null;
    #state = 'connecting';
    #retryMs = 1000;
    #timer = null;
    #stopped = false;

    constructor(member) {
        super();
        this.#member = member;
    }

    get leading() {
        return this.#leading;
    }

    start() {
        this.#channel = new BroadcastChannel(`parley:${this.#member.room}`);
        this.#channel.onmessage = (message) => this.#fromChannel(message.data);
        this.#setState('connecting');
        navigator.locks.request(`parley:${this.#member.room}`, { signal: this.#lock.signal }, () => this.#lead())
            .catch(() => { /* aborted by stop() */ });
        this.#askLeader();
    }

    /** The member's token changed (another tab joined again): use it from now on. */
    updateMember(member) {
        this.#member = member;
    }

    /** After 'expired', with the member joined again: connect where the stream left off. */
    resume(member) {
        this.#member = member;
        if (this.#leading && !this.#stopped) this.#connect();
    }

    stop() {
        this.#stopped = true;
        clearTimeout(this.#timer);
        this.#source?.close();
        this.#lock.abort();
        this.#endLead?.();
        this.#channel?.close();
    }

    #lead() {
        if (this.#stopped) return undefined;
        this.#leading = true;
        if (!this.#synced) {
            // whatever arrived before we could sync is incomplete: take the server's replay instead
            this.#waiting = [];
            this.#lastId = null;
            this.#synced = true;
        }
        this.#connect();
        return new Promise((resolve) => { this.#endLead = resolve; });
    }

    #connect() {
        clearTimeout(this.#timer);
        this.#source?.close();
        const source = new EventSource(eventsUrl(this.#member, this.#lastId));
        this.#source = source;
        source.onopen = () => {
            this.#retryMs = 1000;
            this.#setState('live');
        };
        for (const type of TYPES) {
            source.addEventListener(type, (event) => {
                // a resync carries no id of its own; lastEventId would repeat the previous event's
                this.#receive({ type, id: type === 'resync' ? null : event.lastEventId, data: event.data });
            });
        }
        source.onerror = () => {
            if (source !== this.#source) return;
            if (source.readyState === EventSource.CONNECTING) {
                this.#setState('reconnecting');
                return;
            }
            // a refused connection (401, 503, …) ends an EventSource for good: find out why, then act
            source.close();
            this.#source = null;
            this.#recover();
        };
    }

    async #recover() {
        this.#setState('reconnecting');
        const { status, retryAfter } = await streamStatus(this.#member);
        if (this.#stopped) return;
        if (status === 401) {
            this.dispatchEvent(new Event('expired'));
            return;
        }
        const wait = Math.max(retryAfter * 1000, this.#retryMs);
        this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
        this.#setState('offline', wait);
        this.#timer = setTimeout(() => this.#connect(), wait);
    }

    #receive(event) {
        if (event.type === 'resync') {
            this.#events = [];
            this.#lastId = null;
        } else {
            if (this.#lastId && compareIds(event.id, this.#lastId) <= 0) return;
            this.#lastId = event.id;
            this.#events.push(event);
            if (this.#events.length > KEPT) this.#events.shift();
        }
        if (this.#leading) this.#channel.postMessage({ kind: 'event', event });
        this.dispatchEvent(new CustomEvent('event', { detail: event }));
    }

    #setState(state, retryMs = 0) {
        this.#state = state;
        if (this.#leading) this.#channel.postMessage({ kind: 'state', state });
        this.dispatchEvent(new CustomEvent('state', { detail: state, retryMs }));
    }

    #askLeader() {
        if (this.#stopped || this.#leading || this.#synced) return;
        this.#channel.postMessage({ kind: 'hello' });
        this.#timer = setTimeout(() => this.#askLeader(), 1000);
    }

    #fromChannel(message) {
        if (this.#leading) {
            if (message.kind === 'hello') {
                this.#channel.postMessage({ kind: 'snapshot', events: this.#events, state: this.#state });
            }
            return;
        }
        switch (message.kind) {
            case 'event':
                if (this.#synced) this.#receive(message.event);
                else this.#waiting.push(message.event);
                break;
            case 'state':
                this.#setState(message.state);
                break;
            case 'snapshot':
                if (this.#synced) break;
                this.#synced = true;
                clearTimeout(this.#timer);
                for (const event of [...message.events, ...this.#waiting]) this.#receive(event);
                this.#waiting = [];
                this.#setState(message.state);
                break;
            default:
        }
    }
}
