/**
 * Findings reused block by block from the version before (server/src/core/memo.ts), property-tested:
 * chains of random edits on every fixture and example, each version analysed from the parse of the
 * one before, must give exactly the findings of a fresh analysis (message, range, severity, data and
 * related places), also when blocks move, when the language changes between versions and when the
 * settings silence a reused finding.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  allUnits,
  analyze,
  BlockMemo,
  registerEntry,
  setLocale,
  unitActions,
  type Analysis,
  type AnalyzeOptions,
  type Finding,
} from '../../server/src/core/index';
import { exampleFiles, fixtureFiles } from '../helpers/golden';
import { seeded as generator } from '../helpers/random';

const ROOT = join(__dirname, '../..');

const INSERTS = [
  ' se [riktlinjen](../riktlinjer/sociala-medier.md) ',
  'x',
  ' skall ',
  ' 2020-2024 ',
  ' tillskapa ',
  '\n',
  '\n\n',
  '## Ny rubrik\n',
  '- ',
  '![](bild.png)',
  ' ska tas fram. ',
  '```\n',
  '<!--',
  '### Ambition 1.9. Ny\n',
];

/** The model's actions and `Ansvar:` lines as features read them; an action's list item must be the one in its own version's tree. */
function model(a: Analysis): string {
  const items = new Set<unknown>();
  const walk = (n: { children?: unknown[] }) => {
    items.add(n);
    for (const c of n.children ?? []) walk(c as { children?: unknown[] });
  };
  walk(a.plan.md.root);
  return JSON.stringify(
    allUnits(a.plan).map((u) => [
      unitActions(u).map((x) => [
        x.text,
        x.range,
        x.actor?.body.name,
        x.actor?.range,
        x.unknownActor,
        x.subItems,
        x.item && items.has(x.item),
        x.item?.position?.start.offset,
      ]),
      u.ansvar,
    ]),
  );
}

const all = (f: Finding) => JSON.stringify([f.code, f.severity, f.range, f.message, f.data ?? null, f.related ?? null]);

describe('Findings reused from the version before', () => {
  after(() => setLocale('sv'));

  const files = [...fixtureFiles(), ...exampleFiles()];
  for (const [index, file] of files.entries()) {
    it(`Should find in ${relative(ROOT, file)}, version after version, exactly what a fresh analysis finds`, () => {
      setLocale('sv');
      const rnd = generator(7000 + index);
      let text = readFileSync(file, 'utf8');
      const options: AnalyzeOptions = { fileName: file };
      let last: Analysis = analyze(text, options);
      for (let step = 0; step < 25; step++) {
        const at = Math.floor(rnd() * (text.length + 1));
        const remove = rnd() < 0.3 ? Math.floor(rnd() * 6) : 0;
        text = text.slice(0, at) + INSERTS[Math.floor(rnd() * INSERTS.length)] + text.slice(Math.min(text.length, at + remove));
        // Now and then another language, or settings that silence codes the memo holds.
        if (step % 9 === 8) setLocale(step % 2 ? 'en' : 'sv');
        const o: AnalyzeOptions = step % 7 === 6 ? { ...options, severities: { 'plan.style.skall': 'off', 'plan.klarsprak.word': 'error' } } : options;
        const reused = analyze(text, o, last.plan.md);
        const fresh = analyze(text, o);
        assert.deepEqual(reused.findings.map(all), fresh.findings.map(all), `seed ${7000 + index}, step ${step}`);
        assert.equal(model(reused), model(fresh), `model, seed ${7000 + index}, step ${step}`);
        assert.deepEqual(registerEntry(reused.plan), registerEntry(fresh.plan), `register entry, seed ${7000 + index}, step ${step}`);
        last = reused;
      }
    });
  }

  it('Should read again only the blocks around a keystroke, and reuse the rest', () => {
    setLocale('sv');
    const file = join(ROOT, 'examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md');
    const text = readFileSync(file, 'utf8');
    const first = analyze(text, { fileName: file });
    const at = text.indexOf('Halmstad ska') + 3;
    const next = analyze(text.slice(0, at) + 'x' + text.slice(at), { fileName: file }, first.plan.md);
    const memo = BlockMemo.of(next.plan.md);
    assert.ok(memo.hits > 50, `${memo.hits} blocks reused`);
    assert.ok(memo.misses <= 12, `${memo.misses} blocks read again (the edited paragraph, its section and its unit, for each rule)`);
  });

  it('Should read a block again when only its last character changed, and not when text is typed right after it', () => {
    setLocale('sv');
    const text = '---\ndokumenttyp: plan\n---\n\n# Plan\n\n## Inledning\n\nVi vill tillskapa\n\nMer text.\n';
    const first = analyze(text, { fileName: 'a.plan.md' });
    assert.ok(first.findings.some((f) => f.code === 'plan.klarsprak.word'));
    const end = text.indexOf('tillskapa') + 'tillskapa'.length;
    const changed = text.slice(0, end - 1) + 'e' + text.slice(end); // "tillskape": no longer the word
    assert.ok(!analyze(changed, { fileName: 'a.plan.md' }, first.plan.md).findings.some((f) => f.code === 'plan.klarsprak.word'));
    const longer = text.slice(0, end) + 'nde' + text.slice(end); // "tillskapande": another form, or none
    // From a parse of its own: the one above took `first`'s over (incremental.ts).
    const again = analyze(text, { fileName: 'a.plan.md' });
    assert.deepEqual(analyze(longer, { fileName: 'a.plan.md' }, again.plan.md).findings.map(all), analyze(longer, { fileName: 'a.plan.md' }).findings.map(all));
  });

  it('Should move the findings of an unchanged paragraph with it when text is typed before it', () => {
    setLocale('sv');
    const text = '---\ndokumenttyp: plan\n---\n\n# Plan\n\n## Inledning\n\nFörsta stycket.\n\nVi skall tillskapa 2020-2024 något.\n';
    const first = analyze(text, { fileName: 'a.plan.md' });
    const moved = 'Ett nytt stycke överst.\n\n';
    const at = text.indexOf('Första');
    const next = text.slice(0, at) + moved + text.slice(at);
    const reused = analyze(next, { fileName: 'a.plan.md' }, first.plan.md);
    const codes = ['plan.style.skall', 'plan.klarsprak.word', 'plan.style.year-range'];
    for (const code of codes) {
      const before = first.findings.find((f) => f.code === code);
      const after = reused.findings.find((f) => f.code === code);
      assert.ok(before && after, code);
      assert.equal(after.range.start, before.range.start + moved.length, code);
      assert.equal(next.slice(after.range.start, after.range.end), text.slice(before.range.start, before.range.end), code);
    }
  });
});
