// Who this browser is in each room. Kept in localStorage, so every tab of the browser is the same member (one
// name, one presence, one shared stream) and a reload keeps it.

const key = (room) => `parley.member.${room}`;

export function load(room) {
    try {
        const member = JSON.parse(localStorage.getItem(key(room)));
        return member && member.room === room && member.token ? member : null;
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

/** Calls back with the room's member (or null) when another tab joins again or leaves. */
export function watch(room, callback) {
    const listener = (event) => {
        if (event.key === key(room)) callback(load(room));
    };
    window.addEventListener('storage', listener);
    return () => window.removeEventListener('storage', listener);
}
