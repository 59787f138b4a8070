import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyze,
  completions,
  documentSymbols,
  DEFAULT_REGISTRY,
  foldingRanges,
  hover,
  setLocale,
  TemplateSet,
  type PlanSymbol,
} from '../../server/src/core/index';

const REFERENCE = readFileSync(join(__dirname, '../../examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md'), 'utf8');
const CLEAN = readFileSync(join(__dirname, '../fixtures/clean/clean.plan.md'), 'utf8');
const ctx = { registry: DEFAULT_REGISTRY, templates: new TemplateSet(), today: '2026-11-23' };

/** Completions at the `|` marker of `text`. */
function completeAt(textWithCursor: string, fileName = 'x.plan.md') {
  const offset = textWithCursor.indexOf('|');
  assert.ok(offset >= 0, 'the text needs a | cursor marker');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const a = analyze(text, { fileName });
  return { items: completions(a.plan, offset, ctx), text, offset };
}

function insertAfter(text: string, anchor: string, insert: string): string {
  const i = text.indexOf(anchor);
  assert.ok(i >= 0, `anchor not found: ${anchor}`);
  return text.slice(0, i + anchor.length) + insert + text.slice(i + anchor.length);
}

const names = (symbols: PlanSymbol[]) => symbols.map((s) => s.name);

