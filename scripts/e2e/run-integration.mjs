#!/usr/bin/env node
// Runs the integration suite (test/integration/suite) inside a real VS Code: code-server with the
// smoke-test driver enabled, opened in headless Chromium (playwright-core) with a payload that makes
// the workbench load this extension from its folder (extensionDevelopmentPath = project root) and
// run the suite in the Node extension host (extensionTestsPath). The exit code comes back through
// window.codeAutomationExit; the suite writes mocha.log and results.json next to its bundle.
//
// With --web, the same suite runs against the extension's browser build (package.json `browser`) in
// code-server's web worker extension host, as on vscode.dev: the extension is loaded from a copy whose
// manifest has no `main` (so only the web worker host can run it), and the suite is bundled for the
// browser (test/integration/web). Tests that cannot apply in the browser are listed, with their
// reasons, in test/integration/web/exclusions.ts; the runner prints that list.
//
// Usage: node scripts/e2e/run-integration.mjs [--locale sv|en|both] [--grep TEXT] [--timeout SECONDS]
//                                             [--keep] [--no-build] [--screenshot] [--web]
//   --locale  the VS Code display language(s) to run in (default: both, Swedish first). The server
//             speaks English only when VS Code's language is English. Swedish needs a language
//             pack; test/integration/langpack-sv is a minimal one (no translations) that only
//             makes VS Code's language "sv".
//   --timeout bound for the whole run, all passes (default 300 s)
//   --keep    keep the run folder .code-server/run-<pid>/ (it is kept anyway when a run fails)
//
// Prints `integration: N passed, M failed` and exits non-zero on failure or timeout.
import { spawn } from 'node:child_process';
import { SourceMap } from 'node:module';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildSuite, buildWebSuite } from './build-suite.mjs';
import { killAllSync, startCodeServer, stopAll, workbenchUrl, CHROMIUM_ARGS } from './code-server.mjs';
import { installed, ROOT, setup } from './setup.mjs';
import { packLanguagePack } from './langpack.mjs';

const { values: opts } = parseArgs({
  options: {
    locale: { type: 'string', default: 'both' },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    screenshot: { type: 'boolean', default: false },
    web: { type: 'boolean', default: false },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});

const T0 = performance.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const since = (t) => performance.now() - t;
const log = (msg) => console.log(`[e2e${opts.web ? ' web' : ''}] ${msg}`);
const TIMEOUT_MS = Number(opts.timeout) * 1000;
/** The whole run (every pass: server, browser, suite) ends by this time; counted from when code-server is installed. */
let DEADLINE = T0 + TIMEOUT_MS;

process.on('SIGINT', () => void stopAll().finally(() => process.exit(130)));
process.on('SIGTERM', () => void stopAll().finally(() => process.exit(143)));
process.on('exit', killAllSync);

function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: ROOT, ...options });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')}: exit code ${code}`))));
  });
}

/** Follows a growing text file, printing new lines with a prefix, until stop() is called. */
function follow(file, prefix, map = (l) => l) {
  let offset = 0;
  let partial = '';
  const pump = () => {
    if (!existsSync(file)) return;
    const size = statSync(file).size;
    if (size < offset) offset = 0;
    if (size === offset) return;
    const fd = readFileSync(file);
    const chunk = partial + fd.subarray(offset, size).toString('utf8');
    offset = size;
    const lines = chunk.split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) console.log(`${prefix}${map(l)}`);
  };
  const timer = setInterval(pump, 200);
  return () => {
    clearInterval(timer);
    pump();
    if (partial) console.log(`${prefix}${map(partial)}`);
  };
}

/**
 * Maps `…/suite/index.js:LINE:COL` in stack traces back to the TypeScript sources, through the
 * bundle's inline source map (the extension host runs without --enable-source-maps).
 */
