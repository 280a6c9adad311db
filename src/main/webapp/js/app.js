// The page: wires the views to the rooms this browser is in. Each joined room is a Session that runs in the
// background while another is in view (for its unread count, and so its presence stays); the one in the address's
// fragment is drawn. Nothing here decides what a session does; it only chooses what is shown.
//
// Longer than the other modules: it is the page's one composition root, where every view meets the session in
// view; each piece of behaviour lives in the module it imports, and what stays here is only the wiring.

import * as api from './api.js';
import * as identity from './identity.js';
import * as router from './router.js';
import { compose } from './compose.js';
import { confirmDelete } from './confirm.js';
import { drawers } from './drawers.js';
import { Editor } from './edit.js';
import { joinForm } from './join.js';
import { Announcer, LogView } from './log.js';
import { renderMembers } from './members.js';
import { messageMenu } from './menu.js';
import { roomsPanel } from './rooms.js';
import { DEFAULT_ROOM, EDIT_WINDOW_MS, MAX_ROOMS, TIMINGS } from './rules.js';
import { StickyScroll } from './scroll.js';
import { Session } from './session.js';
import { showStatus } from './status.js';
import { canEdit } from './timeline.js';
import { typingText } from './typing.js';

const $ = (selector) => document.querySelector(selector);
const views = { join: $('[data-view="join"]'), chat: $('[data-view="chat"]') };
const status = $('[data-status]');
const roomName = $('[data-room-name]');
const leaveButton = $('[data-leave]');
const earlierButton = $('[data-earlier]');
const newMessages = $('[data-new-messages]');
const scroller = $('[data-scroller]');
const scrollContent = $('[data-scroll-content]');
const typingLine = $('[data-typing]');
const toggles = document.querySelectorAll('[data-drawer-toggle]');

const sessions = new Map();
let current = null;
let serverRooms = [];

const announcer = new Announcer($('[data-announcer]'));
const scroll = new StickyScroll(scroller, scrollContent, (count) => {
    newMessages.hidden = count === 0;
    newMessages.replaceChildren(`${count} new message${count === 1 ? '' : 's'} `, arrow());
});
const panels = drawers(document.body);
const editMinutes = `${EDIT_WINDOW_MS / 60_000} minutes`;

const editor = new Editor({
    save: (id, text) => current.edit(id, text),
    changed: () => { if (current) drawTimeline(current); },
    closed: (id, { origin, message }) => {
        if (message) composer.say(message);
        if (origin === 'actions') (actionsButton(id) ?? $('#message')).focus();
        else if (origin === 'composer') {
            composer.focus();
            scroll.toBottom();
        }
    },
    resize: (change) => scroll.keep(change),
});
const log = new LogView($('[data-log]'), { editor: (id) => editor.element(id) });

const menu = messageMenu($('[data-message-menu]'), scrollContent, scroller, {
    items(id) {
        const entry = current?.timeline.message(id);
        if (!entry || entry.deleted) return [];
        const editable = canEdit(entry, Date.now(), current.skew);
        return [
            { action: 'edit', label: 'Edit', disabled: !editable, note: editable ? '' : `only within ${editMinutes}` },
            { action: 'delete', label: 'Delete…' },
        ];
    },
    chose(id, action) {
        if (action === 'edit') startEdit(id, 'actions');
        else if (action === 'delete') askDelete(id);
    },
});

function actionsButton(id) {
    return [...document.querySelectorAll('[data-log] [data-id]')].find((row) => row.dataset.id === id)
        ?.querySelector('[data-actions]') ?? null;
}

/** Opens the editor on one of our messages, or says why not; false when there is nothing to edit. */
function startEdit(id, origin) {
    const entry = current?.timeline.message(id);
    if (!entry || entry.deleted) return false;
    if (!canEdit(entry, Date.now(), current.skew)) {
        composer.say(`That message can no longer be edited: messages can be edited for ${editMinutes} after they are sent.`);
        return true;
    }
    editor.open(id, entry.text, origin);
    return true;
}

async function askDelete(id) {
    const session = current;
    const entry = session?.timeline.message(id);
    if (!entry || entry.deleted) return;
    const result = await confirmDelete($('[data-confirm-delete]'), { preview: entry.text, run: () => session.remove(id) });
    // the deleted message has no menu any more: the keyboard stays in the conversation
    if (result === 'deleted') scroller.focus();
    else (actionsButton(id) ?? scroller).focus();
}

function arrow() {
    const span = document.createElement('span');
    span.setAttribute('aria-hidden', 'true');
    span.textContent = '↓';
    return span;
}

const entry = joinForm(views.join, {
    joined: (member) => open(member),
    entered: (member) => open(member),
});

