// On narrow screens the room list and the member list are drawers over the conversation, opened by buttons in the
// bar. Escape or a click outside closes them, and focus goes into a drawer and back to its button.

export function drawers(root) {
    const toggles = [...root.querySelectorAll('[data-drawer-toggle]')];
    let open = null;

    const panel = (name) => root.querySelector(`[data-drawer="${name}"]`);

    function close(restoreFocus = true) {
        if (!open) return;
        const name = open;
        open = null;
        panel(name).classList.remove('open');
        const toggle = toggles.find((t) => t.dataset.drawerToggle === name);
        toggle.setAttribute('aria-expanded', 'false');
        if (restoreFocus) toggle.focus();
    }

    function show(name) {
        close(false);
        open = name;
        const drawer = panel(name);
        drawer.classList.add('open');
        toggles.find((t) => t.dataset.drawerToggle === name).setAttribute('aria-expanded', 'true');
        drawer.querySelector('button, input, [tabindex]')?.focus();
    }

    for (const toggle of toggles) {
        toggle.setAttribute('aria-expanded', 'false');
        toggle.addEventListener('click', () => (open === toggle.dataset.drawerToggle ? close() : show(toggle.dataset.drawerToggle)));
    }
    root.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && open) close();
    });
    root.addEventListener('click', (event) => {
        if (open && !event.target.closest(`[data-drawer="${open}"], [data-drawer-toggle]`)) close(false);
    });

    // a drawer left open when the screen grows wide enough for the sidebars is closed, not drawn over them
    for (const query of ['(min-width: 40.0625rem)', '(min-width: 64.0625rem)']) {
        matchMedia(query).addEventListener('change', () => close(false));
    }

    return { close };
}
