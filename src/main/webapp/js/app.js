// The page: the join view, or one room's conversation. The room is in the URL's fragment (#lobby), so a reload
// comes back to it, with the identity this browser keeps for that room.

import * as api from './api.js';
import * as identity from './identity.js';
import { compose } from './compose.js';
import { Log } from './log.js';
import { Members } from './members.js';
import { joinForm } from './rooms.js';
import { RoomStream } from './stream.js';

const PAGE = 50;
const ROOM = /^[a-z0-9][a-z0-9-]{0,31}$/;
const STATES = { idle: '', connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' };

const $ = (selector) => document.querySelector(selector);
const views = { join: $('[data-view="join"]'), chat: $('[data-view="chat"]') };
const status = $('[data-status]');
const roomName = $('[data-room-name]');
const leaveButton = $('[data-leave]');
const earlierButton = $('[data-earlier]');
const logList = $('[data-log]');

let session = null;

const entry = joinForm(views.join, (member) => {
    identity.save(member);
    enter(member);
});

const composer = compose($('[data-compose]'), (text) => session.send(text));

function setStatus(state, retryMs = 0) {
    status.dataset.state = state;
    status.textContent = state === 'offline'
        ? `Offline, retrying in ${Math.max(1, Math.ceil(retryMs / 1000))} s`
        : STATES[state];
}

function showJoin(room, message = '') {
    session?.close();
    session = null;
    views.chat.hidden = true;
    views.join.hidden = false;
    roomName.hidden = true;
    leaveButton.hidden = true;
    setStatus('idle');
    document.title = 'Parley';
    history.replaceState(null, '', `#${room}`);
    entry.show(room, message);
}

function enter(member) {
    session?.close();
    history.replaceState(null, '', `#${member.room}`);
    session = new Session(member);
}

/** One room, open on this page. */
class Session {
    constructor(member) {
        this.member = member;
        this.unread = 0;
        this.exhausted = false;
        this.probed = null;
        this.probeTimer = null;
        this.rejoining = null;
        this.log = new Log(logList, member.username);
        this.log.clear();
        this.members = new Members($('[data-members]'), $('[data-member-count]'), member.room, member.username);
        this.stream = new RoomStream(member);
        this.stream.addEventListener('event', (event) => this.#onEvent(event.detail));
        this.stream.addEventListener('state', (event) => {
            setStatus(event.detail, event.retryMs);
            if (event.detail === 'live') this.members.refresh();
        });
        this.stream.addEventListener('expired', () => this.rejoin().catch(() => {}));
        this.unwatch = identity.watch(member.room, (stored) => this.#storedIdentityChanged(stored));

        views.join.hidden = true;
        views.chat.hidden = false;
        roomName.textContent = member.room;
        roomName.hidden = false;
        leaveButton.hidden = false;
        earlierButton.hidden = true;
        this.#title();
        this.stream.start();
        this.members.refresh();
        composer.focus();
    }

    close() {
        clearTimeout(this.probeTimer);
        this.stream.stop();
        this.members.stop();
        this.unwatch();
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
        this.log.add('usermessage', event);
    }

    async loadEarlier() {
        const before = logList.scrollHeight;
        let events;
        try {
            events = await api.earlier(this.member.room, this.log.oldestId(), PAGE);
        } catch (e) {
            if (e.status === 400) this.#exhaust(); // the oldest shown is no longer in history
            return;
        }
        events.forEach((event) => this.log.add('usermessage', event));
        logList.scrollTop += logList.scrollHeight - before;
        if (events.length < PAGE) this.#exhaust();
        else this.#probeEarlier();
    }

    /**
     * Offers earlier messages only when the server keeps some before the oldest shown: asked once the oldest
     * shown changes (a replay's burst asks once; live messages do not ask).
     */
    #probeEarlier() {
        const oldest = this.log.oldestId();
        if (this.exhausted || !oldest || oldest === this.probed) return;
        clearTimeout(this.probeTimer);
        this.probeTimer = setTimeout(async () => {
            this.probed = oldest;
            try {
                const earlier = await api.earlier(this.member.room, oldest, 1);
                if (session === this && !this.exhausted) earlierButton.hidden = earlier.length === 0;
            } catch {
                this.probed = null; // asked again with the next event
            }
        }, 200);
    }

    /** The token stopped working (the name expired, or the server lost it): join again under the same name. */
    rejoin() {
        this.rejoining ??= (async () => {
            const { room, username, token } = this.member;
            try {
                this.#adopt(await api.join(room, username));
            } catch (e) {
                // another tab of this browser may have joined again first, under our name
                const stored = await storedAfter(room, token);
                if (stored) {
                    this.#adopt(stored);
                } else if (e.status === 409) {
                    identity.forget(room);
                    showJoin(room, `Your name ${username} was taken while you were away. Choose another.`);
                    throw e;
                } else {
                    setTimeout(() => this.stream.dispatchEvent(new Event('expired')), 3000);
                    throw e;
                }
            } finally {
                this.rejoining = null;
            }
        })();
        return this.rejoining;
    }

    #adopt(member) {
        if (session !== this) return;
        identity.save(member);
        this.member = member;
        this.stream.resume(member);
    }

    #storedIdentityChanged(stored) {
        if (session !== this) return;
        if (!stored) {
            showJoin(this.member.room, 'You left this room in another tab.');
        } else if (stored.token !== this.member.token) {
            this.member = stored;
            if (this.stream.leading) this.stream.resume(stored);
            else this.stream.updateMember(stored);
        }
    }

    #onEvent({ type, data }) {
        if (type === 'resync') {
            this.log.resync();
            this.members.refresh();
            this.exhausted = false;
            return;
        }
        const event = JSON.parse(data);
        if (!this.log.add(type, event)) return;
        this.#probeEarlier();
        if (type !== 'usermessage') {
            this.members.refresh();
        } else {
            if (document.hidden && event.username !== this.member.username) {
                this.unread++;
                this.#title();
            }
        }
    }

    #exhaust() {
        this.exhausted = true;
        earlierButton.hidden = true;
    }

    seen() {
        this.unread = 0;
        this.#title();
    }

    #title() {
        const base = `${this.member.room} · Parley`;
        document.title = this.unread > 0 ? `(${this.unread}) ${base}` : base;
    }
}

