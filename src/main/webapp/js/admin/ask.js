// Every moderation action asks first, in one modal <dialog>, for the reasons ../confirm.js gives for the chat page's
// delete: it says exactly what will happen to whom, makes the rest of the console inert, Escape cancels, and Cancel
// has the focus first so a stray Enter does nothing. The action runs while the dialog is open; a refusal is said in
// it (the server's own detail), and the moderator may try again or cancel.

import { ApiError } from '../api.js';

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
    const heading = dialog.querySelector('[data-ask-title]');
    const body = dialog.querySelector('[data-ask-text]');
    const error = dialog.querySelector('[data-ask-error]');
    const ok = dialog.querySelector('[data-ask-ok]');
    const cancel = dialog.querySelector('[data-ask-cancel]');
    heading.textContent = title;
    body.textContent = text;
    error.textContent = '';
    ok.textContent = okLabel;
    ok.classList.toggle('danger', danger);
    ok.removeAttribute('aria-disabled');

    return new Promise((resolve) => {
        let busy = false;
        let finished = false;
        const finish = (result) => {
            if (finished) return;
            finished = true;
            ok.removeEventListener('click', confirm);
            cancel.removeEventListener('click', dismiss);
            dialog.removeEventListener('cancel', dismiss);
            dialog.removeEventListener('close', closed);
            if (dialog.open) dialog.close();
            resolve(result);
        };
        // the browser may close a modal dialog by itself (a second Escape cannot be refused)
        const closed = () => finish('cancelled');
        const dismiss = (event) => {
            event?.preventDefault();
            if (!busy) finish('cancelled');
        };
        const confirm = async () => {
            if (busy) return;
            busy = true;
            ok.setAttribute('aria-disabled', 'true');
            error.textContent = '';
            try {
                await run();
                finish('done');
            } catch (e) {
                if (e instanceof ApiError && e.status === 401 && refused) {
                    finish('cancelled');
                    refused(e);
                    return;
                }
                error.textContent = explain(e);
                ok.removeAttribute('aria-disabled');
                busy = false;
            }
        };
        ok.addEventListener('click', confirm);
        cancel.addEventListener('click', dismiss);
        dialog.addEventListener('cancel', dismiss);
        dialog.addEventListener('close', closed);
        dialog.showModal();
        cancel.focus();
    });
}
