import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { githubData, githubProperty, type Row } from '../../server/src/cli/format';
import { run, summary } from '../../server/src/cli/plan-check';
import { ALL_CODES, setLocale } from '../../server/src/core/index';
import { TODAY } from '../helpers/today';

const ROOT = join(__dirname, '../..');
const EX = join(ROOT, 'examples');
/** The arguments with validity judged on TODAY, unless they name a day themselves (the examples' documents expire). */
const onToday = (args: string[]) => (args.includes('--today') ? args : ['--today', TODAY, ...args]);

/** Temporary folders of these tests, removed after them. */
const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plan-cli-'));
  temporary.push(dir);
  return dir;
}
after(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function check(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    code = await run(
      onToday(args),
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
    const dir = tempDir();
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
    const dir = tempDir();
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

/** The built command line (npm run build), run as a user runs it. */
const CLI = join(ROOT, 'dist/cli.js');

function cli(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string; lines: string[] } {
  const r = spawnSync(process.execPath, [CLI, ...onToday(args)], { cwd, encoding: 'utf8', timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.split('\n').filter(Boolean) };
}

describe('plan-check on files, folders and pipes', () => {
  let tmp: string;
  before(() => {
    assert.ok(existsSync(CLI), 'dist/cli.js is built (npm run build)');
    tmp = mkdtempSync(join(tmpdir(), 'plan-cli-'));
  });
  after(() => {
    // Deep folders (below) are beyond rmSync's path length: rm walks them relative to each other.
    spawnSync('rm', ['-rf', tmp]);
    if (existsSync(tmp)) rmSync(tmp, { recursive: true, force: true });
  });
  const folder = (name: string) => {
    const dir = join(tmp, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const mkfifo = (file: string) => spawnSync('mkfifo', [file]).status === 0;

  it('Should skip a FIFO named as a plan with a message and exit 3, not wait for a writer', function () {
    const dir = folder('fifo');
    // Windows has no FIFOs: the only skip. Elsewhere mkfifo must work.
    if (process.platform === 'win32') this.skip(); // Windows has no FIFOs to test with (its named pipes are no files)
    assert.ok(mkfifo(join(dir, 'rör.plan.md')), 'mkfifo made the FIFO');
    const started = Date.now();
    const r = cli(['--locale', 'en', 'rör.plan.md'], dir);
    assert.ok(Date.now() - started < 20000, 'no hang');
    assert.equal(r.status, 3);
    assert.equal(r.stderr, 'plan-check: rör.plan.md: The file is not a regular file (it is a folder, device or pipe) and is not read.\n');
    assert.deepEqual(r.lines, ['0 plans, 0 errors, 0 warnings; 1 file could not be checked']);
  });

  it('Should report a FIFO given as --template as a template that cannot be read, and check the plan without it', function () {
    const dir = folder('fifo-template');
    // Windows has no FIFOs: the only skip. Elsewhere mkfifo must work.
    if (process.platform === 'win32') this.skip(); // Windows has no FIFOs to test with (its named pipes are no files)
    assert.ok(mkfifo(join(dir, 'mall.planmall.json')), 'mkfifo made the FIFO');
    const r = cli(['--locale', 'en', '--template', 'mall.planmall.json', join(EX, 'halmstad/ren-plan.plan.md')], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(r.lines, [
      'mall.planmall.json:1:1 error template.syntax The file is not a regular file (it is a folder, device or pipe) and is not read.',
      '1 plan, 1 error, 0 warnings',
    ]);
  });

  it('Should find the template and registry beside a plan when run from another folder, and ignore broken templates in the current one', () => {
    const kommun = folder('upward/asby');
    copyFileSync(join(EX, 'asby/asby.planmall.yaml'), join(kommun, 'asby.planmall.yaml'));
    copyFileSync(join(EX, 'asby/asby.organisation.json'), join(kommun, 'asby.organisation.json'));
    const year = folder('upward/asby/2026');
    copyFileSync(join(EX, 'asby/handlingsplan-trygghet.md'), join(year, 'handlingsplan-trygghet.md'));
    const elsewhere = folder('upward/annanstans');
    writeFileSync(join(elsewhere, 'trasig.planmall.json'), '{ "id": ');
    const r = cli(['--locale', 'en', '--verbose', '../asby/2026/handlingsplan-trygghet.md'], elsewhere);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(r.lines, ['1 plan, 0 errors, 0 warnings']);
    assert.match(r.stderr, /asby\.planmall\.yaml: Template file read\./);
    assert.match(r.stderr, /asby\.organisation\.json: Registry file read\./);
    assert.doesNotMatch(r.stderr, /trasig/);
  });

  it('Should report the findings of a broken template once, when it is both named and found beside the plan', () => {
    const dir = folder('dubbel');
    writeFileSync(join(dir, 'trasig.planmall.json'), '{ "id": "plan", ');
    copyFileSync(join(EX, 'halmstad/ren-plan.plan.md'), join(dir, 'ren-plan.plan.md'));
    const r = cli(['--locale', 'en', '--quiet', '--template', 'trasig.planmall.json', '--template', './trasig.planmall.json', '.'], dir);
    assert.equal(r.status, 1);
    assert.equal(r.lines.length, 1, r.stdout);
    assert.match(r.lines[0], /^trasig\.planmall\.json:1:\d+ error template\.syntax /);
  });

  it('Should exit 0 when clean, 1 on errors, 2 on a path that does not exist and 3 when a file cannot be checked', () => {
    const dir = folder('exit');
    copyFileSync(join(EX, 'halmstad/ren-plan.plan.md'), join(dir, 'ren.plan.md'));
    copyFileSync(join(EX, 'halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md'), join(dir, 'fel.plan.md'));
    writeFileSync(join(dir, 'binär.plan.md'), 'PNG\u0000');
    assert.equal(cli(['ren.plan.md'], dir).status, 0);
    assert.equal(cli(['fel.plan.md'], dir).status, 1);
    assert.equal(cli(['ren.plan.md', 'finns-inte.md'], dir).status, 2);
    const skipped = cli(['--locale', 'en', 'ren.plan.md', 'binär.plan.md', 'fel.plan.md'], dir);
    assert.equal(skipped.status, 3, 'a skipped file outranks the errors found: the result is incomplete');
    assert.match(skipped.lines.at(-1)!, /; 1 file could not be checked$/);
  });

  it('Should report a folder it cannot read and exit 3', function () {
    // The unreadable folder is made from Linux's path-length limit (the tests run as root, so
    // permissions cannot make one); other systems have other limits: the only skip.
    if (process.platform !== 'linux') this.skip(); // the unreadable folder needs Linux's path-length limit (see above)
    // A folder whose path is longer than the system allows cannot be listed, even by root.
    const dir = folder('djup');
    const made = spawnSync(
      process.execPath,
      ['-e', "const p = 'm'.repeat(250); for (let i = 0; i < 18; i++) { require('fs').mkdirSync(p); process.chdir(p); }"],
      {
        cwd: dir,
      },
    );
    assert.equal(made.status, 0, 'the deep folder was made');
    copyFileSync(join(EX, 'halmstad/ren-plan.plan.md'), join(dir, 'ren.plan.md'));
    const r = cli(['--locale', 'en', '.'], dir);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, /^plan-check: m{250}(\/m{250})+: the folder cannot be read \(ENAMETOOLONG\)\.$/m);
    assert.deepEqual(r.lines, ['1 plan, 0 errors, 0 warnings']);
  });

  it('Should escape a newline in a file name, so that it cannot forge a line of output', () => {
    const dir = folder('radbrytning');
    copyFileSync(join(EX, 'halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md'), join(dir, 'ny\nrad.plan.md'));
    writeFileSync(join(dir, 'falsk\nrad.plan.md:1:1 error x.md'), 'PNG\u0000');
    const r = cli(['--locale', 'en', '.'], dir);
    assert.equal(r.status, 3);
    const findings = r.lines.slice(0, -1);
    assert.ok(findings.length > 5);
    for (const line of findings) assert.ok(line.startsWith('ny\\nrad.plan.md:'), line);
    assert.equal(r.stderr, 'plan-check: falsk\\nrad.plan.md:1:1 error x.md: The file looks binary and is not checked.\n');
  });

  it('Should end quietly when the reader closes the pipe, keeping the exit code', async () => {
    const child = spawn(process.execPath, [CLI, '--locale', 'en', join(EX, 'halmstad')], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '', 'no stack trace');
    assert.equal(code, 1, 'the errors of the reference plan');
  });

  it('Should say when a folder is empty or holds no plans, and report the files that are not', () => {
    const empty = folder('tom');
    const r = cli(['--locale', 'en', empty]);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, `plan-check: ${empty}: no Markdown files in the folder.\n`);
    assert.deepEqual(r.lines, ['0 plans, 0 errors, 0 warnings']);
    const notes = folder('anteckningar');
    copyFileSync(join(EX, 'anteckningar.md'), join(notes, 'anteckningar.md'));
    const sv = cli(['--locale', 'sv', 'anteckningar'], tmp);
    assert.equal(sv.status, 0);
    assert.equal(sv.stderr, 'plan-check: anteckningar: mappen innehåller inga styrdokument.\n');
    assert.deepEqual(sv.lines, ['0 planer, 0 fel, 0 varningar; 1 fil är inte ett styrdokument']);
  });

  it('Should reject an unknown --locale with exit code 2 and accept regional forms of sv and en', () => {
    const r = cli(['--locale', 'de', 'examples/halmstad/ren-plan.plan.md']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^plan-check: Okänt språk de\. Använd sv eller en\.\nAnvändning: plan-check /);
    assert.equal(cli(['--locale', 'en-GB', 'examples/halmstad/ren-plan.plan.md']).lines.at(-1), '1 plan, 0 errors, 0 warnings');
    assert.equal(cli(['--locale', 'sv_SE.UTF-8', 'examples/halmstad/ren-plan.plan.md']).lines.at(-1), '1 plan, 0 fel, 0 varningar');
    assert.equal(cli(['--locale', 'en_US.UTF-8', 'examples/halmstad/ren-plan.plan.md']).lines.at(-1), '1 plan, 0 errors, 0 warnings');
    assert.equal(cli(['--locale', 'svenska', 'x.md']).status, 2);
  });

  it('Should drop the summary with --quiet, and with --verbose say which files were passed over and why', () => {
    const args = ['examples/halmstad/ren-plan.plan.md', 'examples/anteckningar.md'];
    assert.deepEqual(cli(['--locale', 'en', '--quiet', ...args]).lines, []);
    const v = cli(['--locale', 'en', '--verbose', ...args]);
    assert.deepEqual(v.lines, ['1 plan, 0 errors, 0 warnings; 1 file is not a governing document']);
    assert.match(
      v.stderr,
      /^plan-check: examples\/anteckningar\.md: Not a governing document \(no dokumenttyp in the front matter, no name such as \.plan\.md\); not checked\.$/m,
    );
    assert.match(v.stderr, /^plan-check: from cache: 0; analysed: 1; worker threads: 0; [\d.]+ s\.$/m);
  });

  it('Should turn the klarspråk hints off with --no-klarsprak', () => {
    const plan = 'examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md';
    assert.ok(cli([plan]).lines.some((l) => l.includes(' plan.klarsprak.')));
    const off = cli(['--no-klarsprak', plan]).lines;
    assert.ok(off.some((l) => l.includes(' plan.style.')) && !off.some((l) => l.includes(' plan.klarsprak.')));
  });
});

describe('plan-check, the summary line', () => {
  const row = (severity: Row['severity']): Row => ({ file: 'x.md', line: 1, column: 1, endLine: 1, endColumn: 2, severity, code: 'c', message: 'm' });
  after(() => setLocale('sv'));

  it('Should count plans, errors and warnings with the plural the language asks for', () => {
    setLocale('sv');
    const none = { plans: 1, notPlans: 0, skipped: 0 };
    assert.equal(summary([], none), '1 plan, 0 fel, 0 varningar');
    assert.equal(summary([row('error'), row('warning')], { plans: 2, notPlans: 1, skipped: 0 }), '2 planer, 1 fel, 1 varning; 1 fil är inte ett styrdokument');
    assert.equal(
      summary([row('error'), row('error'), row('warning'), row('warning'), row('hint')], { plans: 2, notPlans: 3, skipped: 2 }),
      '2 planer, 2 fel, 2 varningar, 1 tips; 3 filer är inte styrdokument; 2 filer kunde inte kontrolleras',
    );
    setLocale('en');
    assert.equal(summary([], none), '1 plan, 0 errors, 0 warnings');
    assert.equal(
      summary([row('error'), row('warning'), row('information'), row('hint'), row('hint')], { plans: 2, notPlans: 1, skipped: 1 }),
      '2 plans, 1 error, 1 warning, 1 note, 2 hints; 1 file is not a governing document; 1 file could not be checked',
    );
    assert.equal(summary([], { plans: 1234, notPlans: 0, skipped: 0 }), '1,234 plans, 0 errors, 0 warnings');
  });

  it('Should end the text output with the summary, the counts matching the findings', () => {
    const r = cli(['--locale', 'sv', 'examples/halmstad']);
    const rows = r.lines.slice(0, -1);
    const count = (s: string) => rows.filter((l) => l.split(' ')[1] === s).length;
    assert.equal(r.lines.at(-1), `3 planer, ${count('error')} fel, ${count('warning')} varningar, ${count('hint')} tips`);
  });
});

describe('plan-check for CI systems', () => {
  it('Should write SARIF 2.1.0 with the rules in the chosen language, results with 1-based regions', () => {
    for (const locale of ['sv', 'en'] as const) {
      const r = cli(['--locale', locale, '--format', 'sarif', 'examples/halmstad']);
      assert.equal(r.status, 1);
      const log = JSON.parse(r.stdout);
      assert.equal(log.version, '2.1.0');
      assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
      assert.equal(log.runs.length, 1);
      const run = log.runs[0];
      assert.equal(run.tool.driver.name, 'plan-check');
      const rules = run.tool.driver.rules as Array<{ id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }>;
      assert.deepEqual(
        rules.map((x) => x.id),
        ALL_CODES.map((c) => c.code),
      );
      for (const [i, rule] of rules.entries()) {
        assert.equal(rule.shortDescription.text, ALL_CODES[i].description[locale]);
        assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      }
      assert.ok(run.results.length > 5);
      for (const res of run.results) {
        assert.equal(rules[res.ruleIndex].id, res.ruleId);
        assert.ok(['error', 'warning', 'note'].includes(res.level));
        assert.ok(res.message.text.length > 0);
        const loc = res.locations[0].physicalLocation;
        assert.deepEqual(loc.artifactLocation, { uri: 'examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md', uriBaseId: '%SRCROOT%' });
        assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
        assert.ok(loc.region.endLine > loc.region.startLine || (loc.region.endLine === loc.region.startLine && loc.region.endColumn >= loc.region.startColumn));
      }
      assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(ROOT).href}/`);
      assert.equal(run.invocations[0].executionSuccessful, true);
      const first = run.results.find((x: { ruleId: string }) => x.ruleId === 'plan.frontmatter.empty-value');
      assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 4, startColumn: 1, endLine: 4, endColumn: 13 });
    }
  });

  it('Should write GitHub workflow commands with %, CR, LF and, in properties, : and , escaped', () => {
    assert.equal(githubData('100 % klart\r\nnästa: rad, till'), '100 %25 klart%0D%0Anästa: rad, till');
    assert.equal(githubProperty('a,b:c%\nd'), 'a%2Cb%3Ac%25%0Ad');
    const dir = mkdtempSync(join(tmpdir(), 'plan-cli-'));
    try {
      copyFileSync(join(EX, 'halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md'), join(dir, 'a,b:c%.plan.md'));
      writeFileSync(join(dir, 'bild.plan.md'), 'PNG\u0000');
      const r = cli(['--locale', 'sv', '--format', 'github', '.'], dir);
      assert.equal(r.status, 3);
      assert.equal(r.lines.shift(), '::error file=bild.plan.md,title=plan-check::Filen ser ut att vara binär och kontrolleras inte.');
      assert.ok(
        r.lines.includes(
          '::error file=a%2Cb%3Ac%25.plan.md,line=4,col=1,endLine=4,endColumn=13,title=plan.frontmatter.empty-value::Fältet ”diarienummer” är obligatoriskt men saknar värde. Skriv till exempel KS 2019/0123.',
        ),
        r.stdout,
      );
      assert.ok(r.lines.every((l) => /^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[\w.-]+::/.test(l)));
      assert.match(r.stderr, /^1 plan, \d+ fel, \d+ varningar.*; 1 fil kunde inte kontrolleras$/m, 'the summary goes to stderr');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Should write a GitLab code quality report with a distinct fingerprint per finding', () => {
    const r = cli(['--format', 'gitlab', 'examples/halmstad']);
    const issues = JSON.parse(r.stdout) as Array<{
      description: string;
      check_name: string;
      fingerprint: string;
      severity: string;
      location: { path: string; lines: { begin: number } };
    }>;
    assert.ok(issues.length > 5);
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
    for (const i of issues) {
      assert.ok(i.description && i.check_name.startsWith('plan.'));
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity));
      assert.equal(i.location.path, 'examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md');
      assert.ok(i.location.lines.begin >= 1);
    }
  });
});

describe('plan-check on many files: worker threads and the cache', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'plan-cli-'));
    const plans = ['halmstad/ren-plan.plan.md', 'halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md', 'samverkan/gemensam-pendling.plan.md'];
    mkdirSync(join(dir, 'planer'));
    for (let i = 0; i < 24; i++) {
      const text = readFileSync(join(EX, plans[i % plans.length]), 'utf8').replace(/^# (.*)$/m, `# $1 (${i})`);
      writeFileSync(join(dir, 'planer', `plan-${String(i).padStart(2, '0')}.plan.md`), i % 4 ? text : text.replace(' ska ', ' skall '));
    }
    mkdirSync(join(dir, 'asby'));
    for (const f of ['asby.planmall.yaml', 'asby.organisation.json', 'handlingsplan-trygghet.md']) copyFileSync(join(EX, 'asby', f), join(dir, 'asby', f));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Should give the same output, sorted by path, in one thread and in worker threads', () => {
    const serial = cli(['--locale', 'en', '--verbose', '--jobs', '1', '.'], dir);
    const parallel = cli(['--locale', 'en', '--verbose', '--jobs', '2', '.'], dir);
    assert.equal(serial.status, 1);
    assert.equal(parallel.status, 1);
    assert.equal(parallel.stdout, serial.stdout);
    assert.match(serial.stderr, /analysed: 25; worker threads: 0;/);
    assert.match(parallel.stderr, /analysed: 25; worker threads: 2;/);
    const files = serial.lines.slice(0, -1).map((l) => l.slice(0, l.indexOf(':')));
    assert.deepEqual(files, [...files].sort());
    assert.equal(serial.lines.at(-1)!.split(',')[0], '25 plans');
  });

  it('Should read the results from the cache on a second run, and check again what changed', () => {
    const cache = join(dir, 'cache');
    const first = cli(['--locale', 'en', '--verbose', '--cache-location', cache, '.'], dir);
    assert.match(first.stderr, /from cache: 0; analysed: 25;/);
    const second = cli(['--locale', 'en', '--verbose', '--cache-location', cache, '.'], dir);
    assert.match(second.stderr, /from cache: 25; analysed: 0;/);
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.status, first.status);
    // A changed plan, a changed template (for the plan beside it) and another language each miss.
    writeFileSync(join(dir, 'planer/plan-00.plan.md'), readFileSync(join(dir, 'planer/plan-00.plan.md'), 'utf8') + '\nEn mening till.\n');
    const template = join(dir, 'asby/asby.planmall.yaml');
    writeFileSync(template, readFileSync(template, 'utf8') + '\n');
    assert.match(cli(['--locale', 'en', '--verbose', '--cache-location', cache, '.'], dir).stderr, /from cache: 23; analysed: 2;/);
    assert.match(cli(['--locale', 'sv', '--verbose', '--cache-location', cache, '.'], dir).stderr, /från cachen: 0; analyserade: 25;/);
  });

  it('Should keep the default cache in .plan-check-cache in the current folder', () => {
    const r = cli(['--cache', '--quiet', 'asby'], dir);
    assert.equal(r.status, 0);
    assert.ok(existsSync(join(dir, '.plan-check-cache')));
    assert.equal(JSON.parse(readFileSync(join(dir, '.plan-check-cache'), 'utf8')).planCheckCache, 1);
  });
});