describe('Document symbols', () => {
  before(() => setLocale('sv'));

  it('Should nest the title, parts, ambitions and Varför/Vad/Hur of the reference plan', () => {
    const symbols = documentSymbols(analyze(REFERENCE, { fileName: 'a.plan.md' }).plan);
    const title = symbols.find((s) => s.kind === 'document')!;
    assert.equal(title.name, 'Plan för attraktivitet och hållbar tillväxt 2020-2024');
    const parts = title.children.filter((s) => s.kind === 'part');
    assert.deepEqual(names(parts), ['Del 1. Utveckling som möjliggör', 'Del 2. En levande plats']);
    assert.deepEqual(names(parts[0].children.filter((c) => c.kind === 'ambition')), [
      'Ambition 1.1. Utbildning hela vägen',
      'Ambition 1.2. Ett starkt företagsklimat',
      'Ambition 1.3. Utveckla Halmstad som attraktiv regional nod',
    ]);
    const a11 = parts[0].children[0];
    assert.deepEqual(
      a11.children.map((c) => c.kind),
      ['subsection', 'subsection', 'subsection'],
    );
    assert.match(a11.children[2].detail ?? '', /^4 /, 'Hur of 1.1 has four actions');
    assert.ok(title.children.some((s) => s.kind === 'section' && s.name === 'Ansvar för planen'));
  });

  it('Should say in the detail what an ambition lacks', () => {
    const text = CLEAN.replace(/#### Hur\?\n\n- Teknik- och fritidsnämnden ska anlägga parker\.\n- Byggnadsnämnden ska planera för grönska\.\n/, '');
    const symbols = documentSymbols(analyze(text, { fileName: 'x.plan.md' }).plan);
    const amb = symbols.find((s) => s.kind === 'document')!.children.find((s) => s.kind === 'part')!.children[0];
    assert.equal(amb.name, 'Ambition 1.1. Fler parker');
    assert.match(amb.detail ?? '', /saknar Hur/);
  });

  it('Should give no symbols and no folding for a Markdown file that is not a plan', () => {
    const a = analyze('# Anteckningar\n\n## Del 1. Något\n\n### Ambition 1.1. X\n', { fileName: 'notes.md' });
    assert.deepEqual(documentSymbols(a.plan), []);
    assert.deepEqual(foldingRanges(a.plan), []);
  });

  it('Should fold the front matter and every section', () => {
    const folds = foldingRanges(analyze(CLEAN, { fileName: 'x.plan.md' }).plan);
    assert.ok(
      folds.some((f) => f.startLine === 0 && f.endLine === 13),
      'front matter folds',
    );
    assert.ok(folds.length > 15);
  });
});

describe('Completion', () => {
  before(() => setLocale('sv'));

  it('Should offer the registry’s bodies where an action begins, with compounds whole', () => {
    const { items, text, offset } = completeAt(insertAfter(CLEAN, '- Byggnadsnämnden ska planera för grönska.\n', '- barn- och|\n'));
    const bun = items.find((i) => i.label === 'Barn- och ungdomsnämnden');
    assert.ok(bun, 'Barn- och ungdomsnämnden offered');
    assert.equal(text.slice(bun!.range.start, bun!.range.end), 'barn- och', 'the whole compound is replaced');
    assert.equal(bun!.range.end, offset);
    assert.ok(
      items.some((i) => i.label === 'HFAB' && i.insertText.startsWith('Halmstads Fastighets AB')),
      'aliases lead to the full name',
    );
  });

  it('Should offer bodies after Ansvar: and after a comma, in lower case mid-sentence', () => {
    const { items } = completeAt(insertAfter(CLEAN, '### Ambition 1.2. Fler träd\n', '\nAnsvar: Kommunstyrelsen, |\n'));
    const kfn = items.find((i) => i.label === 'kulturnämnden');
    assert.ok(kfn, 'kulturnämnden offered in lower case');
    assert.ok(
      items.some((i) => i.label === 'Halmstads Fastighets AB'),
      'a bolag keeps its capitals',
    );
  });

  it('Should list ambitions for a cross-reference “ambition 1.”', () => {
    const { items } = completeAt(insertAfter(CLEAN, 'Staden växer.', ' Se ambition 1.|'));
    assert.deepEqual(
      items.map((i) => i.label),
      ['1.1', '1.2'],
    );
    assert.equal(items[0].detail, 'Fler parker');
  });

  it('Should give the next free ambition number when an ambition heading is typed', () => {
    const { items } = completeAt(insertAfter(CLEAN, '- Byggnadsnämnden ska planera för grönska.\n', '\n### Amb|\n'));
    const next = items.find((i) => i.kind === 'ambition');
    assert.equal(next?.label, 'Ambition 1.3.');
    assert.ok(next!.insertText.startsWith('### Ambition 1.3. '));
    const snippet = items.find((i) => i.kind === 'snippet');
    assert.ok(snippet?.insertText.includes('#### Varför är ambitionen viktig?'));
    assert.ok(snippet?.insertText.includes('#### Hur?'));
  });

  it('Should offer the template’s missing sections at the document’s heading level', () => {
    const text = CLEAN.replace('## Resurser\n\nÅtagandena ryms inom nämndernas budget.\n\n', '');
    const { items } = completeAt(insertAfter(text, 'Kommunstyrelsen ansvarar för att leda, samordna och följa upp planen.\n', '\n##|\n'));
    const resurser = items.find((i) => i.label === 'Resurser');
    assert.ok(resurser, 'Resurser offered');
    assert.equal(resurser!.insertText, '## Resurser\n\n');
    assert.ok(!items.some((i) => i.label === 'Uppföljning'), 'present sections are not offered');
  });

  it('Should complete front-matter keys and values', () => {
    const noKey = CLEAN.replace('beslutsdatum: 2024-11-28\n', 'besl|\n');
    const keys = completeAt(noKey).items;
    assert.ok(keys.some((i) => i.label === 'beslutsdatum'));
    assert.ok(!keys.some((i) => i.label === 'titel'), 'present keys are not offered again');
    const bool = completeAt(CLEAN.replace('gäller-bolag: nej', 'gäller-bolag: |')).items;
    assert.deepEqual(
      bool.map((i) => i.label),
      ['ja', 'nej'],
    );
    const type = completeAt(CLEAN.replace('dokumenttyp: plan', 'dokumenttyp: |')).items;
    assert.deepEqual(type.map((i) => i.label).sort(), ['plan', 'riktlinje', 'rutin']);
    const date = completeAt(CLEAN.replace('beslutsdatum: 2024-11-28', 'beslutsdatum: |')).items;
    assert.deepEqual(
      date.map((i) => i.label),
      ['2026-11-23'],
    );
    const body = completeAt(CLEAN.replace('beslutad-av: Kommunfullmäktige', 'beslutad-av: kommunst|')).items;
    assert.ok(body.some((i) => i.label === 'Kommunstyrelsen'));
  });

  it('Should offer nothing in a Markdown file that is not a plan', () => {
    assert.deepEqual(completeAt('# Hej\n\n- |\n', 'notes.md').items, []);
  });
});

describe('Hover', () => {
  before(() => setLocale('sv'));

  it('Should show a body’s kind and förvaltning', () => {
    const offset = CLEAN.indexOf('Teknik- och fritidsnämnden ska') + 3;
    const h = hover(analyze(CLEAN, { fileName: 'x.plan.md' }).plan, offset, DEFAULT_REGISTRY);
    assert.ok(h);
    assert.match(h!.contents, /\*\*Teknik- och fritidsnämnden\*\* \(nämnd\)/);
    assert.match(h!.contents, /Teknik- och fritidsförvaltningen/);
  });

  it('Should show the template’s guidance for the section under the cursor', () => {
    const offset = CLEAN.indexOf('Grönska ger hälsa.');
    const h = hover(analyze(CLEAN, { fileName: 'x.plan.md' }).plan, offset, DEFAULT_REGISTRY);
    assert.match(h!.contents, /Varför är ambitionen viktig\?/);
    const r = hover(analyze(CLEAN, { fileName: 'x.plan.md' }).plan, CLEAN.indexOf('Åtagandena ryms'), DEFAULT_REGISTRY);
    assert.match(r!.contents, /finansieras/);
  });

  it('Should describe a front-matter key', () => {
    const h = hover(analyze(CLEAN, { fileName: 'x.plan.md' }).plan, CLEAN.indexOf('gäller-till') + 2, DEFAULT_REGISTRY);
    assert.match(h!.contents, /\*\*gäller-till\*\*/);
  });

  it('Should speak English when the locale is English', () => {
    setLocale('en');
    try {
      const h = hover(analyze(CLEAN, { fileName: 'x.plan.md' }).plan, CLEAN.indexOf('Åtagandena ryms'), DEFAULT_REGISTRY);
      assert.match(h!.contents, /funded/);
    } finally {
      setLocale('sv');
    }
  });
});

describe('Completion at the edges of the front matter', () => {
  it('Should offer no keys on the closing --- line, and keys on the line before it', () => {
    const text = CLEAN.replace('processhänvisning:\n---', 'processhänvisning:\n\n---');
    const closing = text.indexOf('\n---', 10) + 1;
    const a = analyze(text, { fileName: 'x.plan.md' });
    assert.deepEqual(
      completions(a.plan, closing, ctx).filter((c) => c.kind === 'key'),
      [],
    );
    assert.ok(completions(a.plan, closing - 1, ctx).some((c) => c.label === 'beslutsparagraf'));
  });
});
