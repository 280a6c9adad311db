// Editing a message in place: the message turns into a textarea with Save and Cancel, as in Slack and Zulip. Enter
// saves, Shift+Enter starts a new line, Escape cancels. The edit is shown when the server answers (the messageedit
// event that follows changes nothing more). A refusal that will not pass by trying again (past the edit window,
// someone else's message, gone) closes the editor and says why; one that may (offline, too fast, a bad text) keeps
// the editor and the draft. One editor at a time; its element moves with the row when the log redraws it.

import { ApiError } from './api.js';

/** What to say about a failed save, and whether the editor closes (the message as shown stays what it was). */
export function explainEdit(e) {
    if (!(e instanceof ApiError)) return { message: 'Not saved: something went wrong.', close: false };
    switch (e.status) {
        case 0: return { message: 'Not saved: the server cannot be reached. Try again in a moment.', close: false };
        case 429: return { message: `You are sending too fast. Wait ${e.retryAfter || 'a few'} seconds, then save again.`, close: false };
        case 400:
        case 413: return { message: `Not saved: ${e.message}`, close: false };
        case 401: return { message: 'Not edited: this page is no longer a member of the room. It joins again by itself; try once it is Live.', close: true };
        default: return { message: `Not edited: ${e.message}`, close: true }; // 403, 404, 409: trying again changes nothing
    }
}

export const EMPTY = 'A message cannot be empty. To remove it, choose Delete in its menu.';

function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
}

export class Editor {
    #form;
    #input;
    #error;
    #save;
    #changed;
    #closed;
    #resize;
    #id = null;
    #original = '';
    #origin = null;
    #busy = false;

    /**
     * save(id, text) saves the edit (rejects with an ApiError); changed() redraws the log after the editor opened or
     * closed; closed(id, {origin, message}) follows a close (saved, cancelled or refused with message), for focus;
     * resize(change) runs a change of the editor's height, so the conversation keeps its place.
     */
    constructor({ save, changed, closed, resize = (change) => change() }) {
        this.#save = save;
        this.#changed = changed;
        this.#closed = closed;
        this.#resize = resize;
        this.#form = element('form', 'editor');
        this.#form.noValidate = true;
        this.#form.dataset.editor = '';
        const label = element('label', 'visually-hidden', 'Edit your message');
        label.htmlFor = 'edit-text';
        this.#input = element('textarea');
        this.#input.id = 'edit-text';
        this.#input.rows = 1;
        this.#input.dataset.focus = 'edit';
        this.#input.setAttribute('aria-describedby', 'edit-hint edit-error');
        this.#error = element('p', 'error');
        this.#error.id = 'edit-error';
        this.#error.setAttribute('role', 'alert');
        const bar = element('div', 'editor-bar');
        const hint = element('p', 'hint', 'Enter saves · Shift+Enter new line · Escape cancels');
        hint.id = 'edit-hint';
        const cancel = element('button', 'ghost', 'Cancel');
        cancel.type = 'button';
        cancel.dataset.editCancel = '';
        const submit = element('button', '', 'Save');
        submit.type = 'submit';
        submit.dataset.editSave = '';
        bar.append(hint, cancel, submit);
        this.#form.append(label, this.#input, this.#error, bar);

        this.#input.addEventListener('input', () => this.#grow());
        this.#input.addEventListener('keydown', (event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                this.#form.requestSubmit();
            }
        });
        this.#form.addEventListener('keydown', (event) => {
            if (event.key === 'Escape' && !event.isComposing) {
                // the editor's Escape, not a drawer's
                event.stopPropagation();
                event.preventDefault();
                this.cancel();
            }
        });
        cancel.addEventListener('click', () => this.cancel());
        this.#form.addEventListener('submit', (event) => {
            event.preventDefault();
            this.#submit();
        });
    }

    /** The message being edited, or null. */
    get id() {
        return this.#id;
    }

    /** The editor's element while it edits this message: the log draws it in the message's place. */
    element(id) {
        return id !== null && id === this.#id ? this.#form : null;
    }

    /** Edits a message whose text is text; origin says where the keyboard goes back to ('actions' or 'composer'). */
    open(id, text, origin) {
        if (this.#id !== null) this.#close(null);
        this.#id = id;
        this.#original = text;
        this.#origin = origin;
        this.#busy = false;
        this.#form.removeAttribute('aria-busy');
        this.#input.value = text;
        this.#setError('');
        this.#changed();
        this.#grow();
        this.#input.focus();
        this.#input.setSelectionRange(text.length, text.length);
    }

    cancel() {
        if (this.#id !== null) this.#close(null);
    }

    /** Closes without a word, and without moving focus: another room is shown. */
    dismiss() {
        this.#id = null;
        this.#changed();
    }

    /** The message went away under the editor (deleted elsewhere): close and say so. */
    refuse(message) {
        if (this.#id !== null) this.#close(message);
    }

    async #submit() {
        if (this.#busy || this.#id === null) return;
        const id = this.#id;
        const text = this.#input.value;
        if (!text.trim()) {
            this.#setError(EMPTY);
            return;
        }
        if (text === this.#original) {
            this.#close(null);
            return;
        }
        this.#busy = true;
        this.#form.setAttribute('aria-busy', 'true');
        this.#setError('');
        try {
            await this.#save(id, text);
            if (this.#id === id) this.#close(null);
        } catch (e) {
            if (this.#id !== id) return;
            const { message, close } = explainEdit(e);
            if (close) {
                this.#close(message);
                return;
            }
            this.#setError(message);
            this.#input.focus();
        } finally {
            if (this.#id === id || this.#id === null) {
                this.#busy = false;
                this.#form.removeAttribute('aria-busy');
            }
        }
    }

    #close(message) {
        const id = this.#id;
        const origin = this.#origin;
        this.#id = null;
        this.#changed();
        this.#closed(id, { origin, message });
    }

    #setError(text) {
        this.#error.textContent = text;
        if (text) this.#input.setAttribute('aria-invalid', 'true');
        else this.#input.removeAttribute('aria-invalid');
    }

    #grow() {
        if (!this.#form.isConnected) return;
        this.#resize(() => {
            this.#input.style.height = 'auto';
            const style = getComputedStyle(this.#input);
            const border = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
            this.#input.style.height = `${this.#input.scrollHeight + border}px`;
        });
    }
}
