// The conversation as data: every event once (by id), in id order, whatever mix of replay, live events, own posts
// and earlier pages brought it, with a gap marker where a resync says history was cut. Edits and deletes fold into
// the message they change (docs/API.md, "The folding rule"), so each message is held as it is now. rows() folds it
// into what the log draws: day separators, messages grouped by sender, runs of joins and leaves collapsed into one
// line. Pure, so node's test runner checks the folding; log.js turns rows into elements.

import { compareIds } from './ids.js';
import { initials, hue, sameName } from './names.js';
import { dayKey, dayLabel } from './time.js';
import { EDIT_WINDOW_MS, GROUP_MS } from './rules.js';

const PRESENCE = new Set(['userconnect', 'userdisconnect']);
const CHANGES = new Set(['messageedit', 'messagedelete']);
export const TYPES = new Set(['usermessage', ...PRESENCE, ...CHANGES]);

/** Sorts a gap just after the event it follows, before anything newer. */
function compareItems(a, b) {
    return compareIds(a.id, b.id) || (a.kind === 'gap') - (b.kind === 'gap');
}

const instant = (iso) => {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? -Infinity : ms;
};

/**
 * A message becomes a tombstone: its text and edit are gone, for good. The first delete wins; a second one (the
 * event after our own 204, a replay) changes nothing.
 */
function erase(entry, time, by) {
    if (entry.deleted) return false;
    Object.assign(entry, { text: '', edited: null, deleted: String(time || new Date(0).toISOString()), by: by ?? null });
    return true;
}

/**
 * A message takes the text of an edit, unless it holds a later one already. Edits from the stream are ordered by their
 * ids; an edit known only by its time (the PATCH answer, a page of history) by that time. A tombstone takes no edit.
 */
function edit(entry, { id = null, time, text }) {
    if (entry.deleted) return false;
    if (id && entry.editId && compareIds(id, entry.editId) <= 0) return false;
    if ((!id || !entry.editId) && entry.edited && instant(time) < instant(entry.edited)) return false;
    const changed = entry.text !== String(text ?? '') || entry.edited !== String(time);
    Object.assign(entry, { text: String(text ?? ''), edited: String(time) });
    if (id) entry.editId = id;
    return changed;
}

/**
 * A message as some source has it now (our post's answer, a PATCH answer, a page, a replay), laid over what we hold.
 * Its state only moves forward, posted → edited (later and later) → deleted, so an older copy, such as the answer
 * the server repeats for a retried post, never takes an edit or a delete back.
 */
function merge(entry, data) {
    if (data.deleted) return erase(entry, data.deleted, data.by);
    if (data.edited) return edit(entry, { time: data.edited, text: data.text });
    return false;
}

/** Whether a message can still be edited now (the page's clock, corrected by skew: how far ahead of the server it runs). */
export function canEdit(entry, now = Date.now(), skew = 0) {
    return Boolean(entry) && entry.type === 'usermessage' && !entry.deleted
        && now - skew - instant(entry.time) < EDIT_WINDOW_MS;
}

export class Timeline {
    #items = [];
    #ids = new Set();

    #messages = new Map();

