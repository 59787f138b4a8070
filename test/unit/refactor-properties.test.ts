/**
 * Properties of every refactoring and of fix all, on every fixture and example and on randomly
 * damaged copies of them (lines and characters deleted or duplicated, with a seeded PRNG): each
 * changes only what it means to change, leaves the document parseable without new errors and
 * without new findings of the kind it fixes, and changes nothing when applied a second time.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  analyze,
  applyEdits,
  loadRegistry,
  loadTemplate,
  Registry,
  setLocale,
  TemplateSet,
  type AnalyzeOptions,
  type Finding,
} from '../../server/src/core/index';
import { allUnits } from '../../server/src/core/model';
import { unitSite } from '../../server/src/core/refs';
import { fixAll, regenerateToc, renameAt, renumber, SAFE_FIXES } from '../../server/src/core/refactor/index';
import { fixtureFiles } from '../helpers/golden';
import { seeded as prng } from '../helpers/random';

const ROOT = join(__dirname, '..', '..');

/** The text with a few lines and characters deleted or duplicated. */
function damage(text: string, random: () => number): string {
  let out = text;
  const n = 1 + Math.floor(random() * 5);
  for (let i = 0; i < n; i++) {
    const op = Math.floor(random() * 4);
    if (op < 2) {
      const lines = out.split('\n');
      const at = Math.floor(random() * lines.length);
      if (op === 0) lines.splice(at, 1);
      else lines.splice(at, 0, lines[at]);
      out = lines.join('\n');
    } else {
      const at = Math.floor(random() * out.length);
      out = op === 2 ? out.slice(0, at) + out.slice(at + 1) : out.slice(0, at) + out.slice(at, at + 1) + out.slice(at);
    }
  }
  return out;
}

/** The templates and registry in a file's own folder, as the editor would use them. */
function optionsFor(file: string): AnalyzeOptions {
  const dir = dirname(file);
  const names = readdirSync(dir);
  const templates = names.filter((n) => /\.planmall\.(json|ya?ml)$/.test(n)).map((n) => loadTemplate(readFileSync(join(dir, n), 'utf8'), n).template!);
  const registryFile = names.find((n) => /\.organisation\.(json|ya?ml)$/.test(n));
  const data = registryFile ? loadRegistry(readFileSync(join(dir, registryFile), 'utf8'), registryFile).registry : undefined;
  return {
    fileName: file,
    templates: templates.length ? new TemplateSet().withOverrides(templates) : undefined,
    registry: data ? new Registry(data) : undefined,
  };
}

function words(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of s.match(/\p{L}+/gu) ?? []) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

function countBy(findings: Finding[], keep: (f: Finding) => boolean): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (keep(f)) m.set(f.code, (m.get(f.code) ?? 0) + 1);
  return m;
}

/** No code has more findings in `after` than in `before`, among those `keep` selects. */
function assertNoMore(before: Finding[], after: Finding[], keep: (f: Finding) => boolean, what: string): void {
  const b = countBy(before, keep);
  for (const [code, n] of countBy(after, keep)) assert.ok(n <= (b.get(code) ?? 0), `${what}: ${code} ${b.get(code) ?? 0} → ${n}`);
}

const isError = (f: Finding) => f.severity === 'error';
const NUMBERING = /^plan\.(part|ambition)\.(numbering-gap|duplicate-number|wrong-part)$/;

interface Case {
  label: string;
  text: string;
  options: AnalyzeOptions;
}

function cases(): Array<{ file: string; cases: Case[] }> {
  const files = [...fixtureFiles(join(ROOT, 'test/fixtures')), ...fixtureFiles(join(ROOT, 'test/fixtures-hostile')), ...fixtureFiles(join(ROOT, 'examples'))];
  return files.map((file, i) => {
    const text = readFileSync(file, 'utf8');
    const options = optionsFor(file);
    const random = prng(1000 + i);
    const out: Case[] = [{ label: 'as it is', text, options }];
    for (let k = 1; k <= 5; k++) out.push({ label: `damaged #${k}`, text: damage(text, random), options });
    return { file, cases: out };
  });
}

function checkRenumber({ text, options, label }: Case): void {
  const before = analyze(text, options);
  const r = renumber(before.plan);
  for (const e of r.edits) {
    assert.match(text.slice(e.range.start, e.range.end), /^[\d.]*$/, `${label}: renumber replaces only numbers`);
    assert.match(e.newText, /^ ?\d+(?:\.\d+)*$/, `${label}: renumber writes only numbers`);
  }
  const out = applyEdits(text, r.edits);
  const after = analyze(out, options);
  assert.ok(!after.findings.some((f) => f.code === 'plan.internal'), `${label}: parses`);
  assertNoMore(before.findings, after.findings, isError, `${label}: renumber, errors`);
  assertNoMore(before.findings, after.findings, (f) => NUMBERING.test(f.code), `${label}: renumber, numbering`);
  assert.deepEqual(renumber(after.plan).edits, [], `${label}: renumber twice = once`);
}