const composer = compose($('[data-compose]'), {
    send: (text) => current.send(text),
    online: () => current?.state.state === 'live',
    sent: () => scroll.toBottom(),
    resize: (change) => scroll.hold(change),
    typing: (text) => current?.typing(text),
    editLast: () => {
        const last = current?.timeline.lastOwn(current.member.username);
        return last ? startEdit(last.id, 'composer') : false;
    },
});

const rooms = roomsPanel($('[data-rooms-panel]'), { open: openRoom });

/** Starts the session for a joined room (or returns the running one); null when the browser follows too many. */
function sessionFor(member) {
    const running = sessions.get(member.room);
    if (running) return running;
    if (sessions.size >= MAX_ROOMS) return null;
    const session = new Session(member);
    sessions.set(member.room, session);
    session.addEventListener('change', (event) => changed(session, event.detail));
    session.addEventListener('announce', (event) => {
        if (session === current) announcer.say(event.detail.id, event.detail.username, event.detail.text);
    });
    session.addEventListener('unsay', (event) => {
        if (session === current) announcer.unsay(event.detail);
    });
    session.addEventListener('gone', (event) => {
        drop(session);
        if (session === current) showJoin(session.room, { message: event.detail.message, name: session.member.username });
    });
    session.start();
    return session;
}

function drop(session) {
    session.close();
    sessions.delete(session.room);
    drawRooms();
}

/** A member this page just joined as, or already was: keep it, and show its room. */
function open(member) {
    const stored = { ...member, joinedAt: member.joinedAt ?? Date.now() };
    if (!sessions.has(stored.room) && sessions.size >= MAX_ROOMS) {
        showJoin(stored.room, { message: `You are in ${MAX_ROOMS} rooms, the most one browser follows at once. Leave one first.` });
        return;
    }
    identity.save(stored);
    sessionFor(stored);
    router.go(stored.room, route);
}

/** From the room list: a room this browser is in, or another one joined under the name in use. */
async function openRoom(room) {
    panels.close(false);
    if (sessions.has(room)) {
        router.go(room, route);
        return null;
    }
    const stored = identity.load(room);
    if (stored) {
        open(stored);
        return null;
    }
    if (sessions.size >= MAX_ROOMS) {
        return `You are in ${MAX_ROOMS} rooms, the most one browser follows at once. Leave one first.`;
    }
    const name = current?.member.username ?? identity.lastName();
    if (!name) {
        router.go(room, route);
        return null;
    }
    try {
        open(await api.join(room, name));
        return null;
    } catch (e) {
        if (e.status === 409 || e.status === 400) {
            showJoin(room, { message: e.message, name, invalid: true });
            router.replace(room);
            return null;
        }
        return e.status === 0 ? 'The server cannot be reached. Try again in a moment.' : e.message;
    }
}

function showJoin(room, { message = '', name = identity.lastName(), invalid = false } = {}) {
    leaveConversation();
    current?.show(false);
    current = null;
    views.chat.hidden = true;
    views.join.hidden = false;
    roomName.hidden = true;
    leaveButton.hidden = true;
    for (const toggle of toggles) toggle.hidden = true;
    showStatus(status, null);
    document.title = 'Parley';
    router.replace(room);
    entry.show(room, { message, name, invalid });
}

/** What belongs to the room in view (an open menu, an editor) goes when another is shown. */
function leaveConversation() {
    menu.close(false);
    if (editor.id !== null) editor.dismiss();
}

function showChat(session) {
    const switching = current !== session;
    if (switching) leaveConversation();
    current?.show(false);
    current = session;
    session.show(true);
    identity.rememberRoom(session.room);
    views.join.hidden = true;
    views.chat.hidden = false;
    roomName.textContent = session.room;
    roomName.hidden = false;
    leaveButton.hidden = false;
    for (const toggle of toggles) toggle.hidden = false;
    $('[data-conversation-heading]').textContent = `Conversation in ${session.room}`;
    $('#message').placeholder = `Message #${session.room}`;
    if (switching) {
        log.clear();
        announcer.clear();
        composer.reset();
    }
    drawTimeline(session);
    scroll.toBottom();
    drawTyping(session);
    drawMembers(session);
    drawState(session);
    drawHistory(session);
    drawRooms();
    refreshRooms();
    title();
    composer.focus();
}

function changed(session, what) {
    if (what === 'unread') {
        drawRooms();
        title();
    }
    if (session !== current) return;
    if (what === 'timeline') {
        if (editor.id !== null && session.timeline.message(editor.id)?.deleted) {
            editor.refuse('That message was deleted, so it cannot be edited.');
        }
        drawTimeline(session);
    } else if (what === 'typing') drawTyping(session);
    else if (what === 'members') {
        drawMembers(session);
        drawRooms();
    } else if (what === 'state') drawState(session);
    else if (what === 'history') drawHistory(session);
}

