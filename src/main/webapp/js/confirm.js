// "Delete this message?" in the page's modal dialog (modal.js says why a <dialog> and how it behaves), showing which
// message it is about; the request runs while the dialog is open and a failure is said in it.

import { ApiError } from './api.js';
import { actInDialog } from './modal.js';

export function explainDelete(e) {
    if (!(e instanceof ApiError)) return 'Not deleted: something went wrong.';
    switch (e.status) {
        case 0: return 'Not deleted: the server cannot be reached. Try again in a moment.';
        case 429: return `You are sending too fast. Wait ${e.retryAfter || 'a few'} seconds, then try again.`;
        default: return `Not deleted: ${e.message}`;
    }
}

/** Asks before deleting; run() deletes. Resolves to 'deleted' or 'cancelled' once the dialog is closed. */
export async function confirmDelete(dialog, { preview, run }) {
    const text = dialog.querySelector('[data-confirm-preview]');
    text.textContent = preview;
    text.hidden = !preview;
    const result = await actInDialog(dialog, {
        ok: dialog.querySelector('[data-confirm-ok]'),
        cancel: dialog.querySelector('[data-confirm-cancel]'),
        error: dialog.querySelector('[data-confirm-error]'),
        run,
        explain: explainDelete,
        // the dialog stays in the page: a deleted text must not stay in it
        closed: () => { text.textContent = ''; },
    });
    return result === 'done' ? 'deleted' : 'cancelled';
}
