// One room in the console: a <details> whose summary is its name and member count, and whose body (fetched while it
// is open) has its members with Kick and Ban, its bans with Lift, its slow mode, and deleting a message by id. Built
// once and updated in place, so a refresh keeps what is open, typed or focused.

import { element, redraw } from './panels.js';
import { full, when } from '../time.js';

const field = (id, label, input, help) => [
    element('label', { text: label, attrs: { for: id } }),
    input,
    ...(help ? [help] : []),
];

function input(id, attrs = {}) {
    return element('input', { attrs: { id, autocomplete: 'off', spellcheck: 'false', ...attrs } });
}

/** A button whose visible words are short ("Kick…") and whose accessible name says whom ("Kick bob…"). */
function named(visible, hidden, attrs) {
    return element('button', { className: 'ghost small', attrs: { type: 'button', ...attrs } },
        visible, element('span', { className: 'visually-hidden', text: ` ${hidden}` }), '…');
}

function part(name, key, title, ...children) {
    const id = `${key}-heading-${name}`;
    return element('section', { className: 'room-part', attrs: { 'aria-labelledby': id } },
        element('h3', { text: title, attrs: { id } }), ...children);
}

/** The elements of one room, made once. */
export function buildRoom(name) {
    const count = element('span', { className: 'count', attrs: { 'data-room-count': '' } });
    const summary = element('summary', {}, element('span', { className: 'room-label', text: name }), ' ', count);
    const members = element('ul', { className: 'admin-list', attrs: { 'data-room-members': '' } });
    const membersEmpty = element('p', { className: 'help', text: 'Nobody is connected.', attrs: { hidden: '' } });
    const bans = element('ul', { className: 'admin-list', attrs: { 'data-room-bans': '' } });
    const bansEmpty = element('p', { className: 'help', text: 'Nobody is banned.', attrs: { hidden: '' } });

    const banError = element('p', { className: 'error', attrs: { id: `ban-error-${name}`, role: 'alert', 'data-form-error': '' } });
    const described = { 'aria-describedby': banError.id };
    const banForm = element('form', { className: 'admin-form', attrs: { 'data-ban-form': '', novalidate: '' } },
        ...field(`ban-name-${name}`, 'Name', input(`ban-name-${name}`, { name: 'username', required: '', ...described })),
        ...field(`ban-seconds-${name}`, 'For how many seconds', input(`ban-seconds-${name}`, {
            name: 'seconds', type: 'number', min: '1', step: '1', value: '600', inputmode: 'numeric', required: '', ...described,
        })),
        ...field(`ban-reason-${name}`, 'Reason', input(`ban-reason-${name}`, {
            name: 'reason', maxlength: '500', required: '', ...described,
        })),
        element('label', { className: 'check' },
            element('input', { attrs: { type: 'checkbox', name: 'address', id: `ban-address-${name}` } }),
            ' Also ban their address, under any name (only while someone holds the name)'),
        banError,
        element('button', { className: 'danger', text: 'Ban…', attrs: { type: 'submit' } }));

    const slowNow = element('p', { attrs: { 'data-slow-now': '' } });
    const slowError = element('p', { className: 'error', attrs: { id: `slow-error-${name}`, role: 'alert', 'data-form-error': '' } });
    const slowForm = element('form', { className: 'admin-form inline-form', attrs: { 'data-slow-form': '', novalidate: '' } },
        ...field(`slow-${name}`, 'Seconds between one member\'s posts (0: off)', input(`slow-${name}`, {
            name: 'seconds', type: 'number', min: '0', step: '1', inputmode: 'numeric', required: '',
            'aria-describedby': slowError.id,
        })),
        element('button', { text: 'Set…', attrs: { type: 'submit' } }),
        slowError);

    const deleteError = element('p', { className: 'error', attrs: { id: `delete-error-${name}`, role: 'alert', 'data-form-error': '' } });
    const deleteForm = element('form', { className: 'admin-form inline-form', attrs: { 'data-delete-form': '', novalidate: '' } },
        ...field(`delete-id-${name}`, 'Message id', input(`delete-id-${name}`, {
            name: 'message', required: '', 'aria-describedby': deleteError.id,
        })),
        element('button', { className: 'danger', text: 'Delete…', attrs: { type: 'submit' } }),
        deleteError);

    const note = element('p', { className: 'note', attrs: { role: 'status', 'data-room-note': '' } });
    const failure = element('p', { className: 'error', attrs: { 'data-room-error': '' } });
    const body = element('div', { className: 'room-body' },
        part(name, 'members', 'Members', members, membersEmpty),
        part(name, 'bans', 'Bans', bans, bansEmpty, banForm),
        part(name, 'slow', 'Slow mode', slowNow, slowForm),
        part(name, 'delete', 'Delete a message', deleteForm),
        note, failure);
    const details = element('details', { attrs: { 'data-room-details': '' } }, summary, body);
    const item = element('li', { className: 'admin-room', attrs: { 'data-room': name } }, details);
    return {
        name, item, details, summary, count, members, membersEmpty, bans, bansEmpty, banForm, slowNow, slowForm,
        deleteForm, note, failure,
    };
}

export function drawCount(room, members) {
    room.count.textContent = `${members} here`;
}

export function drawMembers(room, members) {
    room.membersEmpty.hidden = members.length > 0;
    redraw(room.members, JSON.stringify(members), () => members.map((member) => {
        const since = new Date(member.since);
        return element('li', { attrs: { 'data-member': member.username } },
            element('span', { className: 'who', text: member.username, attrs: { dir: 'auto' } }),
            element('time', { className: 'help', text: `since ${when(since)}`, attrs: { datetime: member.since, title: full(since) } }),
            named('Kick', member.username, { 'data-kick': member.username }),
            named('Ban', member.username, { 'data-ban-member': member.username }));
    }));
}

export function drawBans(room, bans) {
    room.bansEmpty.hidden = bans.length > 0;
    redraw(room.bans, JSON.stringify(bans), () => bans.map((ban) => {
        const until = new Date(ban.until);
        const about = [`until ${when(until)}`, ban.reason, `by ${ban.by}`, ...(ban.address ? ['with their address'] : [])];
        return element('li', { attrs: { 'data-ban': ban.username } },
            element('span', { className: 'who', text: ban.username, attrs: { dir: 'auto' } }),
            element('span', { className: 'help', text: about.join(' · '), attrs: { title: full(until) } }),
            named('Lift', `the ban on ${ban.username}`, { 'data-lift': ban.username }));
    }));
}

export function drawSlowMode(room, seconds) {
    room.slowNow.textContent = seconds > 0 ? `On: one message per member every ${seconds} s.` : 'Off.';
    room.slowNow.dataset.seconds = String(seconds);
    const input = room.slowForm.elements.seconds;
    // the current value, until the moderator types another
    if (!input.dataset.touched) input.value = String(seconds);
}
