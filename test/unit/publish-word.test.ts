/**
 * Publishing as Word: every example plan and the reference plan are published, and the .docx is
 * read back (mammoth for the text and heading levels as Word's styles give them, JSZip for the
 * package's parts): headings in order with their heading styles, the header block, the generated
 * Innehåll, every word of the plan, the document properties, the language and the footer.
 */
import * as assert from 'node:assert/strict';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { analyze, isComment, labelOfKey, publication, type Analysis, type Publication } from '../../server/src/core/index';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { xmlSafe } from '../../server/src/publish/docx';
import { publicationDocx } from '../../server/src/publish/index';
import { examplePlans, missingInOrder, PNG_1PX, REFERENCE, ROOT, words } from '../helpers/publish';

interface ReadBack {
  html: string;
  text: string;
  zip: JSZip;
  part: (name: string) => Promise<string>;
}

async function readBack(bytes: Uint8Array): Promise<ReadBack> {
  const buffer = Buffer.from(bytes);
  const html = (await mammoth.convertToHtml({ buffer })).value;
  const text = (await mammoth.extractRawText({ buffer })).value;
  const zip = await JSZip.loadAsync(buffer);
  return { html, text, zip, part: async (name) => (await zip.file(name)?.async('string')) ?? assert.fail(`no ${name} in the package`) };
}

