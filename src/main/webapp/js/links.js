// Finds web links in a message so the page can make them clickable. Pure: it returns pieces of text and links; the
// log builds elements from them with DOM APIs (never HTML), and only http and https addresses become links.

const CANDIDATE = /\bhttps?:\/\/[^\s<>"]+/giu;
const TRAILING = /[.,;:!?'"*_~]+$/u;
const CLOSERS = { ')': '(', ']': '[', '}': '{' };

/** The address without what usually ends the sentence around it: "(see https://x.y/a_(b))." keeps "a_(b)". */
function trim(candidate) {
    let url = candidate;
    for (;;) {
        const before = url;
        url = url.replace(TRAILING, '');
        const last = url.at(-1);
        if (CLOSERS[last]) {
            const opened = [...url].filter((c) => c === CLOSERS[last]).length;
            const closed = [...url].filter((c) => c === last).length;
            if (closed > opened) url = url.slice(0, -1);
        }
        if (url === before) return url;
    }
}

/** The link's address if it is one the page may open: http or https, with a host. */
export function safeHref(text) {
    try {
        const url = new URL(text);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : null;
    } catch {
        return null;
    }
}

/** The text as [{text}] and [{text, href}] pieces, in order; joined, the texts give back the message. */
export function segments(text) {
    const pieces = [];
    let at = 0;
    for (const match of text.matchAll(CANDIDATE)) {
        const url = trim(match[0]);
        const href = safeHref(url);
        if (!href) continue;
        if (match.index > at) pieces.push({ text: text.slice(at, match.index) });
        pieces.push({ text: url, href });
        at = match.index + url.length;
    }
    if (at < text.length || pieces.length === 0) pieces.push({ text: text.slice(at) });
    return pieces;
}
