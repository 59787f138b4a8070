import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../server/src/cli/plan-check';

const ROOT = join(__dirname, '../..');
const EX = join(ROOT, 'examples');

async function check(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    code = await run(args, (s) => out.push(s), (s) => err.push(s));
  } catch (e) {
    err.push((e as Error).message);
    code = 2;
  }
  return { code, out, err };
}

describe('plan-check, the command line checker', () => {
  it('Should print file:line:col severity code message and exit 1 when there are errors', async () => {
    const r = await check(['--locale', 'sv', join(EX, 'halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md')]);
    assert.equal(r.code, 1);
    assert.ok(r.out.includes('examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md:4:1 error plan.frontmatter.empty-value Fältet ”diarienummer” är obligatoriskt men saknar värde. Skriv till exempel KS 2019/0123.'), r.out.join('\n'));
  });

  it('Should print an array of findings as JSON', async () => {
    const r = await check(['--format', 'json', '--locale', 'en', join(EX, 'halmstad')]);
    const rows = JSON.parse(r.out.join('\n')) as Array<Record<string, unknown>>;
    assert.ok(rows.length > 5);
    assert.deepEqual(Object.keys(rows[0]).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    assert.ok(rows.some((x) => x.code === 'plan.ansvar.no-actor' && String(x.message).startsWith('The action')));
    assert.ok(rows.every((x) => String(x.file).includes('attraktivitet')), 'the clean plan and the riktlinje have no findings');
  });

  it('Should exit 0 on clean plans, use a folder’s own template and registry, and skip non-plans', async () => {
    const r = await check([join(EX, 'halmstad/ren-plan.plan.md'), join(EX, 'asby'), join(EX, 'anteckningar.md')]);
    assert.deepEqual(r.out, []);
    assert.equal(r.code, 0);
  });

  it('Should say clearly when a path does not exist or an option is wrong', async () => {
    const r = await check(['--locale', 'sv', 'finns/inte.md']);
    assert.equal(r.code, 2);
    assert.deepEqual(r.err, ['plan-check: finns/inte.md: filen eller mappen finns inte.']);
    const bad = await check(['--format', 'xml', 'x.md']);
    assert.equal(bad.code, 2);
    assert.match(bad.err[0], /xml/);
    const none = await check([]);
    assert.equal(none.code, 2);
  });

  it('Should run as npx plan-check from the built bundle', () => {
    assert.ok(existsSync(join(ROOT, 'dist/cli.js')), 'dist/cli.js is built (npm test builds first; alone: npm run build)');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/plan-check.js'), '--locale', 'en', 'examples/halmstad/ren-plan.plan.md', 'nowhere.md'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nowhere\.md: no such file or folder/);
  });
});
