// One joined room, open on this page whether it is the one in view or not: its stream, its conversation, who is
// there, what is unread. No DOM: the views listen for 'change' and draw what is in view.
//
// Events: 'change' (detail: 'timeline' | 'members' | 'state' | 'history' | 'unread' | 'typing'), 'announce' (detail: a
// live message from someone else, for the screen reader's log), 'unsay' (detail: the id of a message edited or deleted,
// whose announced text must go too), 'gone' (detail {message}: this page is no longer a member).

import * as api from './api.js';
import * as identity from './identity.js';
import { History } from './history.js';
import { MessageKeys, withRetries } from './idempotency.js';
import { compareIds } from './ids.js';
import { sameName } from './names.js';
import { TIMINGS } from './rules.js';
import { RoomStream } from './stream/stream.js';
import { Timeline } from './timeline.js';
import { Typists, TypingSignal } from './typing.js';

export class Session extends EventTarget {
    member;
    timeline = new Timeline();
    members = [];
    unread = 0;
    active = false;
    /** Who else is typing here now. */
    typists;
    /** How far this page's clock runs ahead of the server's (ms), measured on our own posts: for the edit window. */
    skew = 0;
    #keys = new MessageKeys();
    #typingSignal = new TypingSignal();
    #typingTimer = null;
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
        this.typists = new Typists(member.username);
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
        clearTimeout(this.#typingTimer);
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

    /**
     * Posts a message with its key: one key per composed text (idempotency.js), so a network error, the retry after it
     * and Send pressed again post it once. The answer is shown at once; when the same message comes back on the
     * stream, or as the server's repeated answer to a retry, its id is already there.
     */
    async send(text) {
        const key = this.#keys.keyFor(text);
        let replayed = false;
        const post = () => withRetries(() => api.post(this.member, text, key, (again) => { replayed = again; }));
        let event;
        try {
            event = await post();
        } catch (e) {
            if (e.status !== 401) throw e;
            await this.rejoin();
            event = await post();
        }
        this.#keys.posted(text);
        // a repeated answer carries the time of the first post, maybe minutes ago: no measure of the clocks
        const sent = Date.parse(event?.time);
        if (!replayed && !Number.isNaN(sent)) this.skew = Date.now() - sent;
        this.#fold('usermessage', event);
        return event;
    }

    /** The author's edit: the server's answer (the message as it is now) is shown; the messageedit event repeats it. */
    async edit(id, text) {
        this.#fold('usermessage', await api.edit(this.member, id, text));
    }

    /** The author's delete: a tombstone at once on 204; the messagedelete event changes nothing more. */
    async remove(id) {
        await api.remove(this.member, id);
        if (this.timeline.deleted(id)) {
            this.dispatchEvent(new CustomEvent('unsay', { detail: id }));
            this.#changed('timeline');
        }
    }

    /** The composer's text changed: tell the room we are typing, at most once per interval (typing.js). */
    typing(text) {
        if (this.#typingSignal.shouldSend(text, this.state.state === 'live', Date.now())) {
            api.typing(this.member).catch(() => { /* a lost signal only shortens the line on other screens */ });
        }
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
            this.#history.refresh(() => this.#changed('timeline'));
            this.refreshMembers();
            return;
        }
        let event;
        try {
            event = JSON.parse(data);
        } catch {
            return;
        }
        if (type === 'usertyping') {
            if (this.typists.saw(event.username, Date.now())) this.#typingChanged();
            else this.#scheduleTyping();
            return;
        }
        if (type === 'usermessage' || type === 'userdisconnect') {
            // their message is here, or they left: no longer typing, without waiting for the line to expire
            if (this.typists.stopped(event.username)) this.#typingChanged();
        }
        const result = this.#fold(type, event);
        if (!result) return;
        this.#history.probe();
        const { entry, added } = result;
        if (type === 'userconnect' || type === 'userdisconnect') {
            this.refreshMembers();
        } else if (type === 'usermessage' && added && !entry.deleted && this.#isLive(entry)
            && !sameName(entry.username, this.member.username)) {
            this.dispatchEvent(new CustomEvent('announce', { detail: entry }));
            if (!this.active || document.hidden) {
                this.unread++;
                this.#changed('unread');
            }
        }
    }

    /** Folds an event or a message into the timeline; redraws and unsays as it changed. */
    #fold(type, data) {
        const result = this.timeline.add(type, data);
        if (!result) return null;
        if (!result.added) this.dispatchEvent(new CustomEvent('unsay', { detail: result.entry.id }));
        this.#changed('timeline');
        return result;
    }

    #typingChanged() {
        this.#changed('typing');
        this.#scheduleTyping();
    }

    /** Draws the line again when its next name drops out. */
    #scheduleTyping() {
        clearTimeout(this.#typingTimer);
        const next = this.typists.nextChange(Date.now());
        if (next === null || this.#closed) return;
        this.#typingTimer = setTimeout(() => this.#typingChanged(), next + 50);
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
