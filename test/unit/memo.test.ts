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
  parseMarkdown,
  registerEntry,
  runsOf,
  setLocale,
  unitActions,
  type Analysis,
  type AnalyzeOptions,
  type Finding,
  type ParsedMarkdown,
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
    // Under a heading of its own: a run of blocks (memo.ts `runsOf`) apart from the one typed in.
    const text =
      '---\ndokumenttyp: plan\n---\n\n# Plan\n\n## Inledning\n\nFörsta stycket.\n\n## Mål\n\nVi skall tillskapa 2020-2024 något i hela kommunen och i varje stadsdel.\n';
    const first = analyze(text, { fileName: 'a.plan.md' });
    const moved = 'Ett nytt stycke överst.\n\n';
    const at = text.indexOf('Första');
    const next = text.slice(0, at) + moved + text.slice(at);
    const reused = analyze(next, { fileName: 'a.plan.md' }, first.plan.md);
    assert.ok(BlockMemo.of(reused.plan.md).hits >= 3, 'the run under "Mål" reused by the writing conventions, plain language and the register');
    const codes = ['plan.style.skall', 'plan.klarsprak.word', 'plan.style.year-range'];
    for (const code of codes) {
      const before = first.findings.find((f) => f.code === code);
      const after = reused.findings.find((f) => f.code === code);
      assert.ok(before && after, code);
      assert.equal(after.range.start, before.range.start + moved.length, code);
      assert.equal(next.slice(after.range.start, after.range.end), text.slice(before.range.start, before.range.end), code);
    }
  });

  it('Should read again only the run of blocks an edit is in, short ones included, and find every other run again', () => {
    const section = (n: number) => `## Avsnitt ${n}\n\nEtt stycke om avsnitt ${n}.\n\nEn kort rad.\n\n- en punkt\n- en till\n`;
    const text = `# Plan\n\nEn inledning, längre än de korta block som läses varje gång.\n\n${[1, 2, 3, 4, 5].map(section).join('\n')}`;
    const at = text.indexOf('avsnitt 3.') + 'avsnitt'.length;
    const edited = text.slice(0, at) + ' nummer' + text.slice(at);
    const read = (md: ParsedMarkdown, memo: BlockMemo) => {
      const starts: number[] = [];
      memo.blocks(
        'test',
        md.root.children,
        () => {},
        (node) => starts.push(node.position!.start.offset!),
      );
      return starts;
    };
    const before = parseMarkdown(text);
    assert.equal(read(before, new BlockMemo(before)).length, before.root.children.length);
    const after = parseMarkdown(edited);
    const memo = new BlockMemo(after, before);
    // The blocks under "## Avsnitt 3": its heading, its two paragraphs and its list.
    const under = after.root.children.filter(
      (n) => n.position!.start.offset! >= edited.indexOf('## Avsnitt 3') && n.position!.start.offset! < edited.indexOf('## Avsnitt 4'),
    );
    assert.equal(under.length, 4);
    assert.deepEqual(
      read(after, memo),
      under.map((n) => n.position!.start.offset!),
    );
    assert.equal(memo.misses, 1);
    assert.equal(memo.hits, 5, 'the title and the other four sections');
  });

  it('Should begin a run at each heading and after a block kept apart, and put the blocks kept apart in none', () => {
    const md = parseMarkdown('Inledande text.\n\n# Plan\n\nText.\n\n## Innehåll\n\n- a\n\n## Mål\n\nText.\n\nMer.\n');
    const types = md.root.children.map((n) => n.type);
    assert.deepEqual(types, ['paragraph', 'heading', 'paragraph', 'heading', 'list', 'heading', 'paragraph', 'paragraph']);
    assert.deepEqual(runsOf(md.root.children), [
      [0, 1],
      [1, 3],
      [3, 5],
      [5, 8],
    ]);
    // The section "Innehåll" (its heading and list) kept apart.
    assert.deepEqual(
      runsOf(md.root.children, (n) => n === md.root.children[3] || n === md.root.children[4]),
      [
        [0, 1],
        [1, 3],
        [5, 8],
      ],
    );
  });
});
