// Writing: Enter sends, Shift+Enter starts a new line, ↑ in an empty box edits your last message; the box grows with
// the text up to a limit, and a counter shows near the length limit. Typing tells the room (the session throttles
// it). Refusals are said plainly and the text is kept; while the room is offline nothing is sent (it is said so), and
// a connection error clears itself once the room is live again.

import { ApiError } from './api.js';
import { COUNTER_FROM, MESSAGE_MAX } from './rules.js';

/** Characters as the server counts them: code points of the trimmed text. */
export const length = (text) => [...text.trim()].length;

/** What the counter says, or '' while the text is well below the limit. */
export function counter(text, max = MESSAGE_MAX) {
    const used = length(text);
    if (used < max * COUNTER_FROM) return '';
    const n = (value) => value.toLocaleString('en-US');
    return used > max ? `${n(used - max)} over the limit of ${n(max)}` : `${n(used)} / ${n(max)}`;
}

export function explain(e) {
    if (!(e instanceof ApiError)) return 'Not sent: something went wrong.';
    switch (e.status) {
        // it may have been posted before the answer was lost: the key makes sending again safe, and the page says so
        case 0: return 'Not confirmed: the server cannot be reached. Send it again in a moment; it will not be posted twice.';
        case 429: return `You are sending messages too fast. Wait ${e.retryAfter || 'a few'} seconds, then send again.`;
        case 413: return 'Not sent: the message is too long.';
        default: return `Not sent: ${e.message}`;
    }
}

export const OFFLINE = 'Not sent: you are offline. Your message is kept here; send it again when the status says Live.';

/**
 * send(text) posts; online() says whether the room's stream is live; sent() follows a message sent; resize(change)
 * runs a change of the box's height (so the conversation can keep its place); typing(text) follows each change of the
 * text; editLast() edits your last message and says whether it did.
 */
export function compose(form, { send, online, sent, resize = (change) => change(), typing = () => {}, editLast = () => false }) {
    const input = form.elements.text;
    const button = form.querySelector('button[type=submit]');
    const error = form.querySelector('[data-compose-error]');
    const count = form.querySelector('[data-counter]');
    let errorKind = null;

    const setError = (text, kind = null) => {
        error.textContent = text;
        errorKind = text ? kind : null;
    };

    const grow = () => resize(() => {
        input.style.height = 'auto';
        const style = getComputedStyle(input);
        const border = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
        input.style.height = `${input.scrollHeight + border}px`;
        const text = counter(input.value);
        count.textContent = text;
        count.hidden = !text;
        count.classList.toggle('over', length(input.value) > MESSAGE_MAX);
    });

    input.addEventListener('input', () => {
        grow();
        typing(input.value);
    });
    input.addEventListener('keydown', (event) => {
        if (event.isComposing) return;
        if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            form.requestSubmit();
        } else if (event.key === 'ArrowUp' && input.value === '' && !event.shiftKey && !event.altKey && !event.ctrlKey
            && !event.metaKey && editLast()) {
            event.preventDefault();
        }
    });

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const text = input.value;
        if (!text.trim()) return;
        if (!online()) {
            setError(OFFLINE, 'connection');
            input.focus();
            return;
        }
        setError('');
        try {
            await send(text);
            if (input.value === text) input.value = '';
            grow();
            sent?.();
        } catch (e) {
            setError(explain(e), e instanceof ApiError && e.status === 0 ? 'connection' : 'refusal');
        }
        input.focus();
    });

    return {
        focus: () => input.focus(),
        /** The room's connection changed: say so on the button, and forget a connection error once live. */
        connection(live) {
            button.setAttribute('aria-disabled', String(!live));
            if (live && errorKind === 'connection') setError('');
        },
        /** Says something about the conversation (an edit refused) where errors are said, until the next send. */
        say(text) {
            setError(text, 'refusal');
        },
        /** Another room is in view: its errors are not this one's. */
        reset() {
            setError('');
            grow();
        },
        grow,
    };
}
