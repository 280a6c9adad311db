// "Delete this message?" as a modal <dialog>, not window.confirm: the browser's own dialog cannot show which message
// it is about, cannot say why a delete failed and keep asking, and is not part of the page (browser tests and some
// screen readers handle it poorly). showModal() makes the rest of the page inert, Escape cancels, and Cancel has the
// focus first, so a stray Enter deletes nothing. The request runs while the dialog is open; a failure is said in it.

import { ApiError } from './api.js';

export function explainDelete(e) {
    if (!(e instanceof ApiError)) return 'Not deleted: something went wrong.';
    switch (e.status) {
        case 0: return 'Not deleted: the server cannot be reached. Try again in a moment.';
        case 429: return `You are sending too fast. Wait ${e.retryAfter || 'a few'} seconds, then try again.`;
        default: return `Not deleted: ${e.message}`;
    }
}

/** Asks before deleting; run() deletes. Resolves to 'deleted' or 'cancelled' once the dialog is closed. */
export function confirmDelete(dialog, { preview, run }) {
    const text = dialog.querySelector('[data-confirm-preview]');
    const error = dialog.querySelector('[data-confirm-error]');
    const ok = dialog.querySelector('[data-confirm-ok]');
    const cancel = dialog.querySelector('[data-confirm-cancel]');
    text.textContent = preview;
    text.hidden = !preview;
    error.textContent = '';
    ok.removeAttribute('aria-disabled');

    return new Promise((resolve) => {
        let busy = false;
        let done = false;
        const finish = (result) => {
            if (done) return;
            done = true;
            ok.removeEventListener('click', remove);
            cancel.removeEventListener('click', dismiss);
            dialog.removeEventListener('cancel', dismiss);
            dialog.removeEventListener('close', closed);
            if (dialog.open) dialog.close();
            // the dialog stays in the page: a deleted text must not stay in it
            text.textContent = '';
            resolve(result);
        };
        // the browser may close a modal dialog by itself (a second Escape cannot be refused)
        const closed = () => finish('cancelled');
        const dismiss = (event) => {
            event?.preventDefault();
            if (!busy) finish('cancelled');
        };
        const remove = async () => {
            if (busy) return;
            busy = true;
            ok.setAttribute('aria-disabled', 'true');
            error.textContent = '';
            try {
                await run();
                finish('deleted');
            } catch (e) {
                error.textContent = explainDelete(e);
                ok.removeAttribute('aria-disabled');
                busy = false;
            }
        };
        ok.addEventListener('click', remove);
        cancel.addEventListener('click', dismiss);
        dialog.addEventListener('cancel', dismiss);
        dialog.addEventListener('close', closed);
        dialog.showModal();
        cancel.focus();
    });
}
