// The way in: pick a name and a room from the list, or type a new room's name to open it.

import * as api from './api.js';

const ROOM = /^[a-z0-9][a-z0-9-]{0,31}$/;

export function joinForm(view, onJoined) {
    const form = view.querySelector('[data-join-form]');
    const error = view.querySelector('[data-join-error]');
    const list = view.querySelector('[data-rooms]');
    const empty = view.querySelector('[data-rooms-empty]');

    list.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-room]');
        if (!button) return;
        form.elements.room.value = button.dataset.room;
        form.elements.username.focus();
    });

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const username = form.elements.username.value.trim();
        const room = form.elements.room.value.trim().toLowerCase();
        error.textContent = '';
        if (!username) {
            error.textContent = 'Choose a name.';
            form.elements.username.focus();
            return;
        }
        if (!ROOM.test(room)) {
            error.textContent = 'A room name is 1 to 32 of a–z, 0–9 and -, starting with a letter or digit.';
            form.elements.room.focus();
            return;
        }
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        try {
            onJoined(await api.join(room, username));
        } catch (e) {
            error.textContent = e.status === 0 ? 'The server cannot be reached. Try again in a moment.' : e.message;
            form.elements.username.focus();
        } finally {
            button.disabled = false;
        }
    });

    async function show(room, message = '') {
        form.elements.room.value = room;
        error.textContent = message;
        form.elements.username.focus();
        try {
            const rooms = await api.rooms();
            list.replaceChildren(...rooms.map(({ name, members }) => {
                const item = document.createElement('li');
                const button = document.createElement('button');
                button.type = 'button';
                button.dataset.room = name;
                const label = document.createElement('span');
                label.textContent = name;
                const count = document.createElement('span');
                count.className = 'count';
                count.textContent = `${members} here`;
                button.append(label, count);
                item.append(button);
                return item;
            }));
            empty.hidden = rooms.length > 0;
        } catch {
            empty.hidden = false;
        }
    }

    return { show };
}