function checkToc({ text, options, label }: Case): void {
  const before = analyze(text, options);
  const r = regenerateToc(before.plan);
  if (r.error) assert.deepEqual(r.edits, []);
  if (!r.edits.length) return;
  const toc = before.plan.toc!.section.range;
  const headingWords = new Set(before.plan.md.allSections.flatMap((s) => [...words(s.heading.text).keys()]));
  for (const e of r.edits) {
    assert.ok(e.range.start >= toc.start && e.range.end <= toc.end, `${label}: Innehåll only`);
    for (const w of words(e.newText.replace(/\(#[^)]*\)/g, '')).keys()) assert.ok(headingWords.has(w), `${label}: ${JSON.stringify(w)} comes from a heading`);
  }
  const out = applyEdits(text, r.edits);
  const after = analyze(out, options);
  assertNoMore(before.findings, after.findings, isError, `${label}: Innehåll, errors`);
  assertNoMore(before.findings, after.findings, (f) => f.code.startsWith('plan.toc.'), `${label}: Innehåll findings`);
  assert.deepEqual(regenerateToc(after.plan).edits, [], `${label}: Innehåll twice = once`);
  if (label === 'as it is')
    assert.deepEqual(
      after.findings.filter((f) => f.code.startsWith('plan.toc.')).map((f) => f.message),
      [],
      'an undamaged document: Innehåll as the check wants it',
    );
}

function checkFixAll({ text, options, label }: Case): void {
  const before = analyze(text, options);
  const edits = fixAll(text, options, before.findings);
  if (!edits.length) return;
  const out = applyEdits(text, edits);
  const after = analyze(out, options);
  assertNoMore(before.findings, after.findings, isError, `${label}: fix all, errors`);
  assertNoMore(before.findings, after.findings, (f) => SAFE_FIXES.has(f.code), `${label}: fix all, the findings it fixes`);
  // Words go only where a safe finding was: its range is what the fix replaces.
  const replaced = words(
    before.findings
      .filter((f) => SAFE_FIXES.has(f.code))
      .map((f) => text.slice(f.range.start, f.range.end))
      .join(' '),
  );
  const now = words(out);
  for (const [w, n] of words(text)) assert.ok((now.get(w) ?? 0) >= n - (replaced.get(w) ?? 0), `${label}: fix all keeps ${JSON.stringify(w)}`);
  assert.deepEqual(fixAll(out, options, after.findings), [], `${label}: fix all twice = once`);
}

/** Renames one unit's title and number and back: the text is the original again, and nothing else changed on the way. */
function checkRename({ text, options, label }: Case, random: () => number): void {
  const before = analyze(text, options);
  const units = allUnits(before.plan).filter((u) => u.number);
  if (!units.length) return;
  const u = units[Math.floor(random() * units.length)];
  const site = unitSite(before.plan, u);
  /** Renames what stands at `offset` (`from`) to `to`, then back at the same place. */
  const roundTrip = (offset: number, from: string, to: string) => {
    const there = renameAt(before.plan, offset, to);
    if (there.error) return;
    const out = applyEdits(text, there.edits);
    const moved = there.edits.filter((e) => e.range.end <= offset).reduce((d, e) => d + e.newText.length - (e.range.end - e.range.start), 0);
    const back = () => offset + moved;
    const after = analyze(out, options);
    assertNoMore(before.findings, after.findings, isError, `${label}: rename to ${to}, errors`);
    assert.deepEqual(renameAt(after.plan, back(), to).edits, [], `${label}: renaming to the same name changes nothing`);
    const home = renameAt(after.plan, back(), from);
    assert.equal(home.error, undefined, `${label}: rename back`);
    assert.equal(applyEdits(out, home.edits), text, `${label}: rename to ${to} and back`);
  };
  if (site.titleRange && !text.includes('Qzx')) {
    const to = 'Qzx nytt namn';
    roundTrip(site.titleRange.start, u.title, to);
  }
  // A number two units share cannot be given back once one of them has another.
  if (site.numberRange && u.number && !units.some((x) => x !== u && x.number === u.number)) {
    const to = u.number.replace(/\d+$/, '97');
    if (!text.includes(to)) roundTrip(site.numberRange.start, u.number, to);
  }
}

describe('Refactoring properties on every fixture and example, and on damaged copies', function () {
  this.timeout(120_000);
  before(() => setLocale('sv'));

  for (const { file, cases: all } of cases()) {
    it(`Should renumber, regenerate Innehåll, fix all and rename safely: ${basename(dirname(file))}/${basename(file)}`, () => {
      const random = prng(basename(file).length);
      for (const c of all) {
        checkRenumber(c);
        checkToc(c);
        checkFixAll(c);
        checkRename(c, random);
      }
    });
  }
});
