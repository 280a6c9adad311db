// The console's side of the HTTP contract (docs/API.md, "Endpoints" and "Moderation"): the moderator's endpoints with
// HTTP Basic, MicroProfile Health and Metrics. The credentials live in this closure only, never in storage: a reload
// or a closed tab signs out.

import { ApiError } from '../api.js';

// from this module's address, so the console finds the API under any context root and whatever its own address
const API = new URL('../../api/', import.meta.url);
// MicroProfile Health and Metrics are the server's, at its root, beside every application
const SERVER = new URL('/', import.meta.url);

/** The Authorization header of a name and password: Basic, of their UTF-8 bytes (RFC 7617). */
export function basic(user, password) {
    const bytes = new TextEncoder().encode(`${user}:${password}`);
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return `Basic ${btoa(binary)}`;
}

async function send(url, init) {
    try {
        return await fetch(url, { ...init, cache: 'no-store', credentials: 'same-origin' });
    } catch {
        throw new ApiError(0, { detail: 'The server cannot be reached.' });
    }
}

/** A refusal as an ApiError with its problem's detail, which the console shows as it is. */
async function refusal(response) {
    const problem = await response.json().catch(() => ({}));
    return new ApiError(response.status, problem ?? {}, Number(response.headers.get('Retry-After')) || 0);
}

const room = (name) => `rooms/${encodeURIComponent(name)}`;

/** A signed-in moderator's requests; sign-in is the first one that succeeds. */
export function moderator(user, password) {
    const authorization = basic(user, password);

    async function request(method, path, body) {
        const headers = {
            Accept: 'application/json',
            Authorization: authorization,
            // so a refusal comes without the Basic challenge, which would make the browser pop its own login dialog
            // over the console's form (docs/API.md, "Moderation")
            'X-Requested-With': 'XMLHttpRequest',
        };
        if (body !== undefined) headers['Content-Type'] = 'application/json';
        const response = await send(new URL(path, API), {
            method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (!response.ok) throw await refusal(response);
        return response.status === 204 ? null : response.json();
    }

    return {
        user,
        rooms: () => request('GET', 'rooms'),
        members: (name) => request('GET', `${room(name)}/members`),
        kick: (name, username) => request('DELETE', `${room(name)}/members/${encodeURIComponent(username)}`),
        bans: (name) => request('GET', `${room(name)}/bans`),
        ban: (name, ban) => request('POST', `${room(name)}/bans`, ban),
        lift: (name, username) => request('DELETE', `${room(name)}/bans/${encodeURIComponent(username)}`),
        slowMode: (name) => request('GET', `${room(name)}/slow-mode`),
        setSlowMode: (name, seconds) => request('PUT', `${room(name)}/slow-mode`, { seconds }),
        deleteMessage: (name, id) => request('DELETE', `${room(name)}/messages/${encodeURIComponent(id)}`),
        audit: (limit) => request('GET', `audit?limit=${limit}`),
    };
}

/**
 * One of MicroProfile Health's answers ('ready' or 'live'): { status, checks: [{ name, status, data }] }. DOWN is a
 * 503 with the same body, and is an answer too.
 */
export async function health(kind) {
    const response = await send(new URL(`health/${kind}`, SERVER), { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!body || typeof body.status !== 'string') {
        throw new ApiError(response.status, { detail: `/health/${kind} answered ${response.status} without a health report.` });
    }
    return { status: body.status, checks: Array.isArray(body.checks) ? body.checks : [] };
}

/** Parley's metrics as OpenMetrics text (the application scope: the parley_* ones). */
export async function metricsText() {
    const response = await send(new URL('metrics?scope=application', SERVER), { headers: { Accept: 'text/plain' } });
    if (!response.ok) throw new ApiError(response.status, { detail: `/metrics answered ${response.status}.` });
    return response.text();
}
