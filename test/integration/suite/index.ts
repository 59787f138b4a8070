/**
 * Entry point of the integration suite, as VS Code's extension test runner expects it: a module
 * whose `run()` runs the tests inside the extension host and rejects when any fails.
 *
 * Bundled (with mocha) into one CommonJS file by scripts/e2e/build-suite.mjs. Besides mocha's own
 * console output it writes, next to the bundle:
 *   mocha.log     the spec reporter's text (the extension host's console is not always visible)
 *   results.json  { passed, failed, pending, tests: [...], timings, info }
 * so that the runner (code-server + Chromium, or @vscode/test-electron) can relay them.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { report } from './report';

interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export async function run(): Promise<void> {
  const outDir = process.env.PLAN_E2E_OUT ?? __dirname;
  const logFile = path.join(outDir, 'mocha.log');
  const resultsFile = path.join(outDir, 'results.json');
  writeFileSync(logFile, '');
  const started = Date.now();
  report.wall.suiteStartedAt = started;

  // Options from the runner (options.json beside the bundle) or the environment.
  const optionsFile = path.join(__dirname, 'options.json');
  const options = (existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {}) as { grep?: string; timeout?: number };
  const { default: Mocha } = await import('mocha');
  // Mocha's reporters print through Base.consoleLog: tee it into mocha.log. (The extension host
  // pins the console's methods, so patching console.log itself would not work.)
  const consoleLog = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]): void => {
    try {
      appendFileSync(logFile, format(...args) + '\n');
    } catch {
      /* the log is a convenience */
    }
    consoleLog(...args);
  };
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: options.timeout ?? Number(process.env.PLAN_E2E_TEST_TIMEOUT ?? 60_000),
    grep: options.grep ?? (process.env.PLAN_E2E_GREP || undefined),
  });
  // The tests are bundled: define describe/it on the global object, then load them.
  mocha.suite.emit('pre-require', globalThis, 'plan.test', mocha);
  await import('./plan.test');
  await import('./overview.test');
  await import('./publish.test');
  await import('./refactor.test');

  const tests: TestResult[] = [];
  const write = (done: boolean, failures?: number, running?: string) =>
    writeFileSync(
      resultsFile,
      JSON.stringify(
        {
          done,
          running,
          passed: tests.filter((t) => t.state === 'passed').length,
          failed: failures ?? tests.filter((t) => t.state === 'failed').length,
          pending: tests.filter((t) => t.state === 'pending').length,
          durationMs: Date.now() - started,
          tests,
          timings: report.timings,
          wall: report.wall,
          info: report.info,
        },
        null,
        2,
      ),
    );
  try {
    const failures = await new Promise<number>((resolve) => {
      const runner = mocha.run((n) => resolve(n));
      // results.json is rewritten after every test, so a runner that gives up still sees how far it got.
      runner.on('hook', (h) => write(false, undefined, h.fullTitle()));
      runner.on('test', (t) => write(false, undefined, t.fullTitle()));
      runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
      runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending' }));
      runner.on('fail', (t, err: Error) => tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: err?.stack ?? String(err) }));
      runner.on('test end', () => write(false));
    });
    write(true, failures);
    if (failures > 0) throw new Error(`${failures} integration test(s) failed.`);
  } catch (e) {
    if (!tests.some((t) => t.state === 'failed'))
      tests.push({ title: '(suite)', state: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    write(true);
    throw e;
  } finally {
    Mocha.reporters.Base.consoleLog = consoleLog;
  }
}
