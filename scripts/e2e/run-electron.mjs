#!/usr/bin/env node
// Runs the same integration suite through @vscode/test-electron, in a desktop VS Code, wherever one
// can be downloaded (or is given). Where VS Code cannot be downloaded (as on the machines without
// network access), it says so within a few seconds and falls back to the code-server runner
// (run-integration.mjs), unless --no-fallback.
//
// Usage: node scripts/e2e/run-electron.mjs [--locale sv|en|both] [--vscode PATH] [--version stable|1.139.1]
//                                          [--grep TEXT] [--timeout SECONDS] [--keep] [--no-fallback]
//   --vscode   a VS Code executable to use instead of downloading one (or VSCODE_EXECUTABLE_PATH)
// On Linux without a display, run it under xvfb-run (e.g. `xvfb-run -a node scripts/e2e/run-electron.mjs`).
//
// Prints `integration: N passed, M failed` and exits non-zero on failure or timeout.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { buildSuite } from './build-suite.mjs';
import { QUIET_SETTINGS, registerLanguagePacks } from './code-server.mjs';
import { packLanguagePack } from './langpack.mjs';
import { ROOT } from './setup.mjs';

const { values: opts } = parseArgs({
  options: {
    locale: { type: 'string', default: 'both' },
    vscode: { type: 'string', default: process.env.VSCODE_EXECUTABLE_PATH },
    version: { type: 'string', default: process.env.VSCODE_VERSION ?? 'stable' },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
    'no-fallback': { type: 'boolean', default: false },
  },
});

const T0 = performance.now();
const log = (msg) => console.log(`[e2e electron] ${msg}`);
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const CACHE = path.join(ROOT, '.vscode-test');
const PROBE_URL = 'https://update.code.visualstudio.com/api/releases/stable';

function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: ROOT, ...options });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(0) : reject(Object.assign(new Error(`${cmd} ${args.join(' ')}: exit code ${code}`), { code }))));
  });
}

/** Whether VS Code's download service answers (a few seconds at most). */
async function canDownload() {
  try {
    const res = await fetch(PROBE_URL, { method: 'GET', signal: AbortSignal.timeout(5000) });
    if (!res.ok) log(`VS Code cannot be downloaded here (${PROBE_URL}: HTTP ${res.status})`);
    return res.ok;
  } catch (e) {
    log(`VS Code cannot be downloaded here (${PROBE_URL}: ${e?.cause?.code ?? e?.name ?? e})`);
    return false;
  }
}

async function fallback() {
  if (opts['no-fallback']) {
    console.log('integration: 0 passed, 1 failed');
    return 1;
  }
  log('falling back to the code-server runner (scripts/e2e/run-integration.mjs)');
  const args = [path.join(ROOT, 'scripts/e2e/run-integration.mjs'), '--locale', opts.locale, '--timeout', opts.timeout, '--no-build'];
  if (opts.grep) args.push('--grep', opts.grep);
  if (opts.keep) args.push('--keep');
  try {
    return await run(process.execPath, args);
  } catch (e) {
    return e.code ?? 1;
  }
}

/** One pass in one display language; returns the suite's results.json (or undefined). */
async function runOnce(vscodeExecutablePath, locale, langpack) {
  const runDir = path.join(CACHE, `run-${process.pid}-${locale}`);
  rmSync(runDir, { recursive: true, force: true });
  const paths = { runDir, userDataDir: path.join(runDir, 'user-data'), extensionsDir: path.join(runDir, 'extensions') };
  mkdirSync(path.join(paths.userDataDir, 'User'), { recursive: true });
  mkdirSync(paths.extensionsDir, { recursive: true });
  writeFileSync(path.join(paths.userDataDir, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  const workspace = path.join(runDir, 'workspace');
  cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  const extra = path.join(ROOT, 'test', 'integration', 'workspace');
  if (existsSync(extra)) cpSync(extra, workspace, { recursive: true });
  const suite = await buildSuite(path.join(runDir, 'suite'));
  if (opts.grep) writeFileSync(path.join(runDir, 'suite', 'options.json'), JSON.stringify({ grep: opts.grep }));

  if (locale !== 'en') {
    // VS Code only runs in a language it has a pack for: install the test pack (no translations).
    // reuseMachineInstall: only the CLI's path, without test-electron's default profile folders.
    const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath, { reuseMachineInstall: true });
    await run(cli, [...cliArgs, '--user-data-dir', paths.userDataDir, '--extensions-dir', paths.extensionsDir, '--install-extension', langpack, '--force'], {
      shell: process.platform === 'win32',
    });
    registerLanguagePacks(paths);
  }

  const t = performance.now();
  let outcome = 'exited';
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suite,
      launchArgs: [
        workspace,
        '--user-data-dir',
        paths.userDataDir,
        '--extensions-dir',
        paths.extensionsDir,
        '--locale',
        locale,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
      ],
    });
  } catch (e) {
    outcome = `failed (${e instanceof Error ? e.message : e})`;
  }
  const resultsFile = path.join(runDir, 'suite', 'results.json');
  const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
  const languageOk = !results?.info?.language || String(results.info.language).split('-')[0] === locale;
  const ok = outcome === 'exited' && results?.done && results.failed === 0 && languageOk;
  const tm = results?.timings ?? {};
  log(
    `[${locale}] VS Code ${results?.info?.vscodeVersion ?? '?'}, language ${results?.info?.language ?? '?'}${languageOk ? '' : ` (NOT ${locale})`}: ` +
      `${results?.passed ?? 0} passed, ${results?.failed ?? 0} failed, ${outcome}; open plan → active ${tm.openToActivatedMs ?? '?'} ms, → first diagnostics ${tm.openToFirstDiagnosticsMs ?? '?'} ms; pass ${secs(performance.now() - t)}`,
  );
  for (const f of results?.tests?.filter((x) => x.state === 'failed') ?? []) log(`[${locale}]   FAILED ${f.title}\n${f.error}`);
  if (ok && !opts.keep) rmSync(runDir, { recursive: true, force: true });
  else log(`[${locale}] run folder kept: ${path.relative(ROOT, runDir)}`);
  return { passed: results?.passed ?? 0, failed: (results?.failed ?? 0) + (!ok && !results?.failed ? 1 : 0) };
}

async function main() {
  await run(process.execPath, ['scripts/build.mjs']);
  let executable = opts.vscode;
  if (!executable) {
    if (!(await canDownload())) return fallback();
    executable = await downloadAndUnzipVSCode({ version: opts.version, cachePath: CACHE });
  }
  const locales = opts.locale === 'both' ? ['sv', 'en'] : opts.locale.split(',');
  const langpack = locales.some((l) => l !== 'en') ? await packLanguagePack(CACHE) : undefined;
  let passed = 0;
  let failed = 0;
  for (const locale of locales) {
    const r = await runOnce(executable, locale, langpack);
    passed += r.passed;
    failed += r.failed;
  }
  log(`whole run ${secs(performance.now() - T0)}`);
  console.log(`integration: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

const timer = setTimeout(
  () => {
    log(`TIMEOUT after ${opts.timeout} s`);
    console.log('integration: 0 passed, 1 failed');
    process.exit(1);
  },
  Number(opts.timeout) * 1000 * 2,
);
timer.unref();

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`[e2e electron] FAILED: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
      console.log('integration: 0 passed, 1 failed');
      process.exit(1);
    },
  );
}
