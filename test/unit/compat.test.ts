/** Version 1 template files keep working: the same findings with them as with today's built-in templates. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, loadTemplate, setLocale, TemplateSet } from '../../server/src/core/index';
import { fixtureFiles } from '../helpers/golden';

const ROOT = join(__dirname, '../..');
const COMPAT = join(ROOT, 'test/fixtures-compat');

function v1Templates(): TemplateSet {
  const loaded = ['plan-v1.planmall.json', 'riktlinje-v1.planmall.json'].map((f) => loadTemplate(readFileSync(join(COMPAT, f), 'utf8'), f));
  for (const l of loaded) assert.deepEqual(l.findings, [], 'a version 1 file is valid');
  return new TemplateSet().withOverrides(loaded.map((l) => l.template!));
}

/** Where and what, without the message: version 2 words some messages with the template's nouns and period. */
const shape = (text: string, fileName: string, templates?: TemplateSet) =>
  analyze(text, { fileName, templates }).findings.map((f) => `${f.range.start}-${f.range.end} ${f.code} ${f.severity}`);

/**
 * Codes that come from what today's built-in templates say and a version 1 file cannot: the
 * responsibility sections' statements, the follow-up section's checks and the indicators of a level.
 */
const TEMPLATE_DATA = /plan\.ansvar\.missing-statement|plan\.followup\.missing-detail|plan\.indicator\./;

describe('Version 1 template files', () => {
  before(() => setLocale('sv'));

  it('Should give every fixture and example the same findings as the built-in templates do', () => {
    const old = v1Templates();
    const files = [
      ...fixtureFiles(),
      ...['halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md', 'halmstad/ren-plan.plan.md', 'halmstad/riktlinje-for-sociala-medier.md'].map((f) =>
        join(ROOT, 'examples', f),
      ),
    ];
    assert.ok(files.length > 30);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const withOld = shape(text, file, old).filter((s) => !TEMPLATE_DATA.test(s));
      const withNew = shape(text, file).filter((s) => !TEMPLATE_DATA.test(s));
      assert.deepEqual(withOld, withNew, file);
    }
  });

  it('Should still write a version 1 Vad heading as the template gives it, and the new one with the plan’s period', () => {
    const text = readFileSync(join(ROOT, 'examples/halmstad/ren-plan.plan.md'), 'utf8').replace(/#### Vad behöver vi[^\n]*\n\n[^#]*/, '');
    const insert = (templates?: TemplateSet) =>
      String(analyze(text, { fileName: 'ren-plan.plan.md', templates }).findings.find((f) => f.code === 'plan.ambition.missing-section')?.data?.insertText);
    assert.match(insert(v1Templates()), /Vad behöver vi lyckas med de närmaste fyra åren/);
    assert.match(insert(), /Vad behöver vi lyckas med de närmaste tre åren/);
  });
});
