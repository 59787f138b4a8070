/** Navigation and refactoring of parts and ambitions: references, rename, renumber, Innehåll regenerated, fix all, code lenses. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, applyEdits, loadTemplate, setLocale, TemplateSet, type Analysis } from '../../server/src/core/index';
import { findReferences, foreignReferences } from '../../server/src/core/refs';
import {
  fixAll,
  foreignRenameEdits,
  lenses,
  prepareRename,
  regenerateToc,
  renameAt,
  renumber,
  SAFE_FIXES,
  targetsOf,
} from '../../server/src/core/refactor/index';

const ROOT = join(__dirname, '..', '..');
const CLEAN = readFileSync(join(ROOT, 'examples/halmstad/ren-plan.plan.md'), 'utf8');
const REFERENCE = readFileSync(join(ROOT, 'examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md'), 'utf8');
const NUMBERING = readFileSync(join(ROOT, 'test/fixtures/ambitions/numbering.plan.md'), 'utf8');
const FILE = 'cykling.plan.md';

/** The clean plan with references in its Bakgrund: to ambition 1.2, to Del 2 with its title, a link to 2.1, and what is no reference. */
const WITH_REFS = CLEAN.replace(
  '## Bakgrund\n',
  '## Bakgrund\n\nSe ambition 1.2 och Del 2. En plats att cykla till. Mer i [ambition 2.1](#ambition-21-bra-cykelparkering-vid-målpunkter). ' +
    'Inte `ambition 1.1` i kod, inte ambition 9.9 och inte ambitionen1.1.\n',
);

function plan(text: string, fileName = FILE, templates?: TemplateSet): Analysis {
  return analyze(text, { fileName, templates });
}

function slices(text: string, ranges: Array<{ start: number; end: number }>): string[] {
  return ranges.map((r) => text.slice(r.start, r.end));
}

function codes(text: string, fileName = FILE): string[] {
  return plan(text, fileName)
    .findings.map((f) => f.code)
    .sort();
}

describe('Refactoring: references to parts and ambitions', () => {
  before(() => setLocale('sv'));

  it('Should find references in the text, in Innehåll and in links, and not in code, definitions or to numbers no unit has', () => {
    const refs = findReferences(plan(WITH_REFS).plan);
    const found = refs.map((r) => `${r.kind} ${r.unit.number} ${WITH_REFS.slice(r.range.start, r.range.end)}`);
    assert.deepEqual(found.filter((x) => x.startsWith('text')).sort(), ['text 1.2 ambition 1.2', 'text 2 Del 2', 'text 2.1 ambition 2.1']);
    assert.deepEqual(
      found.filter((x) => x.startsWith('anchor')),
      ['anchor 2.1 ambition-21-bra-cykelparkering-vid-målpunkter'],
    );
    assert.equal(found.filter((x) => x.startsWith('toc')).length, 5, 'two parts and three ambitions in Innehåll');
    const del2 = refs.find((r) => r.kind === 'text' && r.unit.number === '2')!;
    assert.equal(WITH_REFS.slice(del2.titleRange!.start, del2.titleRange!.end), 'En plats att cykla till', 'the title after the reference');
  });

  it('Should take the words from the template: a template’s “Mål 1.2” is a reference, “ambition 1.2” is not', () => {
    const dir = join(ROOT, 'examples/asby');
    const tpl = loadTemplate(readFileSync(join(dir, 'asby.planmall.yaml'), 'utf8'), 'asby').template!;
    const text = readFileSync(join(dir, 'handlingsplan-trygghet.md'), 'utf8').replace(
      '## Syfte\n',
      '## Syfte\n\nSe mål 1.2 och fokusområde 1, inte ambition 1.2.\n',
    );
    const refs = findReferences(plan(text, 'handlingsplan-trygghet.md', new TemplateSet().withOverrides([tpl])).plan).filter((r) => r.kind === 'text');
    assert.deepEqual(
      slices(
        text,
        refs.map((r) => r.range),
      ),
      ['mål 1.2', 'fokusområde 1'],
    );
  });

  it('Should leave a reference to a number two units share unresolved', () => {
    const text = NUMBERING.replace('## Bakgrund\n', '## Bakgrund\n\nSe ambition 1.1.\n');
    const refs = findReferences(plan(text).plan).filter((r) => r.kind === 'text');
    assert.deepEqual(refs, []);
  });

  it('Should find references in another document only in a passage that names the plan', () => {
    const targets = targetsOf(plan(CLEAN).plan, '/ws/' + FILE);
    const other = 'Enligt Plan för cykling 2025–2028, ambition 1.2, ska skolorna …\n\nOch ambition 1.2 i en annan plan.\n\nSe KS 2024/0412 Del 2.\n';
    const refs = foreignReferences(other, targets);
    assert.deepEqual(
      slices(
        other,
        refs.map((r) => r.range),
      ),
      ['ambition 1.2', 'Del 2'],
    );
  });
});

