import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFromWebview, parseState, parseToWebview } from '../../client/src/overview/messages';
import { structureNodes, type StructureNode, type Translate } from '../../client/src/overview/tree-model';
import { contentSecurityPolicy, makeNonce, webviewShell } from '../../client/src/overview/webview-html';
import { nextSort, pickCurrent, sortedOrder } from '../../client/src/webview/logic';
import { analyze, planOverview, setLocale } from '../../server/src/core/index';

const ROOT = join(__dirname, '../..');
const REFERENCE = readFileSync(join(ROOT, 'examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md'), 'utf8');
const CLEAN = readFileSync(join(ROOT, 'examples/halmstad/ren-plan.plan.md'), 'utf8');
const overviewOf = (text: string) => planOverview(analyze(text, { fileName: 'x.plan.md' }), '2026-11-23');
const t: Translate = (m, ...args) => m.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

describe('Plan overview in the client', () => {
  before(() => setLocale('sv'));

  describe('Webview messages', () => {
    it('Should accept only well-formed messages from the webview', () => {
      assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
      assert.deepEqual(parseFromWebview({ type: 'reveal', line: 12, character: 3, extra: 'x' }), { type: 'reveal', line: 12, character: 3 });
      for (const bad of [
        null,
        'reveal',
        [],
        { type: 'reveal', line: -1, character: 0 },
        { type: 'reveal', line: 1.5, character: 0 },
        { type: 'reveal', line: '3', character: 0 },
        { type: 'command', command: 'x' },
      ])
        assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
    });

    it('Should accept only well-formed messages to the webview and saved state', () => {
      assert.deepEqual(parseToWebview({ type: 'update', uri: 'file:///a.md', version: 3, html: '<p>x</p>', cursor: 4 }), {
        type: 'update',
        uri: 'file:///a.md',
        version: 3,
        html: '<p>x</p>',
        cursor: 4,
      });
      assert.equal(parseToWebview({ type: 'update', uri: 'file:///a.md', version: 3 }), undefined);
      assert.deepEqual(parseToWebview({ type: 'cursor', line: 0 }), { type: 'cursor', line: 0 });
      assert.deepEqual(parseState({ uri: 'u', sort: { body: 'KS', descending: false }, filter: '', cursor: -2, open: ['a', 3] }), {
        uri: 'u',
        sort: { body: 'KS', descending: false },
        open: ['a'],
      });
      assert.deepEqual(parseState(undefined), {});
    });
  });

  describe('Webview page', () => {
    it('Should load script and styles only under the nonce, with no inline script or style attribute allowed', () => {
      const nonce = makeNonce();
      assert.match(nonce, /^[A-Za-z0-9]{20,}$/);
      assert.notEqual(nonce, makeNonce());
      const csp = contentSecurityPolicy('https://x.vscode-cdn.net', nonce);
      assert.match(csp, /^default-src 'none'; /);
      assert.match(csp, new RegExp(`script-src 'nonce-${nonce}';`));
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
      const html = webviewShell({
        cspSource: 'https://x.vscode-cdn.net',
        nonce,
        scriptUri: 'https://x.vscode-cdn.net/dist/media/overview.js',
        styleUri: 'https://x.vscode-cdn.net/dist/media/overview.css',
        baseCss: 'body { color: red } </style><script>alert(1)</script>',
        lang: 'sv"><script>',
        title: 'Planöversikt <b>',
        loading: 'Läser in …',
      });
      assert.equal((html.match(/<\/style>/g) ?? []).length, 1, 'the styles cannot end the style element early');
      assert.equal((html.match(/<script nonce/g) ?? []).length, 1, 'one script element');
      assert.match(html, new RegExp(`<script nonce="${nonce}" src="https://x.vscode-cdn.net/dist/media/overview.js"></script>`));
      assert.match(html, new RegExp(`<style nonce="${nonce}">`));
      assert.match(html, /<html lang="en">/);
      assert.match(html, /Planöversikt &lt;b&gt;/);
      assert.match(html, /<main id="content">/);
    });
  });

  describe('Planstruktur tree', () => {
    const walk = (nodes: StructureNode[]): StructureNode[] => nodes.flatMap((n) => [n, ...walk(n.children)]);

    it('Should list sections and parts in document order, parts with ambitions and their Varför, Vad and Hur', () => {
      const nodes = structureNodes(overviewOf(REFERENCE), t);
      const lines = nodes.map((n) => n.loc!.line);
      assert.deepEqual(
        lines,
        [...lines].sort((a, b) => a - b),
      );
      const parts = nodes.filter((n) => n.kind === 'part');
      assert.deepEqual(
        parts.map((p) => p.label),
        ['Del 1. Utveckling som möjliggör', 'Del 2. En levande plats'],
      );
      // Hints are counted apart from the findings (they are not in the Problems panel).
      assert.match(parts[0].description, /^3 ambition(s|er)( · (\d+ (findings?|påpekanden?))?(, )?(\d+ (hints?|tips))?)?$/);
      assert.ok(!/\d+ (findings?|påpekanden?)/.test(parts[0].description) || !/hints?|tips/.test(parts[0].description.split(',')[0]));
      const a11 = parts[0].children[0];
      assert.equal(a11.label, '1.1 Utbildning hela vägen');
      assert.equal(a11.description, '4 actions · 3 hints', 'a year-range hint and two long-sentence hints, named as hints');
      assert.equal(a11.status, 'pass', 'hints do not colour the icon');
      assert.equal(parts[0].children[2].description, '3 actions · 1 hint', 'a long-sentence hint');
      assert.deepEqual(
        a11.children.map((c) => [c.label, c.status, c.description]),
        [
          ['Varför', 'pass', ''],
          ['Vad', 'pass', ''],
          ['Hur', 'pass', '4 actions'],
        ],
      );
      const a21 = parts[1].children[0];
      assert.equal(a21.status, 'warning');
      assert.match(a21.description, /· 2 findings, 4 hints$/, 'two actions with no actor; three long sentences and ”Avseende” are hints');
      assert.ok(nodes.some((n) => n.kind === 'section' && n.label === 'Uppföljning'));
      const ids = walk(nodes).map((n) => n.id);
      assert.equal(new Set(ids).size, ids.length, 'unique ids');
    });

    it('Should mark a missing Hur and say so on the ambition', () => {
      const nodes = structureNodes(overviewOf(CLEAN.replace(/#### Hur\?\n\n(- .*\n)+/, '')), t);
      const a = nodes.find((n) => n.kind === 'part')!.children[0];
      assert.equal(a.status, 'error');
      assert.match(a.description, /^0 actions · lacks Hur · 1 finding/);
      assert.deepEqual(
        a.children.map((c) => [c.label, c.status, c.description]).find((c) => c[0] === 'Hur'),
        ['Hur', 'missing', 'missing'],
      );
      assert.equal(a.children.find((c) => c.label === 'Hur')!.loc, undefined);
    });

    it('Should be empty for a file that is not a plan', () => {
      assert.deepEqual(structureNodes(planOverview(analyze('# Anteckningar\n\nText.\n', { fileName: 'anteckningar.md' }), '2026-11-23'), t), []);
      assert.deepEqual(structureNodes(undefined, t), []);
    });
  });

  describe('Webview script logic', () => {
    it('Should pick the item the cursor is in, not one a later section or part has closed', () => {
      const starts = [10, 20, 30];
      assert.equal(pickCurrent(starts, 5), -1);
      assert.equal(pickCurrent(starts, 10), 0);
      assert.equal(pickCurrent(starts, 29), 1);
      assert.equal(pickCurrent(starts, 99), 2);
      assert.equal(pickCurrent(starts, 45, [40]), -1, 'a section at 40 ends the item at 30');
      assert.equal(pickCurrent(starts, 35, [40]), 2);
      assert.equal(pickCurrent([30, 10, 20], 25), 2, 'unsorted starts (a sorted matrix)');
    });

    it('Should sort descending, then ascending, then in document order, ties in document order', () => {
      assert.deepEqual(nextSort(undefined, 'KS'), { body: 'KS', descending: true });
      assert.deepEqual(nextSort({ body: 'KS', descending: true }, 'KS'), { body: 'KS', descending: false });
      assert.equal(nextSort({ body: 'KS', descending: false }, 'KS'), undefined);
      assert.deepEqual(nextSort({ body: 'KS', descending: false }, 'BUN'), { body: 'BUN', descending: true });
      const rows = [
        { order: 0, count: 1 },
        { order: 1, count: 3 },
        { order: 2, count: 0 },
        { order: 3, count: 3 },
      ];
      assert.deepEqual(sortedOrder(rows, { body: 'KS', descending: true }), [1, 3, 0, 2]);
      assert.deepEqual(sortedOrder(rows, { body: 'KS', descending: false }), [2, 0, 1, 3]);
      assert.deepEqual(sortedOrder([rows[3], rows[0], rows[2], rows[1]], undefined), [1, 3, 2, 0]);
    });
  });
});
