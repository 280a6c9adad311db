// The conversation: messages and join/leave lines in id order, each shown once, whatever mix of replay, live
// events, own posts and earlier pages brought them. Every piece of user text is set as text, never as HTML.

import { compareIds } from './ids.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export class Log {
    #list;
    #self;
    #ids = new Set();

    constructor(list, self) {
        this.#list = list;
        this.#self = self;
    }

    /** Shows an event unless it is already shown; true when it was new. */
    add(type, event) {
        if (!event?.id || this.#ids.has(event.id)) return false;
        this.#ids.add(event.id);
        const item = type === 'usermessage' ? this.#message(event) : this.#presence(type, event);
        item.dataset.id = event.id;
        const stick = this.#atBottom();
        this.#insert(item, event.id);
        if (stick) this.#list.scrollTop = this.#list.scrollHeight;
        return true;
    }

    /** History was cut short (the id we had is gone): start over from what the server sends next. */
    resync() {
        this.clear();
        const notice = document.createElement('li');
        notice.className = 'resync';
        notice.textContent = 'Some messages were missed while you were away; showing the latest.';
        this.#list.append(notice);
    }

    clear() {
        this.#ids.clear();
        this.#list.replaceChildren();
    }

    /** The oldest event shown, to ask for what came before it. */
    oldestId() {
        return this.#list.querySelector('[data-id]')?.dataset.id ?? null;
    }

    #message(event) {
        const item = document.createElement('li');
        item.className = event.username === this.#self ? 'message mine' : 'message';
        const header = document.createElement('header');
        const who = document.createElement('span');
        who.className = 'who';
        who.textContent = event.username;
        header.append(who, this.#time(event.time));
        const text = document.createElement('p');
        text.className = 'text';
        text.textContent = event.text;
        item.append(header, text);
        return item;
    }

    #presence(type, event) {
        const item = document.createElement('li');
        item.className = 'presence';
        item.textContent = `${event.username} ${type === 'userconnect' ? 'joined' : 'left'}`;
        item.append(this.#time(event.time));
        return item;
    }

    #time(iso) {
        const time = document.createElement('time');
        const date = new Date(iso);
        time.dateTime = iso;
        time.textContent = timeFormat.format(date);
        time.title = fullFormat.format(date);
        return time;
    }

    #insert(item, id) {
        // usually the newest: walk back from the end
        let next = null;
        for (let child = this.#list.lastElementChild; child; child = child.previousElementSibling) {
            if (!child.dataset.id) continue;
            if (compareIds(child.dataset.id, id) < 0) break;
            next = child;
        }
        this.#list.insertBefore(item, next);
    }

    #atBottom() {
        return this.#list.scrollHeight - this.#list.scrollTop - this.#list.clientHeight < 40;
    }
}
