// The way in: a name and a room, picked from the list or typed. The name this browser already has in that room is
// "you": it opens the room again instead of asking the server, which would say the name is taken.

import * as api from './api.js';
import * as identity from './identity.js';
import { sameName } from './names.js';
import { isRoom } from './rules.js';
import { roomButton } from './rooms.js';

export function joinForm(view, { joined, entered }) {
    const form = view.querySelector('[data-join-form]');
    const error = view.querySelector('[data-join-error]');
    const list = view.querySelector('[data-rooms]');
    const empty = view.querySelector('[data-rooms-empty]');
    const { username: nameInput, room: roomInput } = form.elements;

    /** The message under the form, with the field at fault marked invalid (and announced with it). */
    function fail(message, field = null) {
        error.textContent = message;
        for (const input of [nameInput, roomInput]) {
            if (message && input === field) input.setAttribute('aria-invalid', 'true');
            else input.removeAttribute('aria-invalid');
        }
        field?.focus();
    }

    list.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-room]');
        if (!button) return;
        roomInput.value = button.dataset.room;
        if (identity.load(button.dataset.room)) {
            entered(identity.load(button.dataset.room));
            return;
        }
        nameInput.focus();
    });

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const username = nameInput.value.trim();
        const room = roomInput.value.trim().toLowerCase();
        if (!username) {
            fail('Choose a name.', nameInput);
            return;
        }
        if (!isRoom(room)) {
            fail('A room name is 1 to 32 of a–z, 0–9 and -, starting with a letter or digit.', roomInput);
            return;
        }
        const stored = identity.load(room);
        if (stored && sameName(stored.username, username)) {
            fail('');
            entered(stored);
            return;
        }
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        try {
            const member = await api.join(room, username);
            fail('');
            joined(member);
        } catch (e) {
            if (e.status === 0) fail('The server cannot be reached. Try again in a moment.', nameInput);
            else fail(e.message, e.status === 409 || e.problem?.detail?.startsWith('username') ? nameInput : null);
        } finally {
            button.disabled = false;
        }
    });

    async function show(room, { message = '', name = '', invalid = false } = {}) {
        roomInput.value = room;
        if (name && !nameInput.value) nameInput.value = name;
        fail(message, invalid ? nameInput : null);
        nameInput.focus();
        try {
            const rooms = await api.rooms();
            list.replaceChildren(...rooms.map((entry) => {
                const item = document.createElement('li');
                const button = roomButton(entry);
                if (identity.load(entry.name)) {
                    const tag = document.createElement('span');
                    tag.className = 'tag';
                    const comma = document.createElement('span');
                    comma.className = 'visually-hidden';
                    comma.textContent = ', ';
                    tag.append(comma, 'you are in');
                    button.append(tag);
                }
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
