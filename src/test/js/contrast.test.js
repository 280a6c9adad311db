// The page's colour pairs, read from parley.css for the light and the dark scheme: WCAG 2 contrast of at least
// 4.5:1 for text and 3:1 for field borders (docs issue 13: the resync note and field borders fell short).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('../../main/webapp/css/parley.css', import.meta.url), 'utf8');

function properties(block) {
    return Object.fromEntries([...block.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1], m[2]]));
}

const light = properties(css.slice(css.indexOf(':root'), css.indexOf('}', css.indexOf(':root'))));
const darkStart = css.indexOf(':root', css.indexOf('prefers-color-scheme: dark'));
const dark = { ...light, ...properties(css.slice(darkStart, css.indexOf('}', darkStart))) };

function luminance(hex) {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a, b) {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
}

const hues = Array.from({ length: 10 }, (_, i) => `hue-${i}`);
const TEXT = [
    ['text', 'bg'], ['text', 'surface'], ['text', 'mine'],
    ['muted', 'bg'], ['muted', 'surface'], ['muted', 'mine'],
    ['accent', 'surface'], ['accent', 'bg'], ['accent-text', 'accent'],
    ['error', 'surface'], ['error', 'bg'], ['warn', 'surface'],
    ['text', 'hover'], ['muted', 'hover'], ['accent-text', 'error'],
    ...hues.flatMap((h) => [[h, 'surface'], [h, 'mine'], ['avatar-text', h]]),
];
const BORDERS = [['field-border', 'surface'], ['field-border', 'bg']];

for (const [scheme, colours] of [['light', light], ['dark', dark]]) {
    test(`text in the ${scheme} scheme has at least 4.5:1`, () => {
        for (const [fg, bg] of TEXT) {
            assert.ok(colours[fg] && colours[bg], `--${fg} and --${bg} are defined`);
            const ratio = contrast(colours[fg], colours[bg]);
            assert.ok(ratio >= 4.5, `--${fg} ${colours[fg]} on --${bg} ${colours[bg]}: ${ratio.toFixed(2)}:1`);
        }
    });
    test(`field borders in the ${scheme} scheme have at least 3:1`, () => {
        for (const [fg, bg] of BORDERS) {
            const ratio = contrast(colours[fg], colours[bg]);
            assert.ok(ratio >= 3, `--${fg} ${colours[fg]} on --${bg} ${colours[bg]}: ${ratio.toFixed(2)}:1`);
        }
    });
}

test('the contrast formula matches WCAG examples', () => {
    assert.equal(contrast('#000000', '#ffffff').toFixed(1), '21.0');
    assert.equal(contrast('#b35c00', '#f6f7f9').toFixed(2), '4.40', 'the old resync note the review measured');
});
