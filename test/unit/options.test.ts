import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, setLocale } from '../../server/src/core/index';

const CONVENTIONS = readFileSync(join(__dirname, '../fixtures/style/conventions.plan.md'), 'utf8');
const REFERENCE = readFileSync(join(__dirname, '../../examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md'), 'utf8');
const codes = (text: string, opts = {}) => analyze(text, { fileName: 'x.plan.md', ...opts }).findings.map((f) => f.code);

describe('Check options', () => {
  before(() => setLocale('sv'));

  it('Should switch the writing-convention hints off together or one by one', () => {
    assert.equal(codes(CONVENTIONS).filter((c) => c.startsWith('plan.style.')).length, 5);
    assert.deepEqual(
      codes(CONVENTIONS, { style: false }).filter((c) => c.startsWith('plan.style.')),
      [],
    );
    const noSkall = codes(CONVENTIONS, { style: { skall: false } });
    assert.ok(!noSkall.includes('plan.style.skall'));
    assert.ok(noSkall.includes('plan.style.year-range'));
  });

  it('Should change a code’s severity or silence it', () => {
    const a = analyze(REFERENCE, { fileName: 'x.plan.md', severities: { 'plan.toc.title-mismatch': 'error', 'plan.ansvar.no-actor': 'off' } });
    assert.ok(a.findings.filter((f) => f.code === 'plan.toc.title-mismatch').every((f) => f.severity === 'error'));
    assert.ok(!a.findings.some((f) => f.code === 'plan.ansvar.no-actor'));
  });

  it('Should apply a configured diarienummer pattern instead of the loose default', () => {
    const text = REFERENCE.replace('diarienummer:', 'diarienummer: KS 2019/0123');
    assert.ok(!codes(text).includes('plan.frontmatter.diarienummer'));
    assert.ok(codes(text, { diarienummerPattern: '^KS-\\d{4}-\\d+$' }).includes('plan.frontmatter.diarienummer'));
  });

  it('Should accept the loose diarienummer forms municipalities use', () => {
    for (const dnr of [
      'KS 2019/0643',
      'TFN 2019/00027',
      'KS 2021/357',
      'KS2018/396',
      'RÄN-2018-0082',
      'Ks 7/2020',
      'KS/2015:207',
      '2013/649-UAN-010',
      'Dnr KS 2019/0123',
      'Diarienummer: KS 2019/0123',
    ]) {
      const text = REFERENCE.replace('diarienummer:', `diarienummer: "${dnr}"`);
      assert.ok(!codes(text).includes('plan.frontmatter.diarienummer'), dnr);
    }
    for (const bad of ['saknas', '2019', 'KS']) {
      assert.ok(codes(REFERENCE.replace('diarienummer:', `diarienummer: ${bad}`)).includes('plan.frontmatter.diarienummer'), bad);
    }
  });

  it('Should speak English when asked to', () => {
    setLocale('en');
    try {
      const m = analyze(REFERENCE, { fileName: 'x.plan.md' }).findings.find((f) => f.code === 'plan.frontmatter.empty-value')!.message;
      assert.equal(m, 'The required key “diarienummer” has no value. Expected e.g. KS 2019/0123.');
    } finally {
      setLocale('sv');
    }
  });
});
