// The room list: the rooms this browser is in (each with its unread count), the other rooms the server has (each
// with how many are there), and a way to create one by name. Opening a room never leaves another: you stay in each
// until you leave it (docs/client.md says what that costs).

import { isRoom, MAX_ROOMS } from './rules.js';

function text(tag, className, value) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = value;
    return node;
}

const hidden = (value) => text('span', 'visually-hidden', value);

/** One room's button: "# design · 3 here · 2 unread", read as "design, 3 here, 2 unread". */
export function roomButton({ name, members, unread = 0, current = false }) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'room';
    button.dataset.room = name;
    if (current) button.setAttribute('aria-current', 'page');
    const label = text('span', 'room-label', name);
    button.append(label);
    if (members !== undefined) {
        const count = text('span', 'count', '');
        count.append(hidden(', '), `${members} here`);
        button.append(count);
    }
    if (unread > 0) {
        const badge = text('span', 'badge', String(unread));
        badge.dataset.unread = String(unread);
        badge.prepend(hidden(', '));
        badge.append(hidden(' unread'));
        button.append(badge);
    }
    return button;
}

/**
 * The sidebar (a drawer on a phone). open(room) opens a room (joining it under your name when you are not in it);
 * it resolves to an error message to show, or null.
 */
export function roomsPanel(panel, { open }) {
    const mine = panel.querySelector('[data-my-rooms]');
    const others = panel.querySelector('[data-other-rooms]');
    const othersHeading = panel.querySelector('[data-other-rooms-heading]');
    const form = panel.querySelector('[data-create-room]');
    const input = form.elements.room;
    const error = panel.querySelector('[data-create-error]');

    const fail = (message, field = false) => {
        error.textContent = message ?? '';
        if (message && field) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
    };

    panel.addEventListener('click', async (event) => {
        const button = event.target.closest('button[data-room]');
        if (!button) return;
        fail(null);
        fail(await open(button.dataset.room));
        panel.dispatchEvent(new Event('opened', { bubbles: true }));
    });

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const room = input.value.trim().toLowerCase();
        if (!isRoom(room)) {
            fail('A room name is 1 to 32 of a–z, 0–9 and -, starting with a letter or digit.', true);
            input.focus();
            return;
        }
        fail(null);
        const message = await open(room);
        if (message) fail(message, true);
        else input.value = '';
    });

    /** joined: [{name, unread, members}] in order; server: [{name, members}] from GET /api/rooms. */
    function render({ joined, server, current }) {
        const counts = new Map(server.map((room) => [room.name, room.members]));
        mine.replaceChildren(...joined.map((room) => {
            const item = document.createElement('li');
            item.append(roomButton({ ...room, members: room.members ?? counts.get(room.name) ?? 0,
                current: room.name === current }));
            return item;
        }));
        const names = new Set(joined.map((room) => room.name));
        const rest = server.filter((room) => !names.has(room.name));
        others.replaceChildren(...rest.map((room) => {
            const item = document.createElement('li');
            item.append(roomButton(room));
            return item;
        }));
        others.hidden = rest.length === 0;
        othersHeading.hidden = rest.length === 0;
        form.querySelector('[data-room-cap]').textContent = joined.length >= MAX_ROOMS
            ? `You are in ${MAX_ROOMS} rooms, the most one browser follows at once: leave one to open another.` : '';
    }

    return { render, fail };
}
