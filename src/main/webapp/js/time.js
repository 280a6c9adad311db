// Times as people read them in a chat: the clock time on each message, the day on a separator above it, and the
// full date and time on request (the title and the <time datetime>). Pure: the locale and "now" can be passed in.

const DAY_MS = 86_400_000;
const formats = new Map();

function format(locale, options) {
    const key = `${locale ?? ''}|${JSON.stringify(options)}`;
    if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(locale, options));
    return formats.get(key);
}

/** The clock time, "9:04 PM" or "21:04" as the locale writes it. */
export const clock = (date, locale) => format(locale, { hour: 'numeric', minute: '2-digit' }).format(date);

/** Date and time in full, for a title. */
export const full = (date, locale) => format(locale, { dateStyle: 'full', timeStyle: 'medium' }).format(date);

/** The local calendar day, "2026-11-21": the key of a day separator. */
export function dayKey(date) {
    const pad = (n) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const midnight = (date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());

/** Whole calendar days from date to now (0 today, 1 yesterday), counted in local time. */
export function daysAgo(date, now = new Date()) {
    return Math.round((midnight(now) - midnight(date)) / DAY_MS);
}

/** A day separator's text: Today, Yesterday, a weekday within the week, else the date (with the year if not this one). */
export function dayLabel(date, now = new Date(), locale = undefined) {
    const ago = daysAgo(date, now);
    if (ago === 0) return 'Today';
    if (ago === 1) return 'Yesterday';
    if (ago > 1 && ago < 7) return format(locale, { weekday: 'long' }).format(date);
    const options = { weekday: 'long', month: 'long', day: 'numeric' };
    if (date.getFullYear() !== now.getFullYear()) options.year = 'numeric';
    return format(locale, options).format(date);
}

/** "9:04 PM" today, "Yesterday 9:04 PM", else the short date and time: where a time stands without a separator. */
export function when(date, now = new Date(), locale = undefined) {
    const ago = daysAgo(date, now);
    if (ago === 0) return clock(date, locale);
    if (ago === 1) return `Yesterday ${clock(date, locale)}`;
    return format(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
