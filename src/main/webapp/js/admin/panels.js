// The console's read-only panels: health, the numbers from /metrics, the audit trail. Each draws what it was given,
// as text (textContent and DOM calls only), and redraws a list only when its content changed, so a refresh every few
// seconds neither moves the page nor makes a screen reader read it again.

import { formatNumber } from './format.js';
import { full, when } from '../time.js';

export function element(tag, { className, text, attrs } = {}, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
    node.append(...children);
    return node;
}

/** Replaces a list's children unless the same content (its key) is shown already. */
export function redraw(list, key, build) {
    if (list.dataset.key === key) return false;
    list.dataset.key = key;
    list.replaceChildren(...build());
    return true;
}

/** A value of a check's data as text: JSON's strings, numbers and booleans as they are, anything else as JSON. */
const dataText = (value) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

/** One of the health sections ([data-health="ready"] or "live"): its overall state and each check with its data. */
export function drawHealth(section, report, failure) {
    const state = section.querySelector('[data-health-state]');
    const list = section.querySelector('[data-health-checks]');
    const status = failure ? 'UNKNOWN' : report.status;
    state.textContent = status;
    state.dataset.state = status;
    if (failure) {
        redraw(list, `failed:${failure.message}`, () => [element('li', { className: 'error', text: failure.message })]);
        return;
    }
    redraw(list, JSON.stringify(report.checks), () => report.checks.map((check) => {
        const data = element('dl', { className: 'check-data' });
        for (const [name, value] of Object.entries(check.data ?? {})) {
            data.append(element('div', {}, element('dt', { text: name }), element('dd', { text: dataText(value) })));
        }
        return element('li', { attrs: { 'data-check': check.name, 'data-state': check.status } },
            element('span', { className: 'check-name', text: check.name }),
            element('span', { className: 'state', text: check.status, attrs: { 'data-state': check.status } }),
            data);
    }));
}

/** The numbers: each [data-metric] shows its value, "–" while unknown (a rate needs two samples). */
export function drawNumbers(panel, numbers, failure) {
    for (const dd of panel.querySelectorAll('[data-metric]')) {
        const value = numbers?.[dd.dataset.metric];
        dd.textContent = formatNumber(value);
    }
    panel.querySelector('[data-metrics-error]').textContent = failure ? failure.message : '';
}

/** The audit trail, newest first, as a table; a refusal (a moderator's 403) as its plain note instead. */
export function drawAudit(panel, entries, note) {
    const table = panel.querySelector('[data-audit]');
    const body = table.querySelector('tbody');
    const message = panel.querySelector('[data-audit-note]');
    message.textContent = note ?? (entries && entries.length === 0 ? 'No moderation action yet.' : '');
    table.hidden = !entries || entries.length === 0;
    if (!entries) return;
    redraw(body, JSON.stringify(entries), () => entries.map((entry) => {
        const date = new Date(entry.time);
        const time = element('time', { text: when(date), attrs: { datetime: entry.time, title: full(date) } });
        return element('tr', { attrs: { 'data-action': entry.action } },
            element('td', {}, time),
            element('td', { text: entry.actor }),
            element('td', { text: entry.action }),
            element('td', { text: entry.room }),
            element('td', { text: entry.target ?? '' }),
            element('td', { text: [entry.reason, entry.detail].filter(Boolean).join(' · ') }));
    }));
}
