// The leader tab relays its room's events to the other tabs over a BroadcastChannel. A tab that opens later says
// hello, and the leader answers with a snapshot of what it kept; events relayed before the snapshot wait for it, so
// a follower sees each event once and in order. Independent of the DOM: node's BroadcastChannel runs it in tests.

export class Relay {
    #channel;
    #leading = false;
    #synced = false;
    #waiting = [];
    #snapshot;
    #deliver;

    /**
     * deliver(kind, payload) gets 'event' (an event), 'state' ({state, since}) and 'synced' (after the snapshot's
     * events, or at once when this tab leads). snapshot() gives the leader's kept events and state for a hello.
     */
    constructor(name, { deliver, snapshot }) {
        this.#deliver = deliver;
        this.#snapshot = snapshot;
        this.#channel = new BroadcastChannel(name);
        this.#channel.onmessage = (message) => this.#receive(message.data);
    }

    get synced() {
        return this.#synced;
    }

    /** This tab now holds the stream. A follower that had not synced yet drops what it half had. */
    lead() {
        this.#leading = true;
        const fresh = !this.#synced;
        this.#synced = true;
        this.#waiting = [];
        return fresh;
    }

    hello() {
        if (!this.#leading && !this.#synced) this.#channel.postMessage({ kind: 'hello' });
    }

    event(event) {
        if (this.#leading) this.#channel.postMessage({ kind: 'event', event });
    }

    state(state) {
        if (this.#leading) this.#channel.postMessage({ kind: 'state', state });
    }

    close() {
        this.#channel.close();
    }

    #receive(message) {
        if (this.#leading) {
            if (message.kind === 'hello') this.#channel.postMessage({ kind: 'snapshot', ...this.#snapshot() });
            return;
        }
        switch (message.kind) {
            case 'event':
                if (this.#synced) this.#deliver('event', message.event);
                else this.#waiting.push(message.event);
                break;
            case 'state':
                this.#deliver('state', message.state);
                break;
            case 'snapshot':
                if (this.#synced) break;
                this.#synced = true;
                for (const event of [...message.events, ...this.#waiting]) this.#deliver('event', event);
                this.#waiting = [];
                this.#deliver('state', message.state);
                this.#deliver('synced');
                break;
            default:
        }
    }
}
