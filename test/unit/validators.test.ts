import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import * as generated from '../../server/src/core/data/validators.generated.js';
import { schemaKey, schemasSeen } from '../../server/src/core/datafile';
import { loadRegistry, loadTemplate, setLocale } from '../../server/src/core/index';
import { GENERATED_DTS, GENERATED_JS, validatorsModule } from '../../scripts/gen-validators';

const ROOT = join(__dirname, '../..');

describe('The precompiled JSON Schema validators', () => {
  before(() => setLocale('en'));

  it('Should be what scripts/gen-validators.ts makes of the schemas now (npm run build writes them)', async function () {
    this.timeout(60000);
    const { js, dts } = await validatorsModule();
    assert.equal(readFileSync(GENERATED_JS, 'utf8'), js, 'run npm run build');
    assert.equal(readFileSync(GENERATED_DTS, 'utf8'), dts, 'run npm run build');
  });

  it('Should have a validator for every schema the library validates against: no finding says one is missing', () => {
    const samples: Array<[string, (t: string, o: string) => { findings: Array<{ code: string }> }]> = [
      [readFileSync(join(ROOT, 'examples/asby/asby.planmall.yaml'), 'utf8'), loadTemplate],
      ['{"id": 1}', loadTemplate],
      [readFileSync(join(ROOT, 'examples/asby/asby.organisation.json'), 'utf8'), loadRegistry],
      [readFileSync(join(ROOT, 'examples/samverkan/samverkan.organisation.json'), 'utf8'), loadRegistry],
      ['{"organisations": [{"name": 1}]}', loadRegistry],
    ];
    for (const [text, load] of samples) assert.ok(!load(text, 'x').findings.some((f) => f.code === 'plan.internal'), text.slice(0, 60));
    assert.equal(schemasSeen().length, 3);
  });

  it('Should report the same errors as ajv compiling the schema at run time, as it did before', () => {
    const runtime = new Ajv({ allErrors: true, strict: false });
    const bad = [
      { id: 'X!', name: 3, frontMatter: [{ key: '', type: 'datum' }], sections: [{ id: 'a', titel: 'Syfte' }], colour: 'blue' },
      { municipality: 'X', bodies: [{ name: 'A', kind: 'nämnd', aliases: 'B' }] },
      { organisations: [{ name: 'X', bodies: 12 }], bodies: [] },
    ];
    for (const schema of schemasSeen()) {
      const compiled = runtime.compile(schema);
      const precompiled = (generated as Record<string, ValidateFunction>)[`v${schemaKey(schema)}`];
      for (const value of bad) {
        compiled(value);
        precompiled(value);
        const strip = (errors: typeof compiled.errors) =>
          (errors ?? []).map(({ instancePath, keyword, params, message }) => ({ instancePath, keyword, params, message }));
        assert.ok(strip(compiled.errors).length > 0);
        assert.deepEqual(strip(precompiled.errors), strip(compiled.errors));
      }
    }
  });
});
