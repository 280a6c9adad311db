// Leader election among the tabs of one browser: a Web Lock per room. The tab holding it is the only one with an
// EventSource for that room; when it closes (or stops), the browser hands the lock to the next tab that asked.

/** Asks for the lock named for the room; onLead runs once it is ours. The returned function gives it up. */
export function elect(name, onLead) {
    const abort = new AbortController();
    let release = null;
    navigator.locks.request(name, { signal: abort.signal }, () => {
        if (abort.signal.aborted) return undefined;
        onLead();
        return new Promise((resolve) => { release = resolve; });
    }).catch(() => { /* aborted before it was granted */ });
    return () => {
        abort.abort();
        release?.();
    };
}
