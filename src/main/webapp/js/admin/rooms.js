// The rooms panel: every room with its member count (GET /api/rooms), each open one with its members, bans and slow
// mode, and the moderation actions, each asked first (ask.js). The forms check what the API would refuse for
// certain (an empty reason, a seconds that is no whole number) before asking; the server's refusals are said as
// its problem's detail.

import { ask } from './ask.js';
import { formatSeconds } from './format.js';
import { buildRoom, drawBans, drawCount, drawMembers, drawSlowMode } from './room.js';
import { when } from '../time.js';

function wholeNumber(text, min) {
    const value = Number(text);
    return text.trim() !== '' && Number.isInteger(value) && value >= min ? value : null;
}

/** A form's refusal: said under it, its field marked and focused. */
function refuse(form, input, message) {
    for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
    form.querySelector('[data-form-error]').textContent = message;
    if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
    }
}

function clear(form) {
    refuse(form, null, '');
}

/**
 * panel: the rooms section; session() the signed-in client (or null); dialog: the confirmation; changed() after an
 * action, for a refresh at once; expired(error) when the server no longer takes the credentials.
 */
export function roomsPanel(panel, { session, dialog, changed, expired }) {
    const list = panel.querySelector('[data-admin-rooms]');
    const empty = panel.querySelector('[data-admin-rooms-empty]');
    const rooms = new Map();

    async function load(room) {
        const client = session();
        if (!client) return;
        try {
            const [members, bans, slow] = await Promise.all([
                client.members(room.name), client.bans(room.name), client.slowMode(room.name)]);
            drawMembers(room, members);
            drawCount(room, members.length);
            drawBans(room, bans);
            drawSlowMode(room, slow.seconds);
            room.failure.textContent = '';
        } catch (e) {
            if (e.status === 401) expired(e);
            else room.failure.textContent = `Could not read this room: ${e.message}`;
        }
    }

    /** Asks, runs, and on success says what was done in the room and refreshes everything. */
    async function act(room, question, done, { after } = {}) {
        const result = await ask(dialog, { ...question, refused: expired });
        if (result !== 'done') return;
        room.note.textContent = done;
        after?.();
        changed();
    }

    function wire(room) {
        room.details.addEventListener('toggle', () => {
            if (room.details.open) load(room);
        });
        room.members.addEventListener('click', (event) => {
            const kick = event.target.closest('[data-kick]');
            const ban = event.target.closest('[data-ban-member]');
            if (kick) {
                const username = kick.dataset.kick;
                act(room, {
                    title: `Kick ${username} from ${room.name}?`,
                    text: 'Their streams close now and the name is free again. They may join again, unless banned.',
                    ok: 'Kick',
                    run: () => session().kick(room.name, username),
                }, `Kicked ${username}.`, { after: () => room.summary.focus() });
            } else if (ban) {
                // the ban needs a time and a reason: the room's form takes them, with the name filled in
                room.banForm.elements.username.value = ban.dataset.banMember;
                room.banForm.elements.reason.focus();
            }
        });
        room.bans.addEventListener('click', (event) => {
            const lift = event.target.closest('[data-lift]');
            if (!lift) return;
            const username = lift.dataset.lift;
            act(room, {
                title: `Lift the ban on ${username} in ${room.name}?`,
                text: 'They may join again at once (and their address, if it was banned too).',
                ok: 'Lift ban',
                danger: false,
                run: () => session().lift(room.name, username),
            }, `Lifted the ban on ${username}.`, { after: () => room.summary.focus() });
        });
        room.banForm.addEventListener('submit', (event) => {
            event.preventDefault();
            const form = room.banForm;
            const username = form.elements.username.value.trim();
            const seconds = wholeNumber(form.elements.seconds.value, 1);
            const reason = form.elements.reason.value.trim();
            const address = form.elements.address.checked;
            if (!username) return refuse(form, form.elements.username, 'Name whom to ban.');
            if (seconds === null) return refuse(form, form.elements.seconds, 'For how long: a whole number of seconds, 1 or more.');
            if (!reason) return refuse(form, form.elements.reason, 'Give a reason: the banned person is told it.');
            clear(form);
            const until = new Date(Date.now() + seconds * 1000);
            return act(room, {
                title: `Ban ${username} from ${room.name}?`,
                text: `For ${formatSeconds(seconds)} (until ${when(until)}), because: ${reason}. `
                    + (address ? 'Their address is banned too, under any name. ' : '')
                    + 'Whoever holds the name now is kicked.',
                ok: 'Ban',
                run: () => session().ban(room.name, { username, seconds, reason, ...(address ? { address: true } : {}) }),
            }, `Banned ${username} for ${formatSeconds(seconds)}.`, {
                after: () => {
                    form.elements.username.value = '';
                    form.elements.reason.value = '';
                    form.elements.address.checked = false;
                },
            });
        });
        const slowInput = room.slowForm.elements.seconds;
        slowInput.addEventListener('input', () => {
            slowInput.dataset.touched = 'true';
        });
        room.slowForm.addEventListener('submit', (event) => {
            event.preventDefault();
            const seconds = wholeNumber(slowInput.value, 0);
            if (seconds === null) return refuse(room.slowForm, slowInput, 'A whole number of seconds, 0 to turn it off.');
            clear(room.slowForm);
            return act(room, {
                title: seconds ? `Set slow mode in ${room.name} to ${seconds} s?` : `Turn slow mode off in ${room.name}?`,
                text: seconds ? `Each member may post one message every ${formatSeconds(seconds)}.`
                    : 'Members may post as fast as the usual limits allow.',
                ok: seconds ? 'Set slow mode' : 'Turn off',
                danger: false,
                run: () => session().setSlowMode(room.name, seconds),
            }, seconds ? `Slow mode set to ${seconds} s.` : 'Slow mode turned off.', {
                after: () => delete slowInput.dataset.touched,
            });
        });
        room.deleteForm.addEventListener('submit', (event) => {
            event.preventDefault();
            const input = room.deleteForm.elements.message;
            const id = input.value.trim();
            if (!id) return refuse(room.deleteForm, input, 'Which message: its id, as the stream and the API show it.');
            clear(room.deleteForm);
            return act(room, {
                title: `Delete message ${id} in ${room.name}?`,
                text: 'Its text is removed from the server for everyone, and cannot be brought back. '
                    + 'The room sees that a moderator removed it.',
                ok: 'Delete',
                run: () => session().deleteMessage(room.name, id),
            }, `Deleted message ${id}.`, { after: () => { input.value = ''; } });
        });
    }

    function room(name) {
        if (!rooms.has(name)) {
            const made = buildRoom(name);
            wire(made);
            rooms.set(name, made);
        }
        return rooms.get(name);
    }

    return {
        /** The rooms as GET /api/rooms lists them; an open room that is gone stays until it is closed. */
        draw(summaries) {
            const listed = new Set(summaries.map((summary) => summary.name));
            for (const [name, shown] of rooms) {
                if (!listed.has(name) && !shown.details.open) {
                    shown.item.remove();
                    rooms.delete(name);
                }
            }
            const order = summaries.map((summary) => {
                const shown = room(summary.name);
                drawCount(shown, summary.members);
                return shown.item;
            });
            // moving an element takes the focus out of it: only when the order changed
            const current = [...list.children];
            if (order.length !== current.length || order.some((item, i) => item !== current[i])) {
                for (const item of current) if (!order.includes(item)) order.push(item);
                list.replaceChildren(...order);
            }
            empty.hidden = rooms.size > 0;
        },
        /** Reads the open rooms again (their members, bans and slow mode). */
        refreshOpen: () => Promise.all([...rooms.values()].filter((shown) => shown.details.open).map(load)),
        clear() {
            rooms.clear();
            list.replaceChildren();
        },
    };
}
