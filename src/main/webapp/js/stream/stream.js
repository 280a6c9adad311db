// A room's live events for this page, with one EventSource per browser and room.
//
// Browsers allow about six HTTP/1.1 connections per origin, so every tab holding its own stream would starve the
// rest. The tabs of one member elect a leader (leader.js): the leader holds the EventSource (source.js) and relays
// each event to the other tabs (relay.js); a tab that opens later asks the leader for what it has. When the leader
// closes, the lock passes to another tab, which connects with the last id it saw: nothing lost, and ids drop repeats.
//
// Events: 'event' (detail {type, id, data}), 'state' (detail {state, since, retryMs}: since is when the stream was
// last lost, for "Offline since 21:04"), 'expired' (the token no longer works: join again, then call resume).

import { compareIds } from '../ids.js';
import { KEPT, TIMINGS } from '../rules.js';
import { elect } from './leader.js';
import { Relay } from './relay.js';
import { Source } from './source.js';

export class RoomStream extends EventTarget {
    #member;
    #relay = null;
    #resign = null;
    #source = null;
    #leading = false;
    #events = [];
    #lastId = null;
    #state = { state: 'connecting', since: null, retryMs: 0 };
    #hello = null;
    #stopped = false;

    constructor(member) {
        super();
        this.#member = member;
    }

    get leading() {
        return this.#leading;
    }

    get state() {
        return this.#state;
    }

    start() {
        const name = `parley:${this.#member.room}`;
        this.#relay = new Relay(name, {
            deliver: (kind, payload) => this.#fromLeader(kind, payload),
            snapshot: () => ({ events: this.#events, state: this.#state }),
        });
        this.#setState({ state: 'connecting', since: null, retryMs: 0 });
        this.#resign = elect(name, () => this.#lead());
        this.#askLeader();
    }

    /** The member's token changed (another tab joined again): use it from now on. */
    updateMember(member) {
        this.#member = member;
    }

    /** After 'expired', with the member joined again: connect where the stream left off. */
    resume(member) {
        this.#member = member;
        if (this.#leading && !this.#stopped) this.#source.connect(member);
    }

    stop() {
        this.#stopped = true;
        clearTimeout(this.#hello);
        this.#source?.stop();
        this.#resign?.();
        this.#relay?.close();
    }

    #lead() {
        if (this.#stopped) return;
        this.#leading = true;
        clearTimeout(this.#hello);
        // whatever arrived before we could sync is incomplete: take the server's replay instead
        if (this.#relay.lead()) this.#lastId = null;
        this.#source = new Source(this.#member, () => this.#lastId);
        this.#source.addEventListener('event', (event) => this.#receive(event.detail));
        this.#source.addEventListener('state', (event) => this.#sourceState(event.detail));
        this.#source.addEventListener('expired', () => this.dispatchEvent(new Event('expired')));
        this.#source.connect(this.#member);
    }

    #sourceState({ state, retryMs }) {
        const lost = state === 'reconnecting' || state === 'offline';
        const since = lost ? (this.#state.since ?? new Date().toISOString()) : null;
        this.#setState({ state, since, retryMs });
    }

    #receive(event) {
        if (event.type === 'resync') {
            // what follows is the latest history, which may overlap or follow what we have: take it all, ids sort it
            this.#lastId = null;
        } else if (event.id === null) {
            // a signal for now (usertyping): relayed to the other tabs, never kept for a tab that opens later
        } else {
            if (this.#lastId && compareIds(event.id, this.#lastId) <= 0) return;
            this.#lastId = event.id;
            this.#events.push(event);
            if (this.#events.length > KEPT) this.#events.shift();
        }
        this.#relay.event(event);
        this.dispatchEvent(new CustomEvent('event', { detail: event }));
    }

    #fromLeader(kind, payload) {
        if (this.#leading) return;
        if (kind === 'event') this.#receive(payload);
        else if (kind === 'state') this.#setState(payload);
        else if (kind === 'synced') clearTimeout(this.#hello);
    }

    #setState(state) {
        this.#state = state;
        this.#relay?.state(state);
        this.dispatchEvent(new CustomEvent('state', { detail: state }));
    }

    #askLeader() {
        if (this.#stopped || this.#leading || this.#relay.synced) return;
        this.#relay.hello();
        this.#hello = setTimeout(() => this.#askLeader(), TIMINGS.helloMs);
    }
}
