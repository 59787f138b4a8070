import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { analyze, applyEdits, fixesForFinding, setLocale, type Finding } from '../../server/src/core/index';
import { FIXTURES, fixtureFiles } from '../helpers/golden';

const key = (f: Finding, text: string) => `${f.code}@${text.slice(0, f.range.start).split('\n').length}`;

/** True when every character of `a` appears in `b` in order: nothing of `a` was dropped. */
function keepsText(a: string, b: string): boolean {
  let i = 0;
  for (const ch of b) if (ch === a[i]) i++;
  return i === a.length;
}

describe('Quick fixes', () => {
  before(() => setLocale('sv'));

  for (const file of fixtureFiles()) {
    const text = readFileSync(file, 'utf8');
    const findings = analyze(text, { fileName: file }).findings;
    const fixable = findings.filter((f) => fixesForFinding(text, f).length > 0);
    if (!fixable.length) continue;
    it(`Should fix each finding in ${relative(FIXTURES, file)} without new errors and without dropping text`, () => {
      for (const f of fixable) {
        const fix = fixesForFinding(text, f).find((x) => x.preferred) ?? fixesForFinding(text, f)[0];
        const after = applyEdits(text, fix.edits);
        const inserting = fix.edits.every((e) => e.range.start === e.range.end);
        if (inserting) assert.ok(keepsText(text, after), `${fix.title}: an insertion keeps all text`);
        else for (const e of fix.edits) assert.equal(after.slice(0, e.range.start), text.slice(0, e.range.start), `${fix.title}: text before the edit is kept`);
        const again = analyze(after, { fileName: file }).findings;
        const count = (list: Finding[]) => list.filter((g) => g.code === f.code && g.message === f.message).length;
        assert.ok(count(again) < count(findings), `${fix.title} removes “${f.message}”`);
        // Adding a missing key leaves its value to fill in: that is the same problem, one step on.
        const before = new Set([...findings.map((g) => g.code), ...(f.code === 'plan.frontmatter.missing-key' ? ['plan.frontmatter.empty-value'] : [])]);
        const newErrors = again.filter((g) => g.severity === 'error' && !before.has(g.code));
        assert.deepEqual(
          newErrors.map((g) => key(g, after)),
          [],
          `${fix.title} creates no new kind of error`,
        );
      }
    });
  }

  for (const eol of ['\r\n', '\r']) {
    it(`Should insert text in the document's own line endings (${JSON.stringify(eol)}) and fix the finding`, () => {
      let tried = 0;
      for (const file of fixtureFiles()) {
        const text = readFileSync(file, 'utf8').replace(/\r?\n/g, eol);
        for (const f of analyze(text, { fileName: file }).findings) {
          for (const fix of fixesForFinding(text, f)) {
            for (const e of fix.edits) {
              if (!/[\r\n]/.test(e.newText)) continue;
              tried++;
              const breaks = e.newText.match(/\r\n|\r|\n/g) ?? [];
              assert.ok(
                breaks.every((b) => b === eol),
                `${fix.title} in ${relative(FIXTURES, file)}: ${JSON.stringify(e.newText)}`,
              );
            }
            if (!fix.edits.every((e) => e.range.start === e.range.end)) continue;
            const after = applyEdits(text, fix.edits);
            assert.ok(keepsText(text, after), `${fix.title}: nothing dropped`);
            const same = (g: Finding) => g.code === f.code && g.message === f.message;
            const before = analyze(text, { fileName: file }).findings.filter(same).length;
            assert.ok(analyze(after, { fileName: file }).findings.filter(same).length < before, `${fix.title} removes “${f.message}”`);
          }
        }
      }
      assert.ok(tried > 10, `insertions with line breaks were tried (${tried})`);
    });
  }

  it('Should offer every suggestion for an unknown body and replace only the name', () => {
    const text = readFileSync(`${FIXTURES}/ansvar/actors.plan.md`, 'utf8');
    const f = analyze(text, { fileName: 'x.plan.md' }).findings.find((x) => x.code === 'plan.ansvar.unknown-body' && x.message.includes('Kulturnämden'))!;
    const fixes = fixesForFinding(text, f);
    assert.equal(fixes[0].title, 'Ersätt med ”Kulturnämnden”');
    assert.ok(applyEdits(text, fixes[0].edits).includes('- Kulturnämnden ska ordna konst i parkerna.'));
  });

  it('Should leave an Innehåll entry written as a link alone', () => {
    const text = readFileSync(`${FIXTURES}/toc/entries.plan.md`, 'utf8').replace('- 1.2. Flera träd', '- [1.2. Flera träd](#ambition-12-fler-träd)');
    const f = analyze(text, { fileName: 'x.plan.md' }).findings.find((x) => x.code === 'plan.toc.title-mismatch' && x.message.includes('Flera'))!;
    assert.deepEqual(fixesForFinding(text, f), []);
  });
});