function stackMapper(bundle) {
  try {
    const m = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(readFileSync(bundle, 'utf8'));
    if (!m) return (s) => s;
    const map = new SourceMap(JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')));
    return (text) =>
      text.replace(/(?:[^\s()]*\/)?suite\/(?:index|web)\.js:(\d+):(\d+)/g, (all, line, col) => {
        const e = map.findEntry(Number(line) - 1, Number(col) - 1);
        if (!e?.originalSource) return all;
        const src = e.originalSource.startsWith('file:') ? new URL(e.originalSource).pathname : path.resolve(path.dirname(bundle), e.originalSource);
        return `${path.relative(ROOT, src)}:${e.originalLine + 1}:${e.originalColumn + 1}`;
      });
  } catch {
    return (s) => s;
  }
}

/**
 * The extension as the browser would have it: a copy of what the package ships, with a manifest
 * whose only entry is `browser` (`main` removed, extensionKind web), so that code-server runs it in
 * the web worker extension host rather than its Node one.
 */
function webExtensionCopy(dir) {
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  delete manifest.main;
  manifest.extensionKind = ['web'];
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const f of ['package.nls.json', 'package.nls.sv.json', 'README.md', 'LICENSE']) cpSync(path.join(ROOT, f), path.join(dir, f));
  // test/fixtures-hostile: a test copies its hostile plan from the extension's folder.
  for (const d of ['l10n', 'syntaxes', 'dist/media', 'dist/schemas', 'test/fixtures-hostile'])
    cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true });
  for (const f of ['dist/browser-extension.js', 'dist/browser-server.js', 'docs/icon.png']) cpSync(path.join(ROOT, f), path.join(dir, f));
  return dir;
}

