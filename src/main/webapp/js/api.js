// The contract of docs/API.md, over fetch. Paths are relative, so the page works under any context root.

/** A refusal from the server, with its problem+json and Retry-After (seconds), or status 0 when unreachable. */
export class ApiError extends Error {
    constructor(status, problem = {}, retryAfter = 0) {
        super(problem.detail || problem.title || `HTTP ${status}`);
        this.status = status;
        this.problem = problem;
        this.retryAfter = retryAfter;
    }
}

const room = (name) => `api/rooms/${encodeURIComponent(name)}`;

/** seen(response), if given, reads the response's headers before its body is parsed. */
async function request(method, path, { token, body, headers: extra = {}, seen } = {}) {
    // a POST with no body still states its length (docs/API.md: 411 otherwise); fetch sends Content-Length: 0
    const headers = { Accept: 'application/json', ...extra };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
        response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
        throw new ApiError(0, { detail: 'The server cannot be reached.' });
    }
    seen?.(response);
    if (response.status === 204) return null;
    const json = await response.json().catch(() => null);
    if (!response.ok) {
        throw new ApiError(response.status, json ?? {}, Number(response.headers.get('Retry-After')) || 0);
    }
    return json;
}

export const rooms = () => request('GET', 'api/rooms');
export const join = (name, username) => request('POST', `${room(name)}/members`, { body: { username } });
export const leave = (member) => request('DELETE', `${room(member.room)}/members/me`, { token: member.token });
export const members = (name) => request('GET', `${room(name)}/members`);
/**
 * Says something; with a key (one per composed message), a repeat answers the first post again instead of posting.
 * replayed(boolean), if given, learns which of the two the answer is.
 */
export const post = (member, text, key, replayed) => request('POST', `${room(member.room)}/messages`, {
    token: member.token,
    body: { text },
    // a structured-field string (RFC 8941), as draft-ietf-httpapi-idempotency-key-header writes it
    headers: key ? { 'Idempotency-Key': `"${key}"` } : {},
    seen: replayed && ((response) => replayed(response.headers.get('Idempotent-Replayed') === 'true')),
});
const message = (member, id) => `${room(member.room)}/messages/${encodeURIComponent(id)}`;
/** The author edits a message: resolves to the message as it is now. */
export const edit = (member, id, text) => request('PATCH', message(member, id), { token: member.token, body: { text } });
export const remove = (member, id) => request('DELETE', message(member, id), { token: member.token });
export const typing = (member) => request('POST', `${room(member.room)}/typing`, { token: member.token });

export function earlier(name, beforeId, limit) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (beforeId) query.set('before', beforeId);
    return request('GET', `${room(name)}/messages?${query}`);
}

/**
 * The stream's URL. It never carries the token: the server's HttpOnly cookie does (see streamCookie), so the token
 * stays out of URLs, logs and history.
 */
export function eventsUrl(name, lastEventId) {
    const query = lastEventId ? `?${new URLSearchParams({ lastEventId })}` : '';
    return `${room(name)}/events${query}`;
}

/** Has the server set the stream cookie for this member's room (before every EventSource is opened). */
export const streamCookie = (member) => request('POST', `${room(member.room)}/members/me/cookie`, { token: member.token });

/**
 * Why a stream failed: EventSource hides the status of a refused connection, so ask once, with the token in the
 * Authorization header, and hang up. Resolves to { status, retryAfter }, status 0 when the server cannot be reached.
 */
export async function streamStatus(member) {
    const abort = new AbortController();
    try {
        const response = await fetch(eventsUrl(member.room), {
            headers: { Accept: 'text/event-stream', Authorization: `Bearer ${member.token}` },
            signal: abort.signal,
        });
        return { status: response.status, retryAfter: Number(response.headers.get('Retry-After')) || 0 };
    } catch {
        return { status: 0, retryAfter: 0 };
    } finally {
        abort.abort();
    }
}