    /**
     * Takes an event (or a message as it is now, as 'usermessage'). Returns {entry, added} when it added a row or
     * changed a message, else null: a repeat, an unknown type, an edit or delete of a message we do not have.
     */
    add(type, data) {
        if (!TYPES.has(type) || !data?.id) return null;
        const id = String(data.id);
        const known = type === 'usermessage' ? this.#messages.get(id) : null;
        if (known) return merge(known, data) ? { entry: known, added: false } : null;
        if (this.#ids.has(id)) return null;
        this.#ids.add(id);
        if (CHANGES.has(type)) {
            const target = this.#messages.get(String(data.message ?? ''));
            if (!target) return null;
            const changed = type === 'messageedit'
                ? edit(target, { id, time: data.time, text: data.text })
                : erase(target, data.time, data.by);
            return changed ? { entry: target, added: false } : null;
        }
        const entry = {
            kind: 'event', type, id, username: String(data.username ?? ''), time: String(data.time ?? ''),
            text: type === 'usermessage' ? String(data.text ?? '') : '', edited: null, editId: null, deleted: null, by: null,
        };
        if (type === 'usermessage') {
            merge(entry, data);
            this.#messages.set(id, entry);
        }
        this.#insert(entry);
        return { entry, added: true };
    }

    /** A message as it is now, laid over the one we hold; null when we hold none or nothing changed. */
    update(data) {
        const known = data?.id ? this.#messages.get(String(data.id)) : null;
        return known && merge(known, data) ? { entry: known, added: false } : null;
    }

    /** Our own delete was answered 204: the message is a tombstone now, before the server's event says so too. */
    deleted(id, time = new Date().toISOString()) {
        const entry = this.#messages.get(id);
        return Boolean(entry) && erase(entry, time, null);
    }

    /** A message we hold, as it is now. */
    message(id) {
        return this.#messages.get(id) ?? null;
    }

    /** The newest message by this name that is not deleted: what ↑ in an empty composer edits. */
    lastOwn(self) {
        for (let i = this.#items.length - 1; i >= 0; i--) {
            const item = this.#items[i];
            if (item.type === 'usermessage' && !item.deleted && sameName(item.username, self)) return item;
        }
        return null;
    }

    has(id) {
        return this.#ids.has(id);
    }

    /**
     * History was cut short (a resync): what is shown stays, and a gap after the newest event says that messages may
     * be missing there. Whatever the server sends next lands after it, and repeats are dropped by id.
     */
    gap() {
        const newest = this.newestId();
        if (!newest || this.#items.some((item) => item.kind === 'gap' && item.id === newest)) return false;
        this.#insert({ kind: 'gap', id: newest });
        return true;
    }

    /** The oldest message, to ask the server for what came before it. */
    oldestMessageId() {
        return this.#items.find((item) => item.type === 'usermessage')?.id ?? null;
    }

    newestId() {
        for (let i = this.#items.length - 1; i >= 0; i--) {
            if (this.#items[i].kind === 'event') return this.#items[i].id;
        }
        return null;
    }

    get size() {
        return this.#ids.size;
    }

    entries() {
        return this.#items.filter((item) => item.kind === 'event');
    }

    #insert(item) {
        // usually the newest: walk back from the end
        let at = this.#items.length;
        while (at > 0 && compareItems(this.#items[at - 1], item) > 0) at--;
        this.#items.splice(at, 0, item);
    }

    /**
     * What the log shows, top to bottom. Each row has a key that stays the same while it stays on screen and a sig
     * that changes when what it shows changes, so the log can keep its elements.
     */
    rows({ self = '', now = new Date(), locale = undefined, editing = null } = {}) {
        const rows = [];
        let day = null;
        let previous = null; // the message a next one may group with
        let run = [];
        const flush = () => {
            if (run.length) rows.push(presenceRow(run));
            run = [];
        };
        for (const item of this.#items) {
            if (item.kind === 'gap') {
                flush();
                rows.push({ kind: 'gap', key: `gap:${item.id}`, sig: 'gap' });
                previous = null;
                continue;
            }
            const date = new Date(item.time);
            const valid = !Number.isNaN(date.getTime());
            const key = valid ? dayKey(date) : day;
            if (key !== day && key !== null) {
                flush();
                const label = dayLabel(date, now, locale);
                rows.push({ kind: 'day', key: `day:${key}`, label, sig: label });
                day = key;
                previous = null;
            }
            if (PRESENCE.has(item.type)) {
                run.push(item);
                previous = null;
                continue;
            }
            flush();
            const first = !(previous && previous.username === item.username && valid
                && date - new Date(previous.time) <= GROUP_MS);
            const mine = sameName(item.username, self);
            const open = item.id === editing && !item.deleted;
            rows.push({
                kind: 'message', key: `m:${item.id}`, id: item.id, username: item.username, text: item.text,
                time: item.time, edited: item.edited, deleted: item.deleted, by: item.by, editing: open,
                first, mine, hue: hue(item.username), initials: initials(item.username),
                // an open editor is kept while the message changes under it: the draft is the author's
                sig: open ? `${first}|${mine}|editing`
                    : `${first}|${mine}|${item.deleted ?? ''}|${item.by ?? ''}|${item.edited ?? ''}|${item.text}`,
            });
            previous = item;
        }
        flush();
        return rows;
    }
}

function presenceRow(run) {
    const text = summarize(run);
    return {
        kind: 'presence', key: `p:${run[0].id}`, text, time: run.at(-1).time,
        events: run.map(({ id, type, username, time }) => ({ id, type, username, time })),
        sig: `${text}|${run.map((e) => e.id).join(',')}`,
    };
}

function phrase(names, verb) {
    if (names.length === 1) return `${names[0]} ${verb}`;
    if (names.length === 2) return `${names[0]} and ${names[1]} ${verb}`;
    return `${names.length} people ${verb}`;
}

/** "bob joined", "alice and bob joined", "3 people joined, carol left". */
export function summarize(run) {
    const joined = [];
    const left = [];
    for (const { type, username } of run) {
        const names = type === 'userconnect' ? joined : left;
        if (!names.includes(username)) names.push(username);
    }
    return [joined.length && phrase(joined, 'joined'), left.length && phrase(left, 'left')].filter(Boolean).join(', ');
}

/** What one presence event says on its own line. */
export const presenceText = ({ type, username }) => `${username} ${type === 'userconnect' ? 'joined' : 'left'}`;