/** One pass of the suite in one display language. */
async function runOnce(locale, langpackVsix) {
  const t = performance.now();
  const deadline = DEADLINE;
  const timings = {};
  const cs = await startCodeServer({
    locale,
    vsix: locale === 'en' ? undefined : langpackVsix,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    // VS Code in the browser saves after a delay by default: a test of unsaved edits needs them unsaved.
    settings: { 'files.autoSave': 'off' },
    keep: opts.keep,
  });
  timings.codeServerReadyMs = Math.round(since(t));
  log(
    `[${locale}] code-server ${cs.codeServerVersion} on ${cs.url} ready in ${secs(timings.codeServerReadyMs)} (run folder ${path.relative(ROOT, cs.runDir)})`,
  );

  let browser;
  let stopFollow = () => {};
  let exitCode;
  let outcome = 'timeout';
  const pageErrors = [];
  // The web suite writes beside the workspace folder, through VS Code's file system (test/integration/web/index.ts).
  const suiteDir = path.join(cs.runDir, opts.web ? 'suite-web' : 'suite');
  mkdirSync(suiteDir, { recursive: true });
  let mapStack = (text) => text;
  try {
    // A copy of the examples as the workspace, so that tests may write files.
    const workspace = path.join(cs.runDir, 'workspace');
    cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
    const extraFixtures = path.join(ROOT, 'test', 'integration', 'workspace');
    if (existsSync(extraFixtures)) cpSync(extraFixtures, workspace, { recursive: true });
    const extensionDevelopmentPath = opts.web ? webExtensionCopy(path.join(cs.runDir, 'web-extension')) : ROOT;
    // VS Code runs the tests in the extension host of the extension whose folder holds them: the web
    // suite goes inside the extension's copy (else the Node extension host would take it).
    const suite = opts.web ? await buildWebSuite(path.join(extensionDevelopmentPath, 'suite')) : await buildSuite(suiteDir);
    mapStack = stackMapper(suite);
    if (opts.grep) writeFileSync(path.join(suiteDir, 'options.json'), JSON.stringify({ grep: opts.grep }));

    const url = workbenchUrl(cs, { folder: workspace, extensionDevelopmentPath, extensionTestsPath: suite });

    const tb = performance.now();
    browser = await chromium.launchPersistentContext(path.join(cs.runDir, 'chromium-profile'), {
      executablePath: opts.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
      locale: locale === 'en' ? 'en-US' : 'sv-SE',
    });
    timings.browserLaunchMs = Math.round(since(tb));
    const page = browser.pages()[0] ?? (await browser.newPage());
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      resolveExit({ code, logs });
    });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => {
      const text = m.text();
      // The extension host's console reaches the page in development mode: relay our lines only.
      // (The web worker extension host's errors reach it without that prefix.)
      const ours = /\[Extension Host\]|plan|Plan/.test(text) || (opts.web && m.type() === 'error');
      if (ours && !/vsda|ENOTFOUND|gallery|marketplace|open-vsx/i.test(text)) pageErrors.push(`console.${m.type()}: ${text}`);
    });
    stopFollow = follow(path.join(suiteDir, 'mocha.log'), `  [${locale}] `, mapStack);

    const tn = performance.now();
    await page.goto(url, { timeout: Math.max(1000, deadline - performance.now()) });
    await page.waitForSelector('.monaco-workbench', { timeout: Math.max(1000, Math.min(60_000, deadline - performance.now())) });
    timings.workbenchVisibleMs = Math.round(since(tn));
    timings.workbenchVisibleAt = Date.now();
    log(`[${locale}] workbench visible ${secs(timings.workbenchVisibleMs)} after navigation; the suite runs in the extension host …`);

    let timer;
    const timeout = new Promise((r) => (timer = setTimeout(() => r(undefined), Math.max(0, deadline - performance.now()))));
    const result = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    timings.navigationToExitMs = Math.round(since(tn));
    if (result) {
      exitCode = result.code;
      outcome = 'exited';
      if (Array.isArray(result.logs)) {
        const logDir = path.join(cs.runDir, 'vscode-logs');
        for (const l of result.logs) {
          if (!l?.relativePath) continue;
          const f = path.join(logDir, l.relativePath);
          mkdirSync(path.dirname(f), { recursive: true });
          writeFileSync(f, typeof l.contents === 'string' ? l.contents : Buffer.from(l.contents ?? []));
        }
      }
    } else {
      log(`[${locale}] TIMEOUT: the run did not finish within ${opts.timeout} s`);
    }
    if (opts.screenshot || outcome !== 'exited' || exitCode !== 0) {
      const shot = path.join(cs.runDir, 'workbench.png');
      await page.screenshot({ path: shot }).catch(() => undefined);
      log(`[${locale}] screenshot: ${path.relative(ROOT, shot)}`);
    }
  } catch (e) {
    outcome = 'error';
    log(`[${locale}] ERROR: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
  } finally {
    stopFollow();
    await browser?.close().catch(() => undefined);
  }

  const results = existsSync(path.join(suiteDir, 'results.json')) ? JSON.parse(readFileSync(path.join(suiteDir, 'results.json'), 'utf8')) : undefined;
  for (const test of results?.tests ?? []) if (test.error) test.error = mapStack(test.error);
  if (results && !results.done && results.running) {
    log(`[${locale}] still running when the pass ended: ${results.running}`);
    results.tests.push({ title: `${results.running} (did not finish)`, state: 'failed', error: 'timeout' });
    results.failed += 1;
  }
  // The pass must really have run in the language asked for (a missing language pack falls back to English).
  const languageOk = !results?.info?.language || String(results.info.language).toLowerCase().split('-')[0] === locale.toLowerCase().split('-')[0];
  if (!languageOk) log(`[${locale}] FAILED: VS Code ran in "${results.info.language}", not "${locale}"`);
  const ok = outcome === 'exited' && exitCode === 0 && results?.done && results.failed === 0 && languageOk;
  if (!ok) {
    if (pageErrors.length) log(`[${locale}] page messages:\n  ${pageErrors.slice(-30).join('\n  ')}`);
    log(`[${locale}] code-server output (tail):\n${cs.logTail().split('\n').slice(-30).join('\n')}`);
  }
  const ts = performance.now();
  await cs.stop({ keep: opts.keep || !ok });
  timings.stopMs = Math.round(since(ts));
  timings.totalMs = Math.round(since(t));
  if (!ok || opts.keep) log(`[${locale}] run folder kept: ${path.relative(ROOT, cs.runDir)}`);
  return { locale, outcome, exitCode, results, timings, ok };
}

async function main() {
  const locales = opts.locale === 'both' ? ['sv', 'en'] : opts.locale.split(',');
  if (opts.web) {
    const list = JSON.parse(readFileSync(path.join(ROOT, 'test/integration/web/exclusions.json'), 'utf8')).excluded;
    log(`the browser build in the web worker extension host; tests excluded there: ${list.length ? '' : 'none'}`);
    for (const x of list) log(`  excluded: ${x.title} — ${x.reason}`);
  }
  if (!installed()) {
    log('code-server is not installed yet: running setup first');
    await setup();
    // Installing (minutes on a loaded machine) is not part of the run's time budget.
    DEADLINE = performance.now() + TIMEOUT_MS;
  }
  if (!existsSync(opts.chromium)) throw new Error(`no Chromium at ${opts.chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
  if (!opts['no-build']) {
    const tb = performance.now();
    await run(process.execPath, ['scripts/build.mjs']);
    log(`built the extension (node scripts/build.mjs) in ${secs(since(tb))}`);
  }
  const langpack = locales.some((l) => l !== 'en') ? await packLanguagePack(path.join(ROOT, '.code-server')) : undefined;

  const runs = [];
  for (const locale of locales) {
    if (performance.now() > DEADLINE - 5000) {
      log(`[${locale}] TIMEOUT: no time left for this pass (--timeout ${opts.timeout} s)`);
      runs.push({ locale, outcome: 'timeout', results: undefined, timings: {}, ok: false });
      continue;
    }
    try {
      runs.push(await runOnce(locale, langpack));
    } catch (e) {
      log(`[${locale}] ERROR: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
      runs.push({ locale, outcome: 'error', results: undefined, timings: {}, ok: false });
    }
  }

  let passed = 0;
  let failed = 0;
  console.log('');
  for (const r of runs) {
    const res = r.results;
    passed += res?.passed ?? 0;
    // A pass that failed without a failed test (timeout, crash, wrong language) counts as one failure.
    failed += (res?.failed ?? 0) + (!r.ok && !res?.failed ? 1 : 0);
    log(
      `[${r.locale}] VS Code ${res?.info?.vscodeVersion ?? '?'}, language ${res?.info?.language ?? '?'} → server messages in ${res?.info?.serverLanguage ?? '?'}; ` +
        `${res?.passed ?? 0} passed, ${res?.failed ?? 0} failed, ${res?.pending ?? 0} pending, outcome ${r.outcome}${r.exitCode !== undefined ? ` (exit code ${r.exitCode})` : ''}`,
    );
    for (const t of res?.tests?.filter((x) => x.state === 'failed') ?? []) log(`[${r.locale}]   FAILED ${t.title}\n${t.error}`);
    const tm = { ...r.timings, ...(res?.timings ?? {}) };
    const wall = res?.wall ?? {};
    const fromVisible = (at) => (at && tm.workbenchVisibleAt ? `${at - tm.workbenchVisibleAt} ms` : '?');
    log(
      `[${r.locale}] timings: code-server ready ${secs(tm.codeServerReadyMs ?? 0)}, workbench visible ${secs(tm.workbenchVisibleMs ?? 0)} after navigation, ` +
        `workbench visible → suite started ${fromVisible(wall.suiteStartedAt)}, → plan opened ${fromVisible(wall.openAt)}, → extension active ${fromVisible(wall.activatedAt)}; ` +
        `open plan → extension active ${tm.openToActivatedMs ?? '?'} ms, → server ready ${tm.openToServerReadyMs ?? '?'} ms, → first diagnostics ${tm.openToFirstDiagnosticsMs ?? '?'} ms; ` +
        `edit → diagnostics ${tm.editToDiagnosticsMs ?? '?'} ms, setting → diagnostics ${tm.settingToDiagnosticsMs ?? '?'} ms, restart → diagnostics ${tm.restartToDiagnosticsMs ?? '?'} ms; ` +
        `suite ${secs(res?.durationMs ?? 0)}, navigation → exit ${secs(tm.navigationToExitMs ?? 0)}, whole pass ${secs(tm.totalMs ?? 0)}`,
    );
  }
  log(`whole run ${secs(since(T0))}`);
  console.log(`integration: ${passed} passed, ${failed} failed`);
  return failed === 0 && runs.length > 0 ? 0 : 1;
}

main()
  .then((code) => stopAll().then(() => process.exit(code)))
  .catch(async (e) => {
    console.error(`[e2e] FAILED: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
    await stopAll();
    console.log('integration: 0 passed, 1 failed');
    process.exit(1);
  });
