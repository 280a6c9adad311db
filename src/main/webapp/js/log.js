// Draws the conversation's rows (timeline.js) into the list, keeping each element while its row stays the same, so
// a new message adds one element and moves nothing. Every piece of user text is set as text, never as HTML; links
// are built as elements (links.js). Own messages carry an actions button (menu.js opens it); a message being edited
// shows the editor (edit.js) in place of its text; a deleted one is a tombstone line that keeps its place.

import { segments } from './links.js';
import { presenceText } from './timeline.js';
import { clock, full } from './time.js';

function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
}

function timeElement(iso) {
    const node = document.createElement('time');
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return node;
    node.dateTime = iso;
    node.textContent = clock(date);
    node.title = full(date);
    return node;
}

/** The message's text, its http(s) addresses as links that open in a new tab and tell the target nothing. */
export function textElement(text) {
    const paragraph = element('p', 'text');
    paragraph.dir = 'auto';
    for (const piece of segments(text)) {
        if (!piece.href) {
            paragraph.append(piece.text);
            continue;
        }
        const link = element('a', '', piece.text);
        link.href = piece.href;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        paragraph.append(link);
    }
    return paragraph;
}

/** "(edited)", with when on its title (the same full date and time as a message's own time). */
function editedElement(iso) {
    const node = element('span', 'edited', '(edited)');
    node.dataset.edited = iso;
    const date = new Date(iso);
    if (!Number.isNaN(date.getTime())) node.title = `Edited ${full(date)}`;
    return node;
}

function actionsButton(row) {
    const button = element('button', 'ghost actions');
    button.type = 'button';
    button.dataset.actions = '';
    button.dataset.focus = 'actions';
    button.setAttribute('aria-haspopup', 'menu');
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', 'message-menu');
    const date = new Date(row.time);
    const at = Number.isNaN(date.getTime()) ? '' : ` from ${clock(date)}`;
    button.setAttribute('aria-label', `Actions for your message${at}`);
    const glyph = element('span', '', '⋯');
    glyph.setAttribute('aria-hidden', 'true');
    button.append(glyph);
    return button;
}

function nameElement(name) {
    const bdi = element('bdi', 'name', name);
    return bdi;
}

const builders = {
    day(row) {
        const item = element('li', 'day');
        item.append(element('h3', 'day-label', row.label));
        return item;
    },
    gap() {
        const item = element('li', 'gap');
        item.dataset.gap = '';
        item.append(element('span', '', 'Some messages may be missing here'));
        return item;
    },
    message(row, { editor }) {
        const item = element('li', `message${row.first ? ' first' : ''}${row.mine ? ' mine' : ''}${row.deleted ? ' deleted' : ''}`);
        item.dataset.id = row.id;
        item.dataset.username = row.username;
        item.dataset.hue = String(row.hue);
        if (row.first) {
            const avatar = element('span', 'avatar', row.initials);
            avatar.setAttribute('aria-hidden', 'true');
            const header = element('p', 'meta');
            const who = element('bdi', 'who', row.username);
            header.append(who, ' ', timeElement(row.time));
            item.append(avatar, header);
        } else {
            const time = timeElement(row.time);
            time.classList.add('aside');
            // a continuation is read with its sender, though the name is drawn once per group
            const who = element('span', 'visually-hidden who-again', `${row.username} `);
            item.append(time, who);
        }
        if (row.deleted) {
            // the text is gone from the server and from here: only who and when stay, in their place
            const line = element('p', 'tombstone', row.by === 'moderator' ? 'message removed by a moderator' : 'message deleted');
            line.dataset.tombstone = row.by ?? 'author';
            item.append(line);
            return item;
        }
        const open = row.editing && editor(row.id);
        if (open) {
            item.append(open);
            return item;
        }
        const body = element('div', 'body');
        body.append(textElement(row.text));
        if (row.edited) body.append(' ', editedElement(row.edited));
        item.append(body);
        if (row.mine) item.append(actionsButton(row));
        return item;
    },
    presence(row) {
        const item = element('li', 'presence');
        const line = (event) => {
            const p = element('span', 'presence-line');
            p.dataset.presence = event.type;
            const text = element('span', '', '');
            text.dataset.presenceText = '';
            text.append(nameElement(event.username), ` ${presenceText(event).slice(event.username.length + 1)}`);
            p.append(text, ' ', timeElement(event.time));
            return p;
        };
        if (row.events.length === 1) {
            item.append(line(row.events[0]));
            return item;
        }
        const details = element('details');
        const summary = element('summary', '', row.text);
        summary.append(' ', timeElement(row.time));
        const list = element('ul', 'presence-runs');
        for (const event of row.events) {
            const li = element('li');
            li.append(line(event));
            list.append(li);
        }
        details.append(summary, list);
        item.append(details);
        return item;
    },
};

