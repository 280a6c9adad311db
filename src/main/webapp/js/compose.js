// Writing: Enter sends, Shift+Enter starts a new line. Refusals are said plainly, and the text is kept.

import { ApiError } from './api.js';

export function compose(form, send) {
    const input = form.elements.text;
    const error = form.querySelector('[data-compose-error]');

    input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            form.requestSubmit();
        }
    });

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const text = input.value;
        if (!text.trim()) return;
        error.textContent = '';
        try {
            await send(text);
            if (input.value === text) input.value = '';
        } catch (e) {
            error.textContent = explain(e);
        }
        input.focus();
    });

    return { focus: () => input.focus() };
}

function explain(e) {
    if (!(e instanceof ApiError)) return 'Not sent: something went wrong.';
    switch (e.status) {
        case 0: return 'Not sent: the server cannot be reached. Try again in a moment.';
        case 429: return `You are sending messages too fast. Wait ${e.retryAfter || 'a few'} seconds, then send again.`;
        case 400: return `Not sent: ${e.message}`;
        case 413: return 'Not sent: the message is too long.';
        default: return `Not sent: ${e.message}`;
    }
}
