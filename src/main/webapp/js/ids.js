// Event ids are opaque to the contract; Parley issues them as growing decimal numbers, optionally with a
// "-sequence" suffix, and the page orders by them to merge history, live events and its own posts.

export function compareIds(a, b) {
    const [majorA, minorA = '0'] = String(a).split('-');
    const [majorB, minorB = '0'] = String(b).split('-');
    return compareNumbers(majorA, majorB) || compareNumbers(minorA, minorB);
}

function compareNumbers(a, b) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) return x.length - y.length;
    return x < y ? -1 : x > y ? 1 : 0;
}

