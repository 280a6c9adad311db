// One joined room, open on this page whether it is the one in view or not: its stream, its conversation, who is
// there, what is unread. No DOM: the views listen for 'change' and draw what is in view.
//
// Events: 'change' (detail: 'timeline' | 'members' | 'state' | 'history' | 'unread'), 'announce' (detail: a live
// message from someone else, for the screen reader's log), 'gone' (detail {message}: this page is no longer a member).

import * as api from './api.js';
import * as identity from './identity.js';
import { History } from './history.js';
import { compareIds } from './ids.js';
import { sameName } from './names.js';
import { TIMINGS } from './rules.js';
import { RoomStream } from './stream/stream.js';
import { Timeline } from './timeline.js';

export class Session extends EventTarget {
    member;
    timeline = new Timeline();
    members = [];
    unread = 0;
    active = false;
    #stream;
    #history;
    #newest = undefined; // the newest message id before this page connected: what is newer is live
    #membersTimer = null;
    #rejoining = null;
    #unwatch;
    #closed = false;

    constructor(member) {
        super();
        this.member = member;
        this.#history = new History(member.room, this.timeline, () => this.#changed('history'));
        this.#stream = new RoomStream(member);
        this.#stream.addEventListener('event', (event) => this.#onEvent(event.detail));
        this.#stream.addEventListener('state', () => {
            this.#changed('state');
            if (this.#stream.state.state === 'live') this.refreshMembers();
        });
        this.#stream.addEventListener('expired', () => this.rejoin().catch(() => {}));
        this.#unwatch = identity.watch(member.room, (stored) => this.#storedIdentityChanged(stored));
    }

    get room() {
        return this.member.room;
    }

    get state() {
        return this.#stream.state;
    }

    get canLoadEarlier() {
        return this.#history.available;
    }

    get closed() {
        return this.#closed;
    }

    async start() {
        try {
            // messages newer than this are live; the replay that follows is not announced or counted as unread
            const [newest] = await api.earlier(this.room, null, 1);
            this.#newest = newest?.id ?? null;
        } catch {
            this.#newest = undefined;
        }
        if (this.#closed) return;
        this.#stream.start();
        this.refreshMembers();
    }

    close() {
        this.#closed = true;
        clearTimeout(this.#membersTimer);
        this.#history.stop();
        this.#stream.stop();
        this.#unwatch();
    }

    /** In view (true) or in the background; being in view clears the unread count. */
    show(active) {
        this.active = active;
        if (active) this.seen();
    }

    seen() {
        if (this.unread === 0) return;
        this.unread = 0;
        this.#changed('unread');
    }

    async send(text) {
        let event;
        try {
            event = await api.post(this.member, text);
        } catch (e) {
            if (e.status !== 401) throw e;
            await this.rejoin();
            event = await api.post(this.member, text);
        }
        // shown at once; when it comes back on the stream, its id is already there
        if (this.timeline.add('usermessage', event)) this.#changed('timeline');
        return event;
    }

    loadEarlier() {
        return this.#history.load(() => this.#changed('timeline'));
    }

    /** Reads who is here again soon; several presence events in a row cost one request. */
    refreshMembers() {
        clearTimeout(this.#membersTimer);
        this.#membersTimer = setTimeout(async () => {
            try {
                this.members = await api.members(this.room);
                if (!this.#closed) this.#changed('members');
            } catch {
                // the next presence event or reconnect tries again
            }
        }, TIMINGS.membersDebounceMs);
    }

    /** The token stopped working (the name expired, or the server lost it): join again under the same name. */
    rejoin() {
        this.#rejoining ??= (async () => {
            const { room, username, token } = this.member;
            try {
                this.#adopt({ ...this.member, ...(await api.join(room, username)) });
            } catch (e) {
                // another tab of this browser may have joined again first, under our name
                const stored = await storedAfter(room, token);
                if (stored) {
                    this.#adopt(stored);
                } else if (e.status === 409) {
                    identity.forget(room);
                    this.#gone(`Your name ${username} was taken while you were away. Choose another.`);
                    throw e;
                } else {
                    setTimeout(() => this.#stream.dispatchEvent(new Event('expired')), TIMINGS.rejoinRetryMs);
                    throw e;
                }
            } finally {
                this.#rejoining = null;
            }
        })();
        return this.#rejoining;
    }

    #adopt(member) {
        if (this.#closed) return;
        identity.save(member);
        this.member = member;
        this.#stream.resume(member);
    }

    #storedIdentityChanged(stored) {
        if (this.#closed) return;
        if (!stored) {
            this.#gone('You left this room in another tab.');
        } else if (stored.token !== this.member.token) {
            this.member = stored;
            if (this.#stream.leading) this.#stream.resume(stored);
            else this.#stream.updateMember(stored);
        }
    }

    #gone(message) {
        this.dispatchEvent(new CustomEvent('gone', { detail: { message } }));
    }

    #isLive(event) {
        if (this.#newest === undefined) return false;
        return this.#newest === null || compareIds(event.id, this.#newest) > 0;
    }

    #onEvent({ type, data }) {
        if (this.#closed) return;
        if (type === 'resync') {
            if (this.timeline.gap()) this.#changed('timeline');
            this.refreshMembers();
            return;
        }
        let event;
        try {
            event = JSON.parse(data);
        } catch {
            return;
        }
        const entry = this.timeline.add(type, event);
        if (!entry) return;
        this.#changed('timeline');
        this.#history.probe();
        if (type !== 'usermessage') {
            this.refreshMembers();
        } else if (this.#isLive(entry) && !sameName(entry.username, this.member.username)) {
            this.dispatchEvent(new CustomEvent('announce', { detail: entry }));
            if (!this.active || document.hidden) {
                this.unread++;
                this.#changed('unread');
            }
        }
    }

    #changed(what) {
        this.dispatchEvent(new CustomEvent('change', { detail: what }));
    }
}

/** The identity another tab stored in place of ours, waiting a moment for it to arrive. */
function storedAfter(room, oldToken) {
    const changed = (stored) => (stored && stored.token !== oldToken ? stored : null);
    const now = changed(identity.load(room));
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
        const timer = setTimeout(() => {
            unwatch();
            resolve(changed(identity.load(room)));
        }, TIMINGS.adoptWaitMs);
        const unwatch = identity.watch(room, (stored) => {
            if (changed(stored)) {
                clearTimeout(timer);
                unwatch();
                resolve(stored);
            }
        });
    });
}
