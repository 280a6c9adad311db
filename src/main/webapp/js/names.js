// How a person is drawn: initials for the avatar and one of a fixed set of colours, the same for a name on every
// screen (a hash of the name as the server compares it). The palette's contrast is checked in parley.css.

export const HUES = 10;

/** The name as the server compares it for uniqueness, near enough for "is that me?" (NFKC, case-folded). */
export const fold = (name) => String(name).normalize('NFKC').toLowerCase();

export const sameName = (a, b) => fold(a) === fold(b);

/** Up to two letters: the first of the first two parts ("mary-jane" → "MJ"), else the first one ("zoë" → "Z"). */
export function initials(name) {
    const parts = String(name).split(/[._\-]+/u).filter((part) => /[\p{L}\p{N}]/u.test(part));
    const first = (part) => [...part.match(/[\p{L}\p{N}]\p{M}*/u)[0]].join('');
    const letters = parts.length === 0 ? [String(name).slice(0, 1)]
        : parts.length === 1 ? [first(parts[0])] : [first(parts[0]), first(parts[1])];
    return letters.join('').toLocaleUpperCase();
}

/** 0 … HUES-1, stable for a name (FNV-1a over its folded code points). */
export function hue(name) {
    let hash = 0x811c9dc5;
    for (const char of fold(name)) {
        hash ^= char.codePointAt(0);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % HUES;
}
