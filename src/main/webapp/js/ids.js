// Event ids are opaque to the contract; Parley issues them as growing decimal numbers, optionally with a
// "-sequence" suffix, and the page orders by them to merge history, live events and its own posts.

export function compareIds(a, b) {
    const [majorA, minorA = '0'] = String(a).split('-');
    const [majorB, minorB = '0'] = String(b).split('-');
    return compareNumbers(majorA, majorB) || compareNumbers(minorA, minorB);
}

function compareNumbers(a, b) {
    if (a.length !== b.length) return a.length - b.length;
    return a < b ? -1 : a > b ? 1 : 0;
}
