/**
 * Publishing as a web page: the page's structure for every example plan (one h1, landmarks, the
 * header block as a table with row headers, the generated Innehåll as nav, no script), escaping
 * of a hostile plan, and an accessibility check with axe-core in headless Chromium (WCAG 2.1 AA
 * and axe's best practices): no violation, for the reference plan, every example and the hostile plan.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element, Nodes } from 'hast';
import { chromium, type Browser } from 'playwright-core';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { analyze, publication } from '../../server/src/core/index';
import { publicationHtml } from '../../server/src/publish/index';
import { analyzeFile, examplePlans, missingInOrder, PNG_1PX, REFERENCE, ROOT, words } from '../helpers/publish';

const HOSTILE = join(ROOT, 'test/fixtures-hostile/hostile.plan.md');

const RICH = [
  '---',
  'dokumenttyp: plan',
  'titel: Plan för prov 2025–2028',
  'diarienummer: KS 2024/0001',
  '---',
  '',
  '# Plan för prov 2025–2028',
  '',
  'Inledande text före första rubriken.',
  '',
  '## Bakgrund',
  '',
  'Text med en fotnot[^1] och en [länk](https://example.org/plan), en [referens][ref] och *betoning*.',
  '',
  '| Organ | Uppgift |',
  '| --- | --- |',
  '| Kommunstyrelsen | Leder arbetet |',
  '',
  '![Karta över cykelvägarna](karta.png)',
  '',
  '> Ett citat.',
  '',
  '#### En rubrik som hoppar över en nivå',
  '',
  '1. Först',
  '2. Sedan',
  '',
  '[ref]: https://example.org/referens',
  '[^1]: Fotnotens text om källan.',
].join('\n');

/** Every node of a hast tree, in document order. */
function nodes(n: Nodes): Nodes[] {
  return [n, ...('children' in n ? n.children.flatMap((c) => nodes(c)) : [])];
}

/** The page as a browser would parse it: its elements. */
function parsed(html: string): { elements: Element[] } {
  return { elements: nodes(unified().use(rehypeParse).parse(html)).filter((n): n is Element => n.type === 'element') };
}

/** The page's text, as a browser has it. */
function toText(html: string): string {
  return nodes(unified().use(rehypeParse).parse(html))
    .map((n) => (n.type === 'text' ? n.value : ''))
    .join('');
}

const image = (url: string) => (url === 'karta.png' ? { data: PNG_1PX, type: 'png' } : undefined);

describe('Publishing as a web page', function () {
  this.timeout(60_000);
  let plans: Awaited<ReturnType<typeof examplePlans>>;
  before(async () => {
    plans = await examplePlans();
  });

  it('Should make a standalone page: lang, one h1, landmarks, the header block as a table with row headers, the Innehåll as nav, no script', () => {
    for (const p of plans) {
      const html = publicationHtml(p.pub);
      assert.match(html, /^<!DOCTYPE html>\n<html lang="sv">/, p.file);
      assert.equal(html.match(/<h1[ >]/g)?.length, 1, p.file);
      for (const landmark of ['<header>', '<main>', '<footer>', '<nav ']) assert.ok(html.includes(landmark), `${p.file}: ${landmark}`);
      assert.ok(!/<script/i.test(html), p.file);
      assert.ok(!/<link /i.test(html), `${p.file}: self-contained`);
      const rows = [...html.matchAll(/<tr><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)];
      assert.equal(rows.length, p.pub.header.length, p.file);
      assert.match(html, /@media print/);
      // The Innehåll lists the headings after it, with links to their ids.
      const nav = html.slice(html.indexOf('<nav '), html.indexOf('</nav>'));
      const links = [...nav.matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)].map((m) => m[1]);
      assert.deepEqual(
        links,
        p.pub.contents.entries.map((e) => e.id),
        p.file,
      );
      for (const id of links) assert.ok(html.includes(`id="${id}"`), `${p.file}: ${id}`);
    }
  });

  it('Should keep every word of the plan, in order', () => {
    for (const p of plans) {
      const html = publicationHtml(p.pub);
      const body = html.slice(html.indexOf('<main>'));
      const text = body
        .replace(/<nav [\s\S]*?<\/nav>/, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&#x26;|&amp;/g, '&');
      const expected = words(p.pub.body.children.map((n) => JSON.stringify(n, (k, v) => (k === 'position' || k === 'data' ? undefined : v))).join(' '));
      assert.ok(expected.length > 50);
      // Words of the source nodes' values (JSON carries type names too: compare only the values).
      const values = words(
        p.pub.body.children
          .map((n) => JSON.stringify(n).match(/"(?:value|alt)":"((?:\\.|[^"\\])*)"/g) ?? [])
          .flat()
          .map((s) => JSON.parse(`{${s}}`) as Record<string, string>)
          .map((o) => o.value ?? o.alt)
          .join(' '),
      );
      assert.equal(missingInOrder(values, words(text)), undefined, p.file);
    }
  });

  it('Should escape everything of a hostile plan: no script, no event handler, no javascript: address', async () => {
    const a = await analyzeFile(HOSTILE);
    const html = publicationHtml(publication(a.plan));
    const { elements } = parsed(html);
    assert.deepEqual(
      elements.filter((e) => ['script', 'iframe', 'svg', 'object', 'embed', 'b'].includes(e.tagName)).map((e) => e.tagName),
      [],
      'no element from the plan',
    );
    assert.equal(elements.filter((e) => e.tagName === 'style').length, 1, 'only the page’s own styles');
    assert.deepEqual(
      elements.flatMap((e) => Object.keys(e.properties).filter((k) => /^on/i.test(k))),
      [],
      'no event handler',
    );
    assert.deepEqual(
      elements.filter((e) => /script:/i.test(String(e.properties.href ?? e.properties.src ?? ''))).map((e) => e.tagName),
      [],
      'no javascript: address',
    );
    assert.ok(toText(html).includes("<script>alert('rubrik')</script> Plan 2025–2028"), 'the markup is shown as text');
    assert.ok(toText(html).includes('<img src=x onerror="alert(\'bild\')">'), 'raw HTML is shown as text');
    // Hand-written hostile links: javascript: in any case, with a tab or a newline inside.
    const sneaky = publicationHtml(
      publication(
        analyze(
          '---\ndokumenttyp: plan\n---\n# T\n\n## A\n\n[a](JaVaScRiPt:alert(1)) [c](<java\tscript:alert(1)>) ![d](javascript:alert(1)) [e](data:text/html,x)\n',
          {
            fileName: 'x.md',
          },
        ).plan,
      ),
    );
    const addresses = parsed(sneaky).elements.flatMap((e) => [e.properties.href, e.properties.src].filter((v) => v !== undefined).map(String));
    assert.deepEqual(
      addresses.filter((u) => !u.startsWith('#')),
      [],
    );
  });

  it('Should carry tables with header cells, footnotes, images with alt text (inline) and links', () => {
    const html = publicationHtml(publication(analyze(RICH, { fileName: 'prov.md' }).plan), { image });
    assert.match(html, /<table>\s*<thead>\s*<tr>\s*<th>Organ<\/th>\s*<th>Uppgift<\/th>/);
    assert.match(html, /<img src="data:image\/png;base64,iVBORw0KGgo[^"]*" alt="Karta över cykelvägarna">/);
    assert.match(html, /<a href="https:\/\/example\.org\/plan">länk<\/a>/);
    assert.match(html, /<a href="https:\/\/example\.org\/referens">referens<\/a>/);
    assert.match(html, /<h2 id="[^"]+">Fotnoter<\/h2>/);
    assert.match(html, /Fotnotens text om källan\./);
    // Opening text stays before the Innehåll; the skipped level is closed up (h2 → h3, not h4).
    assert.ok(html.indexOf('Inledande text') < html.indexOf('<nav '));
    assert.match(html, /<h3 id="[^"]+">En rubrik som hoppar över en nivå<\/h3>/);
  });
});

