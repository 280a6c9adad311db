// Who this browser is in each room. Kept in localStorage, so every tab of the browser is the same member (one
// name, one presence, one shared stream per room) and a reload keeps it. The last room opened is kept too, so the
// bare address comes back to it.

import { isRoom } from './rules.js';

const PREFIX = 'parley.member.';
const key = (room) => `${PREFIX}${room}`;
const LAST = 'parley.last';

export function load(room) {
    try {
        const member = JSON.parse(localStorage.getItem(key(room)));
        return member && member.room === room && member.token && member.username ? member : null;
    } catch {
        return null;
    }
}

export function save(member) {
    localStorage.setItem(key(member.room), JSON.stringify(member));
}

export function forget(room) {
    localStorage.removeItem(key(room));
}

/** Every room this browser has joined, in the order they were joined. */
export function all() {
    const members = [];
    for (let i = 0; i < localStorage.length; i++) {
        const name = localStorage.key(i);
        if (name?.startsWith(PREFIX) && isRoom(name.slice(PREFIX.length))) {
            const member = load(name.slice(PREFIX.length));
            if (member) members.push(member);
        }
    }
    return members.sort((a, b) => (a.joinedAt ?? 0) - (b.joinedAt ?? 0) || a.room.localeCompare(b.room));
}

/** The room last opened on this browser, while it still has an identity there. */
export function lastRoom() {
    const room = localStorage.getItem(LAST);
    return room && load(room) ? room : null;
}

export function rememberRoom(room) {
    localStorage.setItem(LAST, room);
}

/** The name this browser used last, to offer when joining another room. */
export function lastName() {
    const room = localStorage.getItem(LAST);
    return (room && load(room)?.username) || all().at(-1)?.username || '';
}

/** Calls back with the room's member (or null) when another tab joins again or leaves. */
export function watch(room, callback) {
    const listener = (event) => {
        if (event.key === key(room)) callback(load(room));
    };
    window.addEventListener('storage', listener);
    return () => window.removeEventListener('storage', listener);
}

/** Calls back when another tab joins or leaves any room. */
export function watchRooms(callback) {
    const listener = (event) => {
        if (event.key?.startsWith(PREFIX)) callback();
    };
    window.addEventListener('storage', listener);
    return () => window.removeEventListener('storage', listener);
}
