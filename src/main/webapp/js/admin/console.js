// The admin console (/admin): wiring only. Signs in with a name and password kept in memory, then reads health,
// metrics, rooms and the audit every few seconds and on request, one refresh at a time. See docs/admin.md.

import { health, metricsText, moderator } from './client.js';
import { SHOWN, parseMetrics, ratePerSecond } from './metrics.js';
import { drawAudit, drawHealth, drawNumbers } from './panels.js';
import { roomsPanel } from './rooms.js';
import { clock } from '../time.js';

/** How often the console reads everything again while it is in view. */
const REFRESH_MS = 5000;
/** The shortest time between the two samples of the deliveries counter, which the server publishes once a second. */
const RATE_MIN_MS = 2000;
const AUDIT_LIMIT = 50;
/** Any room serves to check the credentials: listing bans needs the moderator role and changes nothing. */
const PROBE_ROOM = 'lobby';

const $ = (selector) => document.querySelector(selector);
const views = { signIn: $('[data-view="sign-in"]'), console: $('[data-view="console"]') };
const form = $('[data-sign-in-form]');
const signInError = $('[data-sign-in-error]');
const refreshButton = $('[data-refresh]');
const signOutButton = $('[data-sign-out]');
const whoami = $('[data-whoami]');
const updated = $('[data-updated]');

let client = null;
let timer = 0;
let running = null;
let again = false;
let delivered = null;
let rate = null;

const rooms = roomsPanel($('[data-rooms-panel]'), {
    session: () => client,
    dialog: $('[data-ask]'),
    changed: () => refresh(),
    expired: (error) => signOut(`Signed out: ${error.message}`),
});

function show(signedIn) {
    views.signIn.hidden = signedIn;
    views.console.hidden = !signedIn;
    for (const node of [refreshButton, signOutButton, whoami, updated]) node.hidden = !signedIn;
}

function signOut(reason = '') {
    client = null;
    clearTimeout(timer);
    again = false;
    delivered = null;
    rate = null;
    rooms.clear();
    drawAudit($('[data-audit-panel]'), null, '');
    show(false);
    signInError.textContent = reason;
    form.elements.user.focus();
}

function metrics(text) {
    const values = parseMetrics(text);
    const sample = { value: values.get(SHOWN.delivered), at: performance.now() };
    if (sample.value !== undefined && (!delivered || sample.at - delivered.at >= RATE_MIN_MS)) {
        rate = ratePerSecond(delivered, sample);
        delivered = sample;
    }
    return {
        streams: values.get(SHOWN.streams),
        members: values.get(SHOWN.members),
        deliveries: rate,
        slow: values.get(SHOWN.slow),
    };
}

async function readEverything() {
    const session = client;
    const [ready, live, text, summaries, audit] = await Promise.allSettled([
        health('ready'), health('live'), metricsText(), session.rooms(), session.audit(AUDIT_LIMIT)]);
    if (client !== session) return;
    const refused = [summaries, audit].find((r) => r.status === 'rejected' && r.reason.status === 401);
    if (refused) {
        signOut(`Signed out: ${refused.reason.message}`);
        return;
    }
    drawHealth($('[data-health="ready"]'), ready.value, ready.reason);
    drawHealth($('[data-health="live"]'), live.value, live.reason);
    drawNumbers($('[data-metrics-panel]'), text.value === undefined ? null : metrics(text.value), text.reason);
    const roomsError = $('[data-admin-rooms-error]');
    roomsError.textContent = summaries.reason ? `Could not read the rooms: ${summaries.reason.message}` : '';
    if (summaries.value) rooms.draw(summaries.value);
    await rooms.refreshOpen();
    if (client !== session) return;
    if (audit.value) drawAudit($('[data-audit-panel]'), audit.value);
    else if (audit.reason.status === 403) drawAudit($('[data-audit-panel]'), null, `Admins only: ${audit.reason.message}`);
    else drawAudit($('[data-audit-panel]'), null, `Could not read the audit: ${audit.reason.message}`);
    updated.textContent = `Updated ${clock(new Date())}`;
}

/**
 * Reads everything now, and again in REFRESH_MS. One refresh at a time: asked for during one (a click, an action
 * done), one more follows it, however often it was asked for.
 */
function refresh() {
    if (!client) return Promise.resolve();
    if (running) {
        again = true;
        return running;
    }
    clearTimeout(timer);
    running = readEverything().finally(() => {
        running = null;
        if (again) {
            again = false;
            refresh();
        } else if (client && !document.hidden) {
            // a hidden tab is not read (visibilitychange reads again when it shows)
            timer = setTimeout(refresh, REFRESH_MS);
        }
    });
    return running;
}

form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const user = form.elements.user.value.trim();
    const password = form.elements.password.value;
    for (const input of [form.elements.user, form.elements.password]) input.removeAttribute('aria-invalid');
    if (!user || !password) {
        const missing = user ? form.elements.password : form.elements.user;
        missing.setAttribute('aria-invalid', 'true');
        signInError.textContent = 'Enter your name and password.';
        missing.focus();
        return;
    }
    const button = form.querySelector('button[type=submit]');
    button.setAttribute('aria-disabled', 'true');
    signInError.textContent = '';
    const candidate = moderator(user, password);
    try {
        await candidate.bans(PROBE_ROOM);
    } catch (e) {
        signInError.textContent = e.status === 0 ? e.message : `Not signed in: ${e.message}`;
        if (e.status === 401) form.elements.password.setAttribute('aria-invalid', 'true');
        form.elements.password.focus();
        return;
    } finally {
        button.removeAttribute('aria-disabled');
    }
    client = candidate;
    form.elements.password.value = '';
    whoami.textContent = `Signed in as ${user}`;
    show(true);
    $('[data-console-heading]').focus();
    refresh();
});

refreshButton.addEventListener('click', () => refresh());
signOutButton.addEventListener('click', () => signOut());
document.addEventListener('visibilitychange', () => {
    if (!document.hidden) refresh();
});