describe('Publishing as a web page: accessibility (axe-core in Chromium)', function () {
  this.timeout(120_000);
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let browser: Browser;
  before(async () => {
    if (!existsSync(executablePath))
      throw new Error(`No Chromium at ${executablePath}: the accessibility check needs it (apt-get install chromium, or set CHROMIUM_PATH).`);
    // @ts-expect-error: a plain .mjs module shared with the end-to-end runners
    const { CHROMIUM_ARGS } = (await import('../../scripts/e2e/code-server.mjs')) as { CHROMIUM_ARGS: string[] };
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  });
  after(async () => {
    await browser?.close();
  });

  const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

  interface Violation {
    id: string;
    impact: string;
    help: string;
    nodes: Array<{ target: string[] }>;
  }

  async function violations(html: string): Promise<Violation[]> {
    // The page's Content-Security-Policy forbids scripts: the check's own script is let in by bypassing it.
    const context = await browser.newContext({ bypassCSP: true, locale: 'sv-SE' });
    try {
      const page = await context.newPage();
      // No network: an image from the web in the plan is not fetched.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      await page.addScriptTag({ content: AXE });
      return await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Violation[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
      });
    } finally {
      await context.close();
    }
  }

  it('Should find no violation in the reference plan, every example, the hostile plan and a plan with tables, footnotes and images', async () => {
    const pages: Array<[string, string]> = (await examplePlans()).map((p) => [p.file, publicationHtml(p.pub)]);
    assert.ok(pages.some(([f]) => f === REFERENCE));
    pages.push([HOSTILE, publicationHtml(publication((await analyzeFile(HOSTILE)).plan))]);
    pages.push(['rich', publicationHtml(publication(analyze(RICH, { fileName: 'prov.md' }).plan), { image })]);
    // A template's look: a heading colour and a logo with its alt text.
    const looked = { ...publication(analyze(RICH, { fileName: 'prov.md' }).plan), look: { headingColor: '#1F4E79', font: 'Arial', logoAlt: 'Provkommunen' } };
    pages.push(['look', publicationHtml(looked, { image, logo: { data: PNG_1PX, type: 'png' } })]);
    for (const [file, html] of pages) assert.deepEqual(await violations(html), [], file);
  });

  it('Should find the violations it is there to find (the check is not vacuous)', async () => {
    const found = await violations(
      '<!DOCTYPE html><html><head><title>x</title></head><body><img src="data:image/png;base64,iVBORw0KGgo="><h3>x</h3></body></html>',
    );
    const ids = found.map((v) => v.id);
    assert.ok(ids.includes('html-has-lang'), ids.join());
    assert.ok(ids.includes('image-alt'), ids.join());
  });
});
