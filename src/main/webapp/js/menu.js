// The actions menu of one's own messages: a menu button (aria-haspopup) on each, one menu element for the page. As in
// the WAI-ARIA menu button pattern: Enter, Space or ↓ opens it on its first item, ↑ on its last; ↑ ↓ Home End move;
// Escape closes it and returns to its button; Tab closes it and moves on from the button; a click elsewhere closes it.
// The menu sits in the scrolled content, so it scrolls with its message, and opens upwards when there is no room below.

function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
}

/**
 * menu: the page's [role=menu] element, inside content (the scrolled element holding the log); scroller: the scrolling
 * view. items(id) gives the message's actions [{action, label, note, disabled}]; chose(id, action) runs one.
 */
export function messageMenu(menu, content, scroller, { items, chose }) {
    let openId = null;

    const buttonFor = (id) => [...content.querySelectorAll('[data-log] [data-id]')]
        .find((row) => row.dataset.id === id)?.querySelector('[data-actions]') ?? null;
    const entries = () => [...menu.querySelectorAll('[role=menuitem]')];

    function close(restoreFocus = true) {
        if (openId === null) return;
        const button = buttonFor(openId);
        openId = null;
        menu.hidden = true;
        menu.replaceChildren();
        button?.setAttribute('aria-expanded', 'false');
        if (restoreFocus) button?.focus();
    }

    function position() {
        const button = openId === null ? null : buttonFor(openId);
        if (!button) {
            close(false);
            return;
        }
        const b = button.getBoundingClientRect();
        const c = content.getBoundingClientRect();
        const view = scroller.getBoundingClientRect();
        const height = menu.offsetHeight;
        const below = view.bottom - b.bottom;
        const up = below < height + 8 && b.top - view.top > below;
        menu.style.right = `${Math.max(0, c.right - b.right)}px`;
        menu.style.top = `${up ? b.top - c.top - height - 4 : b.bottom - c.top + 4}px`;
    }

    function open(button, focus = 'first') {
        const id = button.closest('[data-id]')?.dataset.id;
        if (!id) return;
        close(false);
        const actions = items(id);
        if (actions.length === 0) return;
        menu.replaceChildren(...actions.map(({ action, label, note, disabled }) => {
            const item = element('button', 'menuitem', label);
            item.type = 'button';
            item.setAttribute('role', 'menuitem');
            item.tabIndex = -1;
            item.dataset.action = action;
            if (disabled) item.setAttribute('aria-disabled', 'true');
            if (note) item.append(' ', element('span', 'note', note));
            return item;
        }));
        openId = id;
        menu.setAttribute('aria-label', button.getAttribute('aria-label') ?? 'Message actions');
        menu.hidden = false;
        button.setAttribute('aria-expanded', 'true');
        position();
        const all = entries();
        (focus === 'last' ? all.at(-1) : all[0])?.focus();
    }

    function move(by) {
        const all = entries();
        const at = all.indexOf(document.activeElement);
        all[(at + by + all.length) % all.length]?.focus();
    }

    content.addEventListener('click', (event) => {
        const button = event.target.closest('[data-actions]');
        if (!button) return;
        const id = button.closest('[data-id]')?.dataset.id;
        if (openId !== null && openId === id) close();
        else open(button);
    });
    content.addEventListener('keydown', (event) => {
        const button = event.target.closest?.('[data-actions]');
        if (!button || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
        event.preventDefault();
        open(button, event.key === 'ArrowUp' ? 'last' : 'first');
    });
    menu.addEventListener('keydown', (event) => {
        switch (event.key) {
            case 'ArrowDown': move(1); break;
            case 'ArrowUp': move(-1); break;
            case 'Home': entries()[0]?.focus(); break;
            case 'End': entries().at(-1)?.focus(); break;
            case 'Escape': close(); break;
            case 'Tab': close(); return; // focus is on the button again: Tab moves on from there
            default: return;
        }
        event.preventDefault();
        event.stopPropagation();
    });
    menu.addEventListener('click', (event) => {
        const item = event.target.closest('[role=menuitem]');
        if (!item || item.getAttribute('aria-disabled') === 'true') return;
        const id = openId;
        close(false);
        chose(id, item.dataset.action);
    });
    document.addEventListener('pointerdown', (event) => {
        if (openId !== null && !menu.contains(event.target) && !event.target.closest?.('[data-actions]')) close(false);
    });
    menu.addEventListener('focusout', (event) => {
        if (openId !== null && event.relatedTarget && !menu.contains(event.relatedTarget)) close(false);
    });

    return {
        close,
        /** The log was drawn again: keep the menu at its button (or close it when the button is gone). */
        reposition: () => { if (openId !== null) position(); },
        get open() { return openId; },
    };
}
