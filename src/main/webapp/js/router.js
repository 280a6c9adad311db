// The room in view is the address's fragment (#lobby), so a reload, a bookmark and the back button come back to it.

import { isRoom } from './rules.js';

/** The room a fragment names ("#design" → "design"), or null for none or an invalid one. */
export function parse(hash) {
    let room;
    try {
        room = decodeURIComponent(String(hash ?? '').replace(/^#/, ''));
    } catch {
        return null;
    }
    return isRoom(room) ? room : null;
}

/** Shows the room in the address without a new history entry. */
export function replace(room) {
    if (location.hash !== `#${room}`) history.replaceState(null, '', `#${room}`);
}

/** Goes to the room: a history entry, then callback(room) as for any change of address. */
export function go(room, callback) {
    if (parse(location.hash) === room) callback(room);
    else location.hash = room;
}

export function onRoute(callback) {
    window.addEventListener('hashchange', () => callback(parse(location.hash)));
}
