// The page's own rules, checked on its sources: no HTML from strings, nothing inline that the CSP would refuse, and
// every module import resolves (the page has no build step to catch a wrong path).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const webapp = join(dirname(fileURLToPath(import.meta.url)), '../../main/webapp');
const files = (dir, ext) => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory()
    ? files(join(dir, entry.name), ext) : entry.name.endsWith(ext) ? [join(dir, entry.name)] : []));
const scripts = files(join(webapp, 'js'), '.js');
const pages = files(webapp, '.html');

test('no script builds HTML from strings', () => {
    for (const file of scripts) {
        const source = readFileSync(file, 'utf8');
        for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function']) {
            assert.ok(!source.includes(sink), `${file} uses ${sink}`);
        }
    }
});

test('no page has inline script, inline style or event handler attributes', () => {
    for (const file of pages) {
        const html = readFileSync(file, 'utf8');
        assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), `${file} has an inline script`);
        assert.ok(!/\sstyle\s*=/i.test(html), `${file} has a style attribute`);
        assert.ok(!/<style/i.test(html), `${file} has a style element`);
        assert.ok(!/\son[a-z]+\s*=/i.test(html), `${file} has an event handler attribute`);
    }
});

test('every relative import names a module that exists', () => {
    for (const file of scripts) {
        for (const [, path] of readFileSync(file, 'utf8').matchAll(/^import .* from '(\.[^']+)';$/gm)) {
            assert.ok(existsSync(join(dirname(file), path)), `${file} imports ${path}`);
        }
    }
});
