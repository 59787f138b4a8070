import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actualFindings } from '../helpers/golden';

const EX = join(__dirname, '../../examples');

describe('The examples', () => {
  const reference = join(EX, 'halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md');

  it('Should find the reference plan’s Innehåll faults: ”stärkt” against ”starkt” and ”Levande” against ”levande”', () => {
    const f = actualFindings(reference).filter((x) => x.code === 'plan.toc.title-mismatch');
    assert.ok(
      f.some((x) => x.message.includes('1.2. Ett stärkt företagsklimat') && x.message.includes('Ett starkt företagsklimat')),
      'stärkt/starkt',
    );
    assert.ok(
      f.some((x) => x.message.includes('En Levande plats') && x.message.includes('En levande plats')),
      'Levande/levande',
    );
  });

  it('Should find the actions with no actor in Del 2’s Hur list', () => {
    const text = readFileSync(reference, 'utf8').split('\n');
    const noActor = actualFindings(reference).filter((x) => x.code === 'plan.ansvar.no-actor');
    assert.equal(noActor.length, 2);
    for (const f of noActor) assert.ok(text.indexOf('## Del 2. En levande plats') < f.line - 1, 'in Del 2');
  });

  it('Should report the reference plan’s empty diarienummer and validity dates', () => {
    const empty = actualFindings(reference)
      .filter((x) => x.code === 'plan.frontmatter.empty-value')
      .map((x) => x.message);
    assert.equal(empty.length, 3);
    assert.ok(empty.some((m) => m.includes('diarienummer')));
    assert.ok(empty.some((m) => m.includes('gäller-från')));
    assert.ok(empty.some((m) => m.includes('gäller-till')));
  });

  it('Should find nothing wrong with the clean plan and the riktlinje', () => {
    assert.deepEqual(actualFindings(join(EX, 'halmstad/ren-plan.plan.md')), []);
    assert.deepEqual(actualFindings(join(EX, 'halmstad/riktlinje-for-sociala-medier.md')), []);
  });

  it('Should leave a Markdown note that is not a plan alone', () => {
    assert.deepEqual(actualFindings(join(EX, 'anteckningar.md')), []);
  });
});