describe('Refactoring: rename', () => {
  before(() => setLocale('sv'));

  it('Should rename an ambition’s title in its heading, Innehåll, after references and in links to the heading', () => {
    const a = plan(WITH_REFS);
    const at = WITH_REFS.indexOf('Bra cykelparkering vid målpunkter');
    assert.deepEqual(prepareRename(a.plan, at + 3), { range: { start: at, end: at + 33 }, placeholder: 'Bra cykelparkering vid målpunkter' });
    const r = renameAt(a.plan, at + 3, 'Cykelparkering överallt');
    assert.equal(r.error, undefined);
    const out = applyEdits(WITH_REFS, r.edits);
    assert.ok(out.includes('### Ambition 2.1. Cykelparkering överallt'));
    assert.ok(out.includes('  - 2.1. Cykelparkering överallt'));
    assert.ok(out.includes('[ambition 2.1](#ambition-21-cykelparkering-överallt)'));
    assert.ok(!out.includes('Bra cykelparkering vid målpunkter'));
    assert.deepEqual(codes(out), codes(WITH_REFS), 'no finding more or less');
    assert.deepEqual(r.changes, [
      { level: 1, number: '2.1', newNumber: undefined, title: 'Bra cykelparkering vid målpunkter', newTitle: 'Cykelparkering överallt' },
    ]);
  });

  it('Should renumber a part with its ambitions from a reference, and keep every reference in step', () => {
    const a = plan(WITH_REFS);
    const at = WITH_REFS.indexOf('Del 2. En plats att cykla till. Mer');
    assert.deepEqual(prepareRename(a.plan, at + 1), { range: { start: at + 4, end: at + 5 }, placeholder: '2' });
    const r = renameAt(a.plan, at + 1, '3');
    const out = applyEdits(WITH_REFS, r.edits);
    for (const s of [
      '## Del 3. En plats att cykla till',
      '### Ambition 3.1. Bra',
      '- Del 3. En plats',
      '  - 3.1. Bra',
      'Se ambition 1.2 och Del 3. En plats',
      '[ambition 3.1](#ambition-31-bra-cykelparkering-vid-målpunkter)',
    ])
      assert.ok(out.includes(s), s);
    // Only numbers and link targets change: the text without digits is the same, link targets aside.
    const strip = (s: string) => s.replace(/\(#[^)]*\)/g, '').replace(/\d/g, '');
    assert.equal(strip(out), strip(WITH_REFS));
  });

  it('Should refuse a number in use, a number of the wrong form, an empty title and a place with no unit', () => {
    const a = plan(WITH_REFS);
    const at = WITH_REFS.indexOf('### Ambition 1.2') + 14;
    assert.match(renameAt(a.plan, at, '1.1').error!, /1\.1 används redan/);
    assert.match(renameAt(a.plan, at, '7').error!, /N\.N/);
    const title = WITH_REFS.indexOf('Trygg cykling för barn');
    assert.match(renameAt(a.plan, title, '  ').error!, /en rad/);
    const nowhere = WITH_REFS.indexOf('Kommunfullmäktige har antagit');
    assert.ok('error' in prepareRename(a.plan, nowhere));
    assert.ok(renameAt(a.plan, nowhere, 'x').error);
  });

  it('Should rename an unnumbered unit’s title from anywhere in its heading', () => {
    const dir = join(ROOT, 'examples/norrby');
    const tpl = loadTemplate(readFileSync(join(dir, 'strategi.planmall.yaml'), 'utf8'), 'norrby').template!;
    const text = readFileSync(join(dir, 'bostadsstrategi.strategi.md'), 'utf8');
    const a = plan(text, 'bostadsstrategi.strategi.md', new TemplateSet().withOverrides([tpl]));
    const at = text.indexOf('### Fler hyresrätter');
    assert.deepEqual(prepareRename(a.plan, at), { range: { start: at + 4, end: at + 20 }, placeholder: 'Fler hyresrätter' });
    assert.equal(
      applyEdits(text, renameAt(a.plan, at, 'Fler hyresrätter i hela kommunen').edits),
      text.replace('### Fler hyresrätter', '### Fler hyresrätter i hela kommunen'),
    );
  });

  it('Should follow a rename in another document’s passages that name the plan', () => {
    const a = plan(CLEAN);
    const r = renameAt(a.plan, CLEAN.indexOf('### Ambition 1.2') + 14, '1.5');
    const other = 'Enligt Plan för cykling 2025–2028, ambition 1.2. Trygg cykling för barn och unga, ska …\n\nOch ambition 1.2 i en annan plan.\n';
    const out = applyEdits(other, foreignRenameEdits(other, targetsOf(a.plan, FILE), r.changes));
    assert.equal(out, other.replace('ambition 1.2.', 'ambition 1.5.'));
  });
});

describe('Refactoring: renumber, Innehåll, fix all, code lenses', () => {
  before(() => setLocale('sv'));

  it('Should renumber parts and ambitions in sequence, Innehåll and references with them, and change nothing the second time', () => {
    const text = NUMBERING.replace('## Bakgrund\n', '## Bakgrund\n\nSe ambition 1.3.\n');
    const r = renumber(plan(text).plan);
    const out = applyEdits(text, r.edits);
    assert.ok(out.includes('### Ambition 1.2. Fler träd') && out.includes('  - 1.2. Fler träd') && out.includes('Se ambition 1.2.'));
    assert.ok(out.includes('### Ambition 2.1. Renare sjöar'));
    const numbering = (s: string) => codes(s).filter((c) => /numbering|duplicate|wrong-part/.test(c));
    assert.ok(numbering(text).length > 0);
    assert.deepEqual(numbering(out), []);
    assert.deepEqual(renumber(plan(out).plan).edits, []);
  });

  it('Should regenerate Innehåll from the headings in its own style, leaving nothing for the Innehåll check', () => {
    const r = regenerateToc(plan(REFERENCE).plan);
    const out = applyEdits(REFERENCE, r.edits);
    assert.ok(out.includes('- Inledning: Vi spelar roll!\n'));
    assert.ok(out.includes('- Del 2. En levande plats\n  - 2.1. Halmstad'));
    assert.ok(out.includes('  - 1.2. Ett starkt företagsklimat'));
    assert.deepEqual(
      codes(out).filter((c) => c.startsWith('plan.toc.')),
      [],
    );
    assert.deepEqual(regenerateToc(plan(out).plan).edits, []);
  });

  it('Should keep an ordered, linked, flat Innehåll ordered, linked and flat', () => {
    const toc = /## Innehåll\n\n[\s\S]*?\n\n/.exec(CLEAN)![0];
    const text = CLEAN.replace(
      toc,
      '## Innehåll\n\n1) [Inledning](#inledning)\n2) [Del 1. Fler väljer cykeln](#del-1-fler-väljer-cykeln)\n3) [1.1. Ett](#x)\n\n',
    );
    const out = applyEdits(text, regenerateToc(plan(text).plan).edits);
    assert.ok(out.includes('1) [Inledning](#inledning)\n2) [Gemensamt ansvar](#gemensamt-ansvar)\n'), out.slice(0, 2000));
    assert.ok(out.includes(') [1.1. Ett sammanhängande cykelnät](#ambition-11-ett-sammanhängande-cykelnät)\n'));
    assert.deepEqual(
      codes(out).filter((c) => c.startsWith('plan.toc.')),
      [],
    );
  });

  it('Should refuse an Innehåll pasted from Word and fill an empty one', () => {
    const word = readFileSync(join(ROOT, 'test/fixtures/toc/pasted-from-word.plan.md'), 'utf8');
    assert.ok(regenerateToc(plan(word).plan).error);
    const toc = /## Innehåll\n\n[\s\S]*?\n\n/.exec(CLEAN)![0];
    const empty = CLEAN.replace(toc, '## Innehåll\n\n');
    const out = applyEdits(empty, regenerateToc(plan(empty).plan).edits);
    assert.equal(out, CLEAN, 'the clean plan’s own Innehåll, nested by two spaces');
  });

  it('Should apply every safe fix and only those, and change nothing the second time', () => {
    assert.deepEqual([...SAFE_FIXES.keys()].sort(), ['plan.style.skall', 'plan.style.year-range', 'plan.toc.missing-entry', 'plan.toc.title-mismatch']);
    const before = codes(REFERENCE);
    const out = applyEdits(REFERENCE, fixAll(REFERENCE, { fileName: FILE }));
    const after = codes(out);
    for (const code of SAFE_FIXES.keys()) assert.equal(after.filter((c) => c === code).length, 0, code);
    // Every other finding is still there.
    assert.deepEqual(
      after.filter((c) => !SAFE_FIXES.has(c)),
      before.filter((c) => !SAFE_FIXES.has(c)),
    );
    assert.deepEqual(fixAll(out, { fileName: FILE }), []);
  });

  it('Should count actions, actors and references on each unit’s heading', () => {
    const titles = lenses(plan(WITH_REFS).plan).map((l) => l.title);
    assert.equal(titles.length, 5);
    assert.match(titles[0], /^7 åtgärder · 4 aktörer · 1 hänvisning$/, 'Del 1: its Innehåll entry');
    assert.match(titles[2], /^\d+ åtgärder? · \d+ aktörer? · 2 hänvisningar$/, 'ambition 1.2: Innehåll and the text');
    assert.match(titles[3], /· 2 hänvisningar$/, 'Del 2: Innehåll and the text');
  });
});
