/**
 * The integration suite (test/integration/suite) in VS Code's web worker extension host, against
 * the extension's browser build: the same tests, bundled for the browser by
 * scripts/e2e/build-suite.mjs (--web) with mocha's browser build, a small node:assert (assert.ts)
 * and Buffer from the `buffer` package. Tests that cannot apply in the browser are in
 * exclusions.json, with their reasons; nothing else is left out.
 *
 * With no disk of its own, the suite writes mocha.log and results.json through VS Code's file
 * system into `suite-web/` beside the workspace folder (the runner's run folder), where
 * scripts/e2e/run-integration.mjs reads them, as it reads the Node suite's.
 */
import 'mocha/mocha.js';
import * as vscode from 'vscode';
import { report } from '../suite/report';
import exclusions from './exclusions.json';

const WEB_EXCLUSIONS: ReadonlyArray<{ title: string; reason: string }> = exclusions.excluded;

interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

/** Mocha's browser build (mocha/mocha.js) leaves its instance on the global object. */
const mocha = (globalThis as unknown as { mocha: Mocha & { setup(options: Mocha.MochaOptions & { ui: string }): void } }).mocha;
const MochaClass = mocha.constructor as unknown as typeof Mocha;

export async function run(): Promise<void> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) throw new Error('The integration suite needs a workspace folder.');
  const outDir = vscode.Uri.joinPath(root, '..', 'suite-web');
  const started = Date.now();
  report.wall.suiteStartedAt = started;
  let log = '';
  const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(outDir, name), new TextEncoder().encode(text));
  let writing: Thenable<void> = Promise.resolve();
  /** Writes in order, each after the last (the runner follows the files). */
  const queue = (name: string, text: string) => (writing = writing.then(() => write(name, text)).then(undefined, () => undefined));

  // Options from the runner (--grep), beside the results.
  const options = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(outDir, 'options.json')).then(
    (b) => JSON.parse(new TextDecoder().decode(b)) as { grep?: string; timeout?: number },
    () => ({}) as { grep?: string; timeout?: number },
  );
  mocha.setup({ ui: 'bdd', timeout: options.timeout ?? 60_000 });
  if (options.grep) mocha.grep(options.grep);
  // The spec reporter (the browser build's default is the HTML one, which needs a DOM).
  mocha.reporter(MochaClass.reporters.Spec);
  // describe/it on this worker's global object, where the bundled tests look for them.
  mocha.suite.emit('pre-require', globalThis, 'plan.test', mocha);
  const Base = MochaClass.reporters.Base as unknown as { consoleLog: (...a: unknown[]) => void };
  const consoleLog = Base.consoleLog;
  Base.consoleLog = (...args: unknown[]) => {
    log +=
      args
        .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
        .join(' ')
        .replace(/%[sd]/g, '') + '\n';
    queue('mocha.log', log);
    consoleLog(...args);
  };
  const excluded = new Map(WEB_EXCLUSIONS.map((x) => [x.title, x.reason]));
  await import('../suite/plan.test');
  await import('../suite/overview.test');
  await import('../suite/publish.test');
  await import('../suite/refactor.test');
  // The exclusions, by full title: each must name a test that exists (a renamed test is not lost).
  const titles: string[] = [];
  const walk = (suite: Mocha.Suite) => {
    for (const t of suite.tests) {
      titles.push(t.fullTitle());
      if (excluded.has(t.fullTitle())) t.pending = true;
    }
    for (const s of suite.suites) walk(s);
  };
  walk(mocha.suite);
  const unknown = [...excluded.keys()].filter((t) => !titles.includes(t));

  const tests: TestResult[] = [];
  const results = (done: boolean, running?: string) =>
    JSON.stringify(
      {
        done,
        running,
        passed: tests.filter((t) => t.state === 'passed').length,
        failed: tests.filter((t) => t.state === 'failed').length,
        pending: tests.filter((t) => t.state === 'pending').length,
        durationMs: Date.now() - started,
        tests,
        excluded: WEB_EXCLUSIONS,
        timings: report.timings,
        wall: report.wall,
        info: report.info,
      },
      null,
      2,
    );
  if (unknown.length) tests.push({ title: '(exclusions)', state: 'failed', error: `excluded tests that do not exist: ${unknown.join('; ')}` });
  try {
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('test', (t: Mocha.Test) => queue('results.json', results(false, t.fullTitle())));
      runner.on('pass', (t: Mocha.Test) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
      runner.on('pending', (t: Mocha.Test) => tests.push({ title: t.fullTitle(), state: 'pending' }));
      runner.on('fail', (t: Mocha.Test, err: Error) =>
        tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: err?.stack ?? String(err) }),
      );
      runner.on('test end', () => queue('results.json', results(false)));
    });
  } finally {
    Base.consoleLog = consoleLog;
    queue('results.json', results(true));
    await writing;
  }
  const failed = tests.filter((t) => t.state === 'failed').length;
  if (failed > 0) throw new Error(`${failed} integration test(s) failed.`);
}
