// The conversation as data: every event once (by id), in id order, whatever mix of replay, live events, own posts
// and earlier pages brought it, with a gap marker where a resync says history was cut. rows() folds it into what
// the log draws: day separators, messages grouped by sender, runs of joins and leaves collapsed into one line.
// Pure, so node's test runner checks the folding; log.js turns rows into elements.

import { compareIds } from './ids.js';
import { initials, hue, sameName } from './names.js';
import { dayKey, dayLabel } from './time.js';
import { GROUP_MS } from './rules.js';

const PRESENCE = new Set(['userconnect', 'userdisconnect']);
export const TYPES = new Set(['usermessage', ...PRESENCE]);

/** Sorts a gap just after the event it follows, before anything newer. */
function compareItems(a, b) {
    return compareIds(a.id, b.id) || (a.kind === 'gap') - (b.kind === 'gap');
}

export class Timeline {
    #items = [];
    #ids = new Set();

    /** Adds an event unless it is already there; the entry when it was new, else null. */
    add(type, data) {
        if (!TYPES.has(type) || !data?.id || this.#ids.has(data.id)) return null;
        this.#ids.add(data.id);
        const entry = {
            kind: 'event', type, id: String(data.id), username: String(data.username ?? ''),
            time: String(data.time ?? ''), text: type === 'usermessage' ? String(data.text ?? '') : '',
        };
        this.#insert(entry);
        return entry;
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
    rows({ self = '', now = new Date(), locale = undefined } = {}) {
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
            rows.push({
                kind: 'message', key: `m:${item.id}`, id: item.id, username: item.username, text: item.text,
                time: item.time, first, mine, hue: hue(item.username), initials: initials(item.username),
                sig: `${first}|${mine}|${item.text}`,
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
