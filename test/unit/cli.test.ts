import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/plan-check';

const ROOT = join(__dirname, '../..');
const EX = join(ROOT, 'examples');

async function check(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    code = await run(
      args,
      (s) => out.push(s),
      (s) => err.push(s),
    );
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
    assert.ok(
      r.out.includes(
        'examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md:4:1 error plan.frontmatter.empty-value Fältet ”diarienummer” är obligatoriskt men saknar värde. Skriv till exempel KS 2019/0123.',
      ),
      r.out.join('\n'),
    );
  });

  it('Should print an array of findings as JSON', async () => {
    const r = await check(['--format', 'json', '--locale', 'en', join(EX, 'halmstad')]);
    const rows = JSON.parse(r.out.join('\n')) as Array<Record<string, unknown>>;
    assert.ok(rows.length > 5);
    assert.deepEqual(Object.keys(rows[0]).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    assert.ok(rows.some((x) => x.code === 'plan.ansvar.no-actor' && String(x.message).startsWith('The action')));
    assert.ok(
      rows.every((x) => String(x.file).includes('attraktivitet')),
      'the clean plan and the riktlinje have no findings',
    );
  });

  it('Should exit 0 on clean plans, use a folder’s own template and registry, and skip non-plans', async () => {
    const r = await check(['--locale', 'sv', join(EX, 'halmstad/ren-plan.plan.md'), join(EX, 'asby'), join(EX, 'anteckningar.md')]);
    assert.deepEqual(r.out, ['2 planer, 0 fel, 0 varningar; 1 fil är inte ett styrdokument']);
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
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/plan-check.js'), '--locale', 'en', 'examples/halmstad/ren-plan.plan.md', 'nowhere.md'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nowhere\.md: no such file or folder/);
  });

  it('Should end the options at --: a file named --foo after it is a file', async () => {
    const r = await check(['--locale', 'en', '--', '--foo', '--format']);
    assert.equal(r.code, 2);
    assert.deepEqual(r.err, ['plan-check: --foo: no such file or folder.', 'plan-check: --format: no such file or folder.']);
    const dir = mkdtempSync(join(tmpdir(), 'plan-cli-'));
    copyFileSync(join(EX, 'halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md'), join(dir, '--foo.plan.md'));
    const bin = spawnSync(process.execPath, [join(ROOT, 'bin/plan-check.js'), '--locale', 'sv', '--', '--foo.plan.md'], { cwd: dir, encoding: 'utf8' });
    assert.equal(bin.status, 1, bin.stderr);
    assert.match(bin.stdout, /^--foo\.plan\.md:4:1 error plan\.frontmatter\.empty-value /m);
  });

  it('Should reject an unknown option with exit code 2, in Swedish by default and in English with --locale en', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
    delete env.PLAN_LOCALE;
    const sv = spawnSync(process.execPath, [join(ROOT, 'bin/plan-check.js'), '--bogus', 'examples/'], { cwd: ROOT, encoding: 'utf8', env });
    assert.equal(sv.status, 2);
    assert.equal(sv.stdout, '');
    assert.match(sv.stderr, /^plan-check: Okänt alternativ --bogus\.\nAnvändning: plan-check /);
    const en = await check(['--bogus', '--locale', 'en', 'examples/']);
    assert.equal(en.code, 2);
    assert.deepEqual(en.out, []);
    assert.equal(en.err[0], 'plan-check: Unknown option --bogus.');
    assert.match(en.err[1], /^Usage: plan-check /);
    assert.equal((await check(['--locale', 'en', '--fromat', 'json', 'x.md'])).err[0], 'plan-check: Unknown option --fromat. Did you mean --format?');
    assert.equal((await check(['--locale', 'sv', '-x', 'x.md'])).err[0], 'plan-check: Okänt alternativ -x.');
    assert.equal((await check(['--locale', 'sv', '--style', 'x.md'])).err[0], 'plan-check: Okänt alternativ --style. Menade du --no-style?');
  });

  it('Should report a missing or superfluous option value and a bad size', async () => {
    const cases: Array<[string[], string]> = [
      [['--locale', 'en', 'x.md', '--template'], 'plan-check: The option --template needs a value.'],
      [['--locale', 'en', '--no-style=yes', 'x.md'], 'plan-check: The option --no-style takes no value.'],
      [['--locale', 'en', '--format=', 'x.md'], 'plan-check: Unknown format ; use text, json, sarif, github or gitlab.'],
      [['--locale', 'en', '--jobs', '0', 'x.md'], 'plan-check: The option --jobs needs a positive whole number; found 0.'],
      [['--locale', 'en', '--quiet', '--verbose', 'x.md'], 'plan-check: The options --quiet and --verbose exclude each other.'],
      [['--locale', 'sv', '--max-file-size', '12k', 'x.md'], 'plan-check: Alternativet --max-file-size behöver ett positivt heltal, men fick 12k.'],
      [['--locale', 'en', '--max-file-size=0', 'x.md'], 'plan-check: The option --max-file-size needs a positive whole number; found 0.'],
      [['--locale', 'en'], 'plan-check: Name at least one file or folder.'],
    ];
    for (const [args, message] of cases) {
      const r = await check(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.err[0], message);
    }
  });

  it('Should take --option=value, print the usage for --help and -h, and let the last --locale win', async () => {
    const plan = join(EX, 'halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md');
    const r = await check(['--format=json', '--locale=sv', '--locale=en', '--no-style', plan]);
    const rows = JSON.parse(r.out.join('\n')) as Array<{ code: string; message: string }>;
    assert.ok(rows.some((x) => x.code === 'plan.ansvar.no-actor' && x.message.startsWith('The action')));
    assert.ok(!rows.some((x) => x.code.startsWith('plan.style.')), '--no-style turns the style tips off');
    for (const help of ['--help', '-h']) {
      const h = await check(['--locale', 'en', help]);
      assert.equal(h.code, 0);
      assert.deepEqual(h.err, []);
      assert.match(h.out[0], /^Usage: plan-check .*--max-file-size N.* \[--\] <files or folders>$/);
    }
  });

  it('Should skip binary and too large files with a note, and not parse Markdown files that cannot be plans', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-cli-'));
    writeFileSync(join(dir, 'bild.plan.md'), 'PNG\u0000\u0001binary');
    writeFileSync(join(dir, 'stor.plan.md'), readFileSync(join(EX, 'halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md'), 'utf8'));
    writeFileSync(join(dir, 'README.md'), '# Anteckningar\n\nIngen plan här.\n');
    const r = await check(['--locale', 'en', '--max-file-size', '20000', dir]);
    assert.equal(r.code, 3, 'a file skipped is not a clean result');
    assert.deepEqual(r.out, ['0 plans, 0 errors, 0 warnings; 1 file is not a governing document; 2 files could not be checked']);
    assert.deepEqual(r.err, [
      `plan-check: ${join(dir, 'bild.plan.md')}: The file looks binary and is not checked.`,
      `plan-check: ${join(dir, 'stor.plan.md')}: The file is too large to check (${readFileSync(join(dir, 'stor.plan.md'), 'utf8').length} characters; the limit is 20000).`,
    ]);
  });
});