function drawTimeline(session) {
    const rows = session.timeline.rows({ self: session.member.username, editing: editor.id });
    // rows after the last one drawn arrived below: messages by others among them count as new while reading above
    const last = rows.findIndex((row) => row.key === log.lastKey);
    const arrived = last < 0 ? 0 : rows.slice(last + 1).filter((row) => row.kind === 'message' && !row.mine).length;
    scroll.keep(() => log.render(rows), arrived);
    log.lastKey = rows.at(-1)?.key ?? null;
    menu.reposition();
}

/**
 * Who else is typing, on a line of its own under the conversation. It is not a live region: a screen reader would
 * read it out between the messages the log announces, every few seconds while someone types, and their message is
 * announced anyway when it comes. The line is there to be read when wanted, just above the composer.
 */
function drawTyping(session) {
    const text = typingText(session.typists.names(Date.now()));
    if (typingLine.textContent !== text) typingLine.textContent = text;
}

function drawMembers(session) {
    renderMembers($('[data-members]'), document.querySelectorAll('[data-member-count]'), session.members,
        session.member.username);
}

function drawState(session) {
    showStatus(status, session.state);
    composer.connection(session.state.state === 'live');
}

function drawHistory(session) {
    const available = session.canLoadEarlier;
    if (!available && !earlierButton.hidden && document.activeElement === earlierButton) {
        // the button goes away under the keyboard: keep focus in the conversation
        scroller.focus();
    }
    scroll.keep(() => { earlierButton.hidden = !available; });
}

function drawRooms() {
    const joined = [...sessions.values()].map((session) => ({
        name: session.room,
        unread: session.unread,
        members: session.members.length || undefined,
    }));
    rooms.render({ joined, server: serverRooms, current: current?.room });
    const elsewhere = joined.filter((room) => room.name !== current?.room).reduce((sum, room) => sum + room.unread, 0);
    const badge = $('[data-unread-elsewhere]');
    badge.hidden = elsewhere === 0;
    badge.textContent = elsewhere ? `${elsewhere}` : '';
    if (elsewhere) badge.prepend(visuallyHidden(', '));
    if (elsewhere) badge.append(visuallyHidden(' unread'));
}

function visuallyHidden(text) {
    const span = document.createElement('span');
    span.className = 'visually-hidden';
    span.textContent = text;
    return span;
}

let roomsTimer = null;
async function refreshRooms() {
    clearTimeout(roomsTimer);
    try {
        serverRooms = await api.rooms();
        drawRooms();
    } catch {
        // shown again with the next refresh
    }
    roomsTimer = setTimeout(() => { if (!document.hidden && current) refreshRooms(); }, TIMINGS.roomsRefreshMs);
}

function title() {
    if (!current) return;
    const base = `${current.room} · Parley`;
    document.title = current.unread > 0 ? `(${current.unread}) ${base}` : base;
}

leaveButton.addEventListener('click', async () => {
    const leaving = current;
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
    identity.forget(leaving.room);
    drop(leaving);
    const next = [...sessions.values()].at(-1);
    if (next) router.go(next.room, route);
    else showJoin(leaving.room, { name: leaving.member.username });
});

// not disabled while loading: a disabled button loses the keyboard's focus
let loadingEarlier = false;
earlierButton.addEventListener('click', async () => {
    if (loadingEarlier) return;
    loadingEarlier = true;
    earlierButton.setAttribute('aria-disabled', 'true');
    try {
        await current?.loadEarlier();
    } finally {
        loadingEarlier = false;
        earlierButton.removeAttribute('aria-disabled');
    }
});

newMessages.addEventListener('click', () => {
    scroll.toBottom();
    scroller.focus();
});

document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
        current?.seen();
        if (current) refreshRooms();
    }
});

identity.watchRooms(() => {
    // another tab joined a room: follow it here too (its leaving is each session's own business)
    for (const member of identity.all()) if (!sessions.has(member.room)) sessionFor(member);
    drawRooms();
});

function route(room) {
    if (!room) {
        const last = identity.lastRoom() ?? identity.all()[0]?.room;
        if (!last) {
            showJoin(DEFAULT_ROOM);
            return;
        }
        router.replace(last);
        room = last;
    }
    const member = sessions.get(room)?.member ?? identity.load(room);
    const session = member && sessionFor(member);
    if (session) showChat(session);
    else showJoin(room, member ? { message: `You are in ${MAX_ROOMS} rooms, the most one browser follows at once. Leave one first.` } : {});
}

// every room this browser is in runs from the start, the one in view first
const first = router.parse(location.hash) ?? identity.lastRoom();
const stored = identity.all();
for (const member of [...stored.filter((m) => m.room === first), ...stored.filter((m) => m.room !== first)]) {
    sessionFor(member);
}
router.onRoute(route);
route(router.parse(location.hash));