/** The identity another tab stored in place of ours, waiting a moment for it to arrive. */
function storedAfter(room, oldToken) {
    const changed = (stored) => stored && stored.token !== oldToken ? stored : null;
    const now = changed(identity.load(room));
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
        const timer = setTimeout(() => {
            unwatch();
            resolve(changed(identity.load(room)));
        }, 1000);
        const unwatch = identity.watch(room, (stored) => {
            if (changed(stored)) {
                clearTimeout(timer);
                unwatch();
                resolve(stored);
            }
        });
    });
}

leaveButton.addEventListener('click', async () => {
    const leaving = session;
    if (!leaving) return;
    leaveButton.disabled = true;
    try {
        await api.leave(leaving.member);
    } catch (e) {
        if (e.status !== 401) {
            $('[data-compose-error]').textContent = `Could not leave: ${e.message}`;
            return;
        }
    } finally {
        leaveButton.disabled = false;
    }
    identity.forget(leaving.member.room);
    showJoin(leaving.member.room);
});

earlierButton.addEventListener('click', async () => {
    earlierButton.disabled = true;
    try {
        await session?.loadEarlier();
    } finally {
        earlierButton.disabled = false;
    }
});

document.addEventListener('visibilitychange', () => {
    if (!document.hidden) session?.seen();
});

function route() {
    const room = decodeURIComponent(location.hash.slice(1));
    const valid = ROOM.test(room) ? room : null;
    if (session && session.member.room === valid) return;
    const member = valid && identity.load(valid);
    if (member) enter(member);
    else showJoin(valid ?? 'lobby');
}

window.addEventListener('hashchange', route);
route();