export class LogView {
    #list;
    #editor;
    /** The key of the last row drawn: rows after it arrived below. */
    lastKey = null;

    /** editor(id): the open editor's element for that message, or null. */
    constructor(list, { editor = () => null } = {}) {
        this.#list = list;
        this.#editor = editor;
    }

    clear() {
        this.lastKey = null;
        this.#list.replaceChildren();
    }

    /** Shows the rows; returns the keys of rows that were not shown before, in order. */
    render(rows) {
        const focus = this.#focused();
        const existing = new Map();
        for (const child of this.#list.children) existing.set(child.dataset.key, child);
        const nodes = rows.map((row) => {
            const node = existing.get(row.key);
            if (node && node.dataset.sig === row.sig) return node;
            const fresh = builders[row.kind](row, { editor: this.#editor });
            fresh.dataset.key = row.key;
            fresh.dataset.sig = row.sig;
            return fresh;
        });
        const keep = new Set(nodes);
        for (const child of [...this.#list.children]) if (!keep.has(child)) child.remove();
        nodes.forEach((node, i) => {
            if (this.#list.children[i] !== node) this.#list.insertBefore(node, this.#list.children[i] ?? null);
        });
        focus?.();
        return rows.filter((row) => !existing.has(row.key)).map((row) => row.key);
    }

    /**
     * Where the keyboard is in the log, to put it back after a redraw: a row drawn anew (a message edited elsewhere,
     * regrouped) replaces the element that had focus, and the browser would drop focus to the page's body. The editor
     * is moved, not rebuilt, so its caret is kept as well.
     */
    #focused() {
        const active = document.activeElement;
        if (!active || active === this.#list || !this.#list.contains(active)) return null;
        const key = active.closest('[data-key]')?.dataset.key;
        const name = active.dataset.focus;
        const caret = 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : null;
        return () => {
            if (document.activeElement === active) return;
            let target = active.isConnected ? active : null;
            if (!target && key && name) {
                const row = [...this.#list.children].find((child) => child.dataset.key === key);
                target = row?.querySelector(`[data-focus="${name}"]`) ?? null;
            }
            if (!target) return;
            target.focus({ preventScroll: true });
            if (caret && target === active) target.setSelectionRange(...caret);
        };
    }
}

/**
 * The screen reader's log: live messages only, one short line each; the replay on entry is never read out. A message
 * edited or deleted afterwards takes its line with it, so a deleted text is nowhere on the page.
 */
export class Announcer {
    #region;

    constructor(region) {
        this.#region = region;
    }

    say(id, username, text) {
        const line = element('p', '', `${username}: ${text}`);
        line.dataset.id = id;
        this.#region.append(line);
        while (this.#region.childElementCount > 20) this.#region.firstElementChild.remove();
    }

    /** Removing a line is not read out (aria-relevant is additions and text). */
    unsay(id) {
        for (const line of [...this.#region.children]) if (line.dataset.id === id) line.remove();
    }

    clear() {
        this.#region.replaceChildren();
    }
}
