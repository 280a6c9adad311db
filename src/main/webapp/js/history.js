// Earlier messages, page by page, before the oldest shown. The page offers them only when the server keeps some:
// it asks once whenever the oldest message shown changes (a replay's burst asks once; live messages do not ask).

import * as api from './api.js';
import { PAGE, PAGE_MAX, TIMINGS } from './rules.js';

export class History {
    #room;
    #timeline;
    #changed;
    #probed = null;
    #timer = null;
    #exhausted = false;
    #available = false;

    /** changed() is called when available flips. */
    constructor(room, timeline, changed) {
        this.#room = room;
        this.#timeline = timeline;
        this.#changed = changed;
    }

    get available() {
        return this.#available && !this.#exhausted;
    }

    /** Soon asks whether there is anything before the oldest message shown. */
    probe() {
        const oldest = this.#timeline.oldestMessageId();
        if (this.#exhausted || !oldest || oldest === this.#probed) return;
        clearTimeout(this.#timer);
        this.#timer = setTimeout(async () => {
            this.#probed = oldest;
            try {
                const earlier = await api.earlier(this.#room, oldest, 1);
                this.#set(earlier.length > 0);
            } catch (e) {
                if (e.status === 400) this.#exhaust(); // the oldest shown is no longer in history
                else this.#probed = null; // asked again with the next event
            }
        }, TIMINGS.probeDelayMs);
    }

    /**
     * Loads one page into the timeline; shown() runs once it is there, before the offer of more may go away, so the
     * page draws the new rows first and the disappearing button has room to leave above them.
     */
    async load(shown) {
        let events;
        try {
            events = await api.earlier(this.#room, this.#timeline.oldestMessageId(), PAGE);
        } catch (e) {
            if (e.status === 400) this.#exhaust();
            return 0;
        }
        // a page has each message as it is now: one we hold may come back edited or deleted
        const results = events.map((event) => this.#timeline.add('usermessage', event)).filter(Boolean);
        const added = results.filter((result) => result.added).length;
        if (results.length) shown();
        if (events.length < PAGE) this.#exhaust();
        else this.probe();
        return added;
    }

    /**
     * After a resync: the messages held from before it may have been edited or deleted while the stream was away, and
     * no event will say so. The newest messages as they are now are laid over them (none is added: the gap stays
     * where it is), so a deleted text does not linger on this screen.
     */
    async refresh(changed) {
        try {
            const events = await api.earlier(this.#room, null, PAGE_MAX);
            if (events.map((event) => this.#timeline.update(event)).some(Boolean)) changed();
        } catch {
            // the replay that follows a resync still brings the newest messages as they are now
        }
    }

    stop() {
        clearTimeout(this.#timer);
    }

    #exhaust() {
        this.#exhausted = true;
        this.#set(false);
    }

    #set(available) {
        if (this.#available === available) return;
        this.#available = available;
        this.#changed();
    }
}
