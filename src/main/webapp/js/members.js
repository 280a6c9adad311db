// Who is here now. The list is read from the server, not pieced together from events, so replayed join/leave
// events can never leave a stale name behind; presence events only tell it when to read again.

import * as api from './api.js';

export class Members {
    #list;
    #count;
    #room;
    #self;
    #timer = null;

    constructor(list, count, room, self) {
        this.#list = list;
        this.#count = count;
        this.#room = room;
        this.#self = self;
    }

    /** Reads the list again soon; several presence events in a row cost one request. */
    refresh() {
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => this.#load(), 150);
    }

    stop() {
        clearTimeout(this.#timer);
    }

    async #load() {
        let members;
        try {
            members = await api.members(this.#room);
        } catch {
            return; // the next presence event or reconnect tries again
        }
        const items = members.map(({ username }) => {
            const item = document.createElement('li');
            item.textContent = username;
            if (username === this.#self) {
                const you = document.createElement('span');
                you.className = 'you';
                you.textContent = '(you)';
                item.append(you);
            }
            return item;
        });
        this.#list.replaceChildren(...items);
        this.#count.textContent = `(${members.length})`;
    }
}
