// Keeps the conversation in view. While the reader is at the bottom, the log sticks there through every change of
// layout (new rows, a grown composer, a late font or image, the load-earlier button): a ResizeObserver on the
// viewport and on the content re-pins it before paint. A reader who scrolled up is left where they are, and
// messages that arrive below are counted for a "N new messages" button.

import { STICK_PX } from './rules.js';

export class StickyScroll {
    #scroller;
    #content;
    #onCount;
    #stuck = true;
    #count = 0;

    /** scroller: the scrolling element; content: what it scrolls; onCount(n): the new messages below changed. */
    constructor(scroller, content, onCount) {
        this.#scroller = scroller;
        this.#content = content;
        this.#onCount = onCount;
        scroller.addEventListener('scroll', () => {
            this.#stuck = this.distance() <= STICK_PX;
            if (this.#stuck) this.#setCount(0);
        }, { passive: true });
        const observer = new ResizeObserver(() => this.#pin());
        observer.observe(scroller);
        observer.observe(content);
    }

    get stuck() {
        return this.#stuck;
    }

    /** Pixels between the bottom of the view and the bottom of the content. */
    distance() {
        const s = this.#scroller;
        return Math.max(0, s.scrollHeight - s.scrollTop - s.clientHeight);
    }

    /** To the bottom, and stay there (after sending, after switching rooms, from the button). */
    toBottom() {
        this.#stuck = true;
        this.#setCount(0);
        this.#pin();
    }

    /**
     * Runs change(), which resizes the view (the composer growing), and stays at the bottom if it was there: a change
     * that shrinks the view for a moment has the browser clamp the scroll position, which must not read as the
     * reader scrolling up.
     */
    hold(change) {
        const stuck = this.#stuck;
        change();
        if (stuck) {
            this.#stuck = true;
            this.#pin();
        }
    }

    /**
     * Runs change(), which adds, removes or redraws rows, then keeps the view: pinned at the bottom, or with the row
     * that was at the top of the view where it was (rows added above, such as an earlier page, push nothing away).
     * arrived: messages by others among the new rows below, counted while the reader is not at the bottom.
     */
    keep(change, arrived = 0) {
        if (this.#stuck) {
            change();
            this.#pin();
            return;
        }
        // the row is found again by its key: a row whose looks changed (a message that joined a group) is redrawn
        const anchor = this.#anchor();
        const before = anchor?.getBoundingClientRect().top;
        change();
        const after = anchor && this.#content.querySelector(`[data-key="${CSS.escape(anchor.dataset.key)}"]`);
        if (after) this.#scroller.scrollTop += after.getBoundingClientRect().top - before;
        if (arrived > 0) this.#setCount(this.#count + arrived);
    }

    /** The first message whose bottom is inside the view (a day separator may gain rows under it), else any row. */
    #anchor() {
        const top = this.#scroller.getBoundingClientRect().top;
        const inView = (row) => row.getBoundingClientRect().bottom > top;
        return [...this.#content.querySelectorAll('[data-key][data-id]')].find(inView)
            ?? [...this.#content.querySelectorAll('[data-key]')].find(inView) ?? null;
    }

    #pin() {
        if (this.#stuck) this.#scroller.scrollTop = this.#scroller.scrollHeight;
    }

    #setCount(count) {
        if (count === this.#count) return;
        this.#count = count;
        this.#onCount(count);
    }
}