const unescape = (s: string) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The headings mammoth read (from Word's heading styles), with their levels. */
function headingsOf(html: string): Array<{ level: number; text: string }> {
  return [...html.matchAll(/<h([1-6])>(.*?)<\/h\1>/g)].map((m) => ({ level: Number(m[1]), text: unescape(m[2]).trim() }));
}

const gfm = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

/** The plan's own text blocks, as the source has them: no front matter, no comments, no hand-made Innehåll. */
function sourceBlocks(a: Analysis): RootContent[] {
  const tree = gfm.parse(a.plan.md.text) as Root;
  const toc = a.plan.toc?.section.range;
  return tree.children.filter((n) => {
    if (n.type === 'yaml' || isComment(n)) return false;
    const start = n.position!.start.offset!;
    return !(toc && start >= toc.start && start < toc.end);
  });
}

/** A node's text with a space between its leaves (mdast-util-to-string runs list items and cells together). */
function textOf(n: RootContent | Root): string {
  if ('value' in n && typeof n.value === 'string') return n.value;
  if (n.type === 'image') return n.alt ?? '';
  return 'children' in n ? (n.children as RootContent[]).map(textOf).join(' ') : '';
}

describe('Publishing as Word', function () {
  this.timeout(60_000);
  let plans: Awaited<ReturnType<typeof examplePlans>>;
  const docs = new Map<string, ReadBack>();
  before(async () => {
    plans = await examplePlans();
    for (const p of plans) docs.set(p.file, await readBack(await publicationDocx(p.pub)));
  });

  it('Should publish every example plan and the reference plan', () => {
    assert.ok(plans.length >= 6, `found ${plans.length} example plans`);
    assert.ok(plans.some((p) => p.file === REFERENCE));
  });

  it('Should give the title and every heading a Word heading style of the right level, in order', () => {
    for (const p of plans) {
      const source = sourceBlocks(p.analysis).filter((n) => n.type === 'heading');
      const expected = source.map((n) => ({ level: n.type === 'heading' ? n.depth : 0, text: toString(n).replace(/\s+/g, ' ').trim() }));
      // The generated Innehåll is a heading of the second level where the hand-made one was (or before the first section).
      const at = p.pub.contentsAt;
      const before = p.pub.body.children.slice(0, at).filter((n) => n.type === 'heading').length;
      expected.splice(before + 1, 0, { level: 2, text: p.pub.contents.title });
      assert.deepEqual(headingsOf(docs.get(p.file)!.html), expected, p.file);
    }
  });

  it('Should write the headings with the built-in styles Heading1…6, which Word’s navigation pane and PDF bookmarks use', async () => {
    for (const p of plans) {
      const xml = await docs.get(p.file)!.part('word/document.xml');
      const styles = [...xml.matchAll(/<w:pStyle w:val="(Heading\d)"\/>/g)].map((m) => m[1]);
      assert.equal(styles.length, p.pub.headings.length + 2, p.file);
      assert.equal(styles[0], 'Heading1');
      const defined = await docs.get(p.file)!.part('word/styles.xml');
      for (const s of new Set(styles))
        assert.match(defined, new RegExp(`w:styleId="${s}"[^>]*>\\s*<w:name w:val="[Hh]eading ${s.slice(-1)}"`), `${s} is Word's heading style`);
    }
  });

  it('Should put the template’s labels and the front matter’s values in the header block', () => {
    const ref = docs.get(REFERENCE)!.html;
    const rows = [...ref.slice(0, ref.indexOf('</table>')).matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => [unescape(m[1]), unescape(m[2])]);
    for (const row of [
      ['Dokumenttyp', 'Plan'],
      ['Diarienummer', ''],
      ['Framtagen av', 'Kommunledningsförvaltningen'],
      ['Beslutad av', 'Kommunfullmäktige'],
      ['Gäller from', ''],
      ['Gäller tom', ''],
      ['Dokumentansvarig', 'Tillväxtavdelningen, kommunledningsförvaltningen'],
      ['Gäller förvaltningar', 'Ja'],
      ['Gäller bolag', 'Ja'],
      ['Processhänvisning', ''],
    ])
      assert.ok(
        rows.some((r) => r[0] === row[0] && r[1] === row[1]),
        `${row.join(': ')} in ${JSON.stringify(rows)}`,
      );
    // Every example: each non-empty value of a template key (not the title) under its label.
    for (const p of plans) {
      const html = docs.get(p.file)!.html;
      const table = html.slice(0, html.indexOf('</table>'));
      const tpl = p.analysis.plan.template!;
      for (const e of p.analysis.plan.frontMatter?.entries ?? []) {
        const spec = tpl.frontMatter.find((k) => k.key === e.key);
        if (!spec || spec.role === 'title' || !e.valueText || spec.type === 'boolean' || spec.type === 'documenttype') continue;
        const label = typeof spec.label === 'string' ? spec.label : (spec.label?.sv ?? labelOfKey(spec.key));
        const value = Array.isArray(e.value) ? e.value.join(', ') : String(e.value);
        assert.ok(unescape(table).includes(`${label}${value}`), `${p.file}: ${label}: ${value}`);
      }
    }
  });

  it('Should generate the Innehåll from the real headings, with links to them, not copy the hand-made one', () => {
    for (const p of plans) {
      const html = docs.get(p.file)!.html;
      const start = html.indexOf(`<a id="${p.pub.contents.id}"></a>`);
      assert.ok(start > 0, p.file);
      const links = [...html.slice(start).matchAll(/<p><a href="#([^"]+)">(.*?)<\/a><\/p>/g)].map((m) => ({ id: m[1], text: unescape(m[2]) }));
      const after = p.pub.headings.slice(p.pub.headings.length - p.pub.body.children.slice(p.pub.contentsAt).filter((n) => n.type === 'heading').length);
      const expected = after.filter((h) => h.level <= 3).map((h) => ({ id: h.id, text: h.text }));
      assert.ok(expected.length > 0, p.file);
      assert.deepEqual(links.slice(0, expected.length), expected, p.file);
      for (const l of links.slice(0, expected.length)) assert.ok(html.includes(`<a id="${l.id}"></a>`), `${p.file}: the bookmark ${l.id}`);
    }
    // The reference plan's hand-made Innehåll says "Ett stärkt företagsklimat" and "En Levande plats"; its headings do not.
    const ref = unescape(docs.get(REFERENCE)!.html);
    assert.ok(ref.includes('Ambition 1.2. Ett starkt företagsklimat'));
    assert.ok(!ref.includes('En Levande plats'));
    assert.ok(!ref.includes('1.2. Ett stärkt företagsklimat'));
  });

  it('Should keep every word of the plan, in order', () => {
    for (const p of plans) {
      const expected = words(sourceBlocks(p.analysis).map(textOf).join('\n'));
      const got = words(docs.get(p.file)!.text);
      assert.ok(expected.length > 50, p.file);
      assert.equal(missingInOrder(expected, got), undefined, p.file);
    }
  });

  it('Should set the document properties, Swedish as the language and a footer with page numbers and the diarienummer', async () => {
    for (const p of plans) {
      const d = docs.get(p.file)!;
      const core = await d.part('docProps/core.xml');
      const tpl = p.analysis.plan.template!;
      const name = typeof tpl.name === 'string' ? tpl.name : tpl.name.sv;
      assert.ok(core.includes(`<dc:title>${p.pub.title}</dc:title>`), `${p.file}: title`);
      assert.ok(core.includes(`<dc:subject>${name}</dc:subject>`), `${p.file}: subject`);
      const ownerKey = tpl.frontMatter.find((k) => k.role === 'owner')?.key;
      const owner = p.analysis.plan.frontMatter?.entries.find((e) => e.key === ownerKey)?.valueText;
      if (owner) assert.ok(core.includes(`<dc:creator>${owner}</dc:creator>`), `${p.file}: creator`);
      assert.match(core, /<cp:keywords>[^<]+<\/cp:keywords>/);
      assert.match(core, /<dc:description>[^<]+<\/dc:description>/);
      assert.match(await d.part('word/styles.xml'), /<w:lang w:val="sv-SE"\/>/);
      const footerName = Object.keys(d.zip.files).find((n) => /^word\/footer\d*\.xml$/.test(n))!;
      const footer = await d.part(footerName);
      assert.match(footer, /PAGE/);
      assert.match(footer, /NUMPAGES/);
      const diarienummer = p.analysis.plan.frontMatter?.entries.find((e) => e.key === 'diarienummer')?.valueText;
      if (diarienummer) assert.ok(footer.includes(diarienummer), `${p.file}: ${diarienummer} in the footer`);
    }
    assert.ok(plans.some((p) => p.analysis.plan.frontMatter?.entries.some((e) => e.key === 'diarienummer' && e.valueText)));
  });
});

describe('Publishing as Word: tables, footnotes, images, links and hostile text', function () {
  this.timeout(30_000);
  const TEXT = [
    '---',
    'dokumenttyp: plan',
    'titel: Plan för prov 2025–2028',
    'diarienummer: KS 2024/0001',
    '---',
    '',
    '# Plan för prov 2025–2028',
    '',
    '## Bakgrund',
    '',
    'Text med en fotnot[^1] och en [länk](https://example.org/plan) och en [farlig länk](javascript:alert(1)).',
    '',
    '<script>alert("x")</script>',
    '',
    '| Organ | Uppgift |',
    '| --- | --- |',
    '| Kommunstyrelsen | Leder arbetet |',
    '',
    '![Karta över cykelvägarna](karta.png)',
    '',
    '1. Först',
    '2. Sedan',
    '',
    '[^1]: Fotnotens text om källan.',
  ].join('\n');
  let d: ReadBack;
  let pub: Publication;
  before(async () => {
    pub = publication(analyze(TEXT, { fileName: 'prov.md' }).plan);
    d = await readBack(await publicationDocx(pub, { image: (url) => (url === 'karta.png' ? { data: PNG_1PX, type: 'png' } : undefined) }));
  });

  it('Should write a table with a header row', () => {
    assert.match(
      d.html,
      /<table><thead><tr><th><p><strong>Organ<\/strong><\/p><\/th><th><p><strong>Uppgift<\/strong><\/p><\/th><\/tr><\/thead><tbody><tr><td><p>Kommunstyrelsen<\/p><\/td>/,
    );
  });

  it('Should write footnotes as Word footnotes', async () => {
    assert.match(await d.part('word/footnotes.xml'), /Fotnotens text om källan\./);
    assert.match(await d.part('word/document.xml'), /<w:footnoteReference w:id="1"\/>/);
  });

  it('Should embed images with their alt text', async () => {
    assert.match(d.html, /<img alt="Karta över cykelvägarna" src="data:image\/png;base64,/);
    assert.ok(Object.keys(d.zip.files).some((n) => /^word\/media\/.+\.png$/.test(n)));
  });

  it('Should keep safe links and never a javascript: address; raw HTML stays text', async () => {
    assert.match(d.html, /<a href="https:\/\/example\.org\/plan">länk<\/a>/);
    const rels = await d.part('word/_rels/document.xml.rels');
    assert.ok(!/javascript:/i.test(rels));
    assert.ok(d.text.includes('farlig länk'));
    assert.ok(d.text.includes('<script>alert("x")</script>'), 'the raw HTML is shown as text');
    assert.ok(d.text.includes('Först') && d.text.includes('Sedan'));
  });

  it('Should write the alt text where an image cannot be read', async () => {
    const without = await readBack(await publicationDocx(pub));
    assert.ok(without.text.includes('[Bild: Karta över cykelvägarna]'));
    // An image without alt text (plan.image.missing-alt) that cannot be read: the word alone, no empty colon.
    const bare = await readBack(await publicationDocx(publication(analyze(TEXT.replace('![Karta över cykelvägarna]', '![]'), { fileName: 'prov.md' }).plan)));
    assert.ok(bare.text.includes('[Bild]') && !bare.text.includes('[Bild: ]'), bare.text);
  });
});

describe('Publishing as Word: hostile and unusual text', function () {
  this.timeout(30_000);

  it('Should write a hostile plan as text, in a package Word can read', async () => {
    const file = join(ROOT, 'test/fixtures-hostile/hostile.plan.md');
    const d = await readBack(await publicationDocx(publication(analyze(readFileSync(file, 'utf8'), { fileName: file }).plan)));
    assert.match(d.html, /^<h1><a id="title"><\/a>&lt;script&gt;alert\('rubrik'\)&lt;\/script&gt; Plan 2025–2028<\/h1>/);
    assert.match(await d.part('docProps/core.xml'), /<dc:title>&lt;script&gt;alert\(&apos;rubrik&apos;\)&lt;\/script&gt; Plan 2025–2028<\/dc:title>/);
    assert.ok(!/javascript:/i.test(await d.part('word/_rels/document.xml.rels')));
  });

  it('Should number an ordered list from its own first number, each list anew', async () => {
    const text = '---\ndokumenttyp: plan\n---\n# Titel\n\n## Avsnitt\n\n3. tre\n4. fyra\n\nText.\n\n1. ett\n2. två\n';
    const zip = await JSZip.loadAsync(await publicationDocx(publication(analyze(text, { fileName: 'x.md' }).plan)));
    const document = await zip.file('word/document.xml')!.async('string');
    const numbering = await zip.file('word/numbering.xml')!.async('string');
    const ids = [...document.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]);
    assert.equal(ids.length, 4);
    assert.equal(ids[0], ids[1]);
    assert.notEqual(ids[1], ids[2]);
    const startOf = (id: string) => new RegExp(`<w:num w:numId="${id}">.*?<w:startOverride w:val="(\\d+)"`).exec(numbering)?.[1];
    assert.equal(startOf(ids[0]), '3');
    assert.equal(startOf(ids[2]), '1');
  });

  it('Should leave out characters XML cannot hold (Word refuses such a file) and keep the rest', async () => {
    const text = '---\ndokumenttyp: plan\n---\n# Titel\n\n## Avsnitt\n\nEtt\u0001ord, ett\uFFFEtill, en \uD800ensam och en 🚲 cykel.\n';
    const bytes = await publicationDocx(publication(analyze(text, { fileName: 'x.md' }).plan));
    const xml = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    assert.ok(xml.includes('Ettord, etttill, en ensam och en 🚲 cykel.'), xml);
    assert.equal(xmlSafe('a\u0000b\tc\u000bd\uffffe\ud83d\udeb2'), 'ab\tcde\ud83d\udeb2');
  });
});
