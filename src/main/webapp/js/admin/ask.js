// Every moderation action asks first, in the console's modal dialog (../modal.js says why a <dialog> and how it
// behaves): it says exactly what will happen to whom; the action runs while the dialog is open, and a refusal is said
// in it (the server's own detail), so the moderator may try again or cancel.

import { ApiError } from '../api.js';
import { actInDialog } from '../modal.js';

/** What a refused action says: the problem's detail as the server wrote it, or why there was no answer. */
export function explain(error) {
    if (!(error instanceof ApiError)) return 'Not done: something went wrong.';
    if (error.status === 0) return 'Not done: the server cannot be reached. Try again in a moment.';
    return `Not done: ${error.message}`;
}

/**
 * Asks { title, text, ok, danger } and runs run() on OK. Resolves to 'done' or 'cancelled' once the dialog is
 * closed; refused(error), if given, learns of a refusal that ends the session (a 401), and closes the dialog.
 */
export function ask(dialog, { title, text, ok: okLabel, danger = true, run, refused }) {
    const ok = dialog.querySelector('[data-ask-ok]');
    dialog.querySelector('[data-ask-title]').textContent = title;
    dialog.querySelector('[data-ask-text]').textContent = text;
    ok.textContent = okLabel;
    ok.classList.toggle('danger', danger);
    return actInDialog(dialog, {
        ok,
        cancel: dialog.querySelector('[data-ask-cancel]'),
        error: dialog.querySelector('[data-ask-error]'),
        run,
        explain,
        ends: (e) => Boolean(refused) && e instanceof ApiError && e.status === 401,
        ended: refused,
    });
}
