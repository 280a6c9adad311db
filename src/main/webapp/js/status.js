// The room's connection as one short line: what it is, and since when it has been lost.

import { clock } from './time.js';

/** {state, since} → the status line's text. */
export function statusText({ state, since } = {}, locale = undefined) {
    switch (state) {
        case 'connecting': return 'Connecting…';
        case 'live': return 'Live';
        case 'reconnecting':
        case 'offline':
            return since ? `Offline since ${clock(new Date(since), locale)} — retrying` : 'Offline — retrying';
        default: return '';
    }
}

/** The data-state the status line shows for a stream state: 'offline' for any loss. */
export const statusState = (state) => (state === 'reconnecting' ? 'offline' : state ?? 'idle');

export function showStatus(element, state) {
    const text = statusText(state ?? {});
    element.dataset.state = state ? statusState(state.state) : 'idle';
    if (element.textContent !== text) element.textContent = text;
}
