// How the console says numbers and durations (times: ../time.js). Pure, like metrics.js (src/test/js/admin.test.js).

/** A number as the console shows it: whole numbers plainly, rates to one decimal below 10, "–" for none. */
export function formatNumber(value) {
    if (value === null || value === undefined || !Number.isFinite(value)) return '–';
    if (Number.isInteger(value)) return value.toLocaleString('en');
    return value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en');
}

/** How long a ban or slow mode lasts, to its two largest units ("10 minutes", "1 hour 30 minutes", "2 days"). */
export function formatSeconds(seconds) {
    const units = [['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];
    const parts = [];
    let rest = seconds;
    for (const [name, size] of units) {
        const count = Math.floor(rest / size);
        if (count > 0 && parts.length < 2) parts.push(`${count} ${name}${count === 1 ? '' : 's'}`);
        rest -= count * size;
    }
    return parts.length ? parts.join(' ') : '0 seconds';
}
