// One modal <dialog> that asks before an action and runs it while open, for the chat page's delete (confirm.js) and
// the admin console's moderation actions (admin/ask.js). Not window.confirm: the browser's own dialog cannot show what
// it is about, cannot say why an action failed and keep asking, and is not part of the page (browser tests and some
// screen readers handle it poorly). showModal() makes the rest of the page inert, Escape cancels, and Cancel has the
// focus first, so a stray Enter does nothing. A failure is said in the dialog; the person may try again or cancel.

/**
 * Shows the dialog; OK runs run(). Resolves to 'done' once run() succeeded, or to 'cancelled' once the dialog was
 * dismissed (Cancel, Escape, or the browser closing it by itself). A failure of run() is written into error as
 * explain(e) says, unless ends(e): then the dialog closes, resolves 'cancelled', and ended(e) is told after.
 * closed() runs once the dialog has closed, before the promise resolves.
 */
export function actInDialog(dialog, { ok, cancel, error, run, explain, ends = () => false, ended = () => {},
                                      closed = () => {} }) {
    error.textContent = '';
    ok.removeAttribute('aria-disabled');

    return new Promise((resolve) => {
        let busy = false;
        let finished = false;
        const finish = (result) => {
            if (finished) return;
            finished = true;
            ok.removeEventListener('click', act);
            cancel.removeEventListener('click', dismiss);
            dialog.removeEventListener('cancel', dismiss);
            dialog.removeEventListener('close', closedByBrowser);
            if (dialog.open) dialog.close();
            closed();
            resolve(result);
        };
        // the browser may close a modal dialog by itself (a second Escape cannot be refused)
        const closedByBrowser = () => finish('cancelled');
        const dismiss = (event) => {
            event?.preventDefault();
            if (!busy) finish('cancelled');
        };
        const act = async () => {
            if (busy) return;
            busy = true;
            ok.setAttribute('aria-disabled', 'true');
            error.textContent = '';
            try {
                await run();
                finish('done');
            } catch (e) {
                if (ends(e)) {
                    finish('cancelled');
                    ended(e);
                    return;
                }
                error.textContent = explain(e);
                ok.removeAttribute('aria-disabled');
                busy = false;
            }
        };
        ok.addEventListener('click', act);
        cancel.addEventListener('click', dismiss);
        dialog.addEventListener('cancel', dismiss);
        dialog.addEventListener('close', closedByBrowser);
        dialog.showModal();
        cancel.focus();
    });
}
