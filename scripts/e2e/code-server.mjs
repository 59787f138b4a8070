// Starts and stops a project-local code-server (see setup.mjs) for the end-to-end tests.
//
//   const cs = await startCodeServer({ folder, settings, env });
//   … cs.url, cs.port, cs.runDir …
//   await cs.stop();
//
// Every server gets its own run folder .code-server/run-<pid>[-n]/ that holds its user data,
// extensions, XDG_* folders, TMPDIR and log, and runs in its own process group (spawned detached,
// i.e. setsid), so that stop() ends the whole group: code-server, its extension host and the
// language server the extension host started.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { CS_HOME, installed, setup } from './setup.mjs';

/**
 * User settings that keep the workbench quiet (no chat, welcome page, side bars, prompts, updates),
 * and a fixed day for the documents' validity (`plan.today`): the examples' documents stop being
 * valid on 2027-12-31 and 2028-12-31, and the suites expect them clean (test/helpers/today.ts).
 */
export const QUIET_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'plan.style.enabled': true,
  'plan.today': '2026-11-26',
};

let runCounter = 0;
const live = new Set();

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Creates the run folder with its user settings; returns the paths. With `reuse` (and a `runDir`),
 * an existing run folder is kept as it is (user data, installed extensions, window state), and
 * the user's own settings in it win over QUIET_SETTINGS and `settings`.
 */
export function makeRunDir({ settings = {}, runDir, reuse = false } = {}) {
  const dir = runDir ?? path.join(CS_HOME, `run-${process.pid}${runCounter++ ? `-${runCounter}` : ''}`);
  if (!reuse) rmSync(dir, { recursive: true, force: true });
  const paths = {
    runDir: dir,
    userDataDir: path.join(dir, 'user-data'),
    extensionsDir: path.join(dir, 'extensions'),
    xdgConfig: path.join(dir, 'xdg-config'),
    xdgData: path.join(dir, 'xdg-data'),
    xdgCache: path.join(dir, 'xdg-cache'),
    tmp: path.join(dir, 'tmp'),
    log: path.join(dir, 'code-server.log'),
  };
  for (const p of [paths.userDataDir, paths.extensionsDir, paths.xdgConfig, paths.xdgData, paths.xdgCache, paths.tmp]) mkdirSync(p, { recursive: true });
  mkdirSync(path.join(paths.userDataDir, 'User'), { recursive: true });
  const settingsFile = path.join(paths.userDataDir, 'User', 'settings.json');
  let own = {};
  if (reuse && existsSync(settingsFile)) {
    try {
      own = JSON.parse(readFileSync(settingsFile, 'utf8'));
    } catch {
      return paths; // JSON with comments (as VS Code allows): the user's file stays untouched
    }
  }
  writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, ...settings, ...own }, null, 2) + '\n');
  return paths;
}

function envFor(paths, extra) {
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: paths.xdgConfig,
    XDG_DATA_HOME: paths.xdgData,
    XDG_CACHE_HOME: paths.xdgCache,
    TMPDIR: paths.tmp,
    ...extra,
  };
  // Nothing of the caller's debugging or Electron setup leaks into code-server.
  for (const k of ['NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE', 'VSCODE_IPC_HOOK_CLI', 'VSCODE_PID', 'VSCODE_CWD', 'VSCODE_NLS_CONFIG']) delete env[k];
  return env;
}

async function installation() {
  return installed() ?? (await setup());
}

/**
 * Installs a .vsix into a run folder's extensions dir (before the server starts, or while it runs:
 * a running workbench then needs a reload).
 */
export async function installExtension(paths, vsix) {
  const cs = await installation();
  await new Promise((resolve, reject) => {
    const child = spawn(
      cs.node,
      [cs.entry, '--user-data-dir', paths.userDataDir, '--extensions-dir', paths.extensionsDir, '--force', '--install-extension', path.resolve(vsix)],
      { env: envFor(paths), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`installing ${vsix} failed (exit code ${code}):\n${out}`))));
  });
}

/**
 * Writes <user-data>/languagepacks.json for the language packs in the extensions dir, as VS Code's
 * language pack service does after it installs one itself. `--install-extension` on the command
 * line does not run that service, and without the file `--locale` finds no pack and falls back to
 * English.
 */
export function registerLanguagePacks(paths) {
  const packs = {};
  for (const dir of readdirSync(paths.extensionsDir, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const folder = path.join(paths.extensionsDir, dir.name);
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    const id = `${manifest.publisher}.${manifest.name}`.toLowerCase();
    for (const loc of manifest.contributes?.localizations ?? []) {
      if (typeof loc.languageId !== 'string' || !Array.isArray(loc.translations) || !loc.translations.length) continue;
      const pack = (packs[loc.languageId] ??= { hash: '', extensions: [], translations: {}, label: loc.localizedLanguageName ?? loc.languageName });
      pack.extensions.push({ extensionIdentifier: { id }, version: manifest.version });
      for (const t of loc.translations) pack.translations[t.id] = path.join(folder, t.path);
    }
  }
  for (const pack of Object.values(packs)) {
    const md5 = createHash('md5');
    for (const e of pack.extensions) md5.update(e.extensionIdentifier.id).update(e.version);
    pack.hash = md5.digest('hex');
  }
  writeFileSync(path.join(paths.userDataDir, 'languagepacks.json'), JSON.stringify(packs));
  return Object.keys(packs);
}

/**
 * Starts code-server on 127.0.0.1 and resolves once GET /healthz answers.
 *
 * options:
 *   folder            the workspace folder to open by default (optional)
 *   settings          user settings on top of QUIET_SETTINGS
 *   extraArgs         more code-server arguments (e.g. ['--vscode-option', 'enable-smoke-test-driver'])
 *   env               more environment variables (inherited by the extension host)
 *   vsix              a .vsix (or a list of them) to install first; language packs among them are
 *                     registered so that `locale` can use them
 *   locale            passed as --locale
 *   readyTimeoutMs    how long to wait for /healthz (default 60 s)
 *   keep              keep the run folder after stop() (default: only when stop({ keep: true }))
 *   runDir, reuse     a run folder of one's own, kept from one start to the next (see makeRunDir)
 *   port              the port (default: a free one)
 *
 * The handle's `exited` promise resolves ({ code, signal }) when code-server's main process ends.
 */
export async function startCodeServer(options = {}) {
  const cs = await installation();
  const paths = makeRunDir(options);
  for (const vsix of [options.vsix ?? []].flat()) await installExtension(paths, vsix);
  if (options.vsix) registerLanguagePacks(paths);
  const port = options.port ?? (await freePort());
  const args = [
    cs.entry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    paths.userDataDir,
    '--extensions-dir',
    paths.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(options.locale ? ['--locale', options.locale] : []),
    ...(options.extraArgs ?? []),
    ...(options.folder ? [options.folder] : []),
  ];
  const logStream = createWriteStream(paths.log);
  const started = performance.now();
  // detached: the child calls setsid(), so it leads a new process group that stop() can end whole.
  const child = spawn(cs.node, args, { cwd: paths.runDir, env: envFor(paths, options.env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keepTail = (d) => {
    logStream.write(d);
    tail = (tail + d).slice(-8000);
  };
  child.stdout.on('data', keepTail);
  child.stderr.on('data', keepTail);
  let exited = false;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => ((exited = true), resolve({ code, signal }))));
  child.on('error', (e) => keepTail(`spawn error: ${e.message}\n`));

  const handle = {
    ...paths,
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    node: cs.node,
    codeServerVersion: cs.codeServer,
    /** Resolves with { code, signal } when code-server's main process has ended. */
    exited: exit,
    /** The last lines code-server printed. */
    logTail: () => tail,
    /** Ends the whole process group: SIGTERM, then SIGKILL after graceMs. Idempotent. */
    async stop({ graceMs = 5000, keep = options.keep ?? false } = {}) {
      if (!handle.stopped) {
        handle.stopped = stopGroup(child.pid, exit, graceMs).finally(() => {
          live.delete(handle);
          logStream.end();
        });
      }
      await handle.stopped;
      if (!keep) rmSync(paths.runDir, { recursive: true, force: true });
    },
  };
  live.add(handle);

  const timeout = options.readyTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeout;
  let lastError;
  for (let attempt = 0; ; attempt++) {
    if (exited) {
      await handle.stop({ keep: true });
      throw new Error(`code-server exited before it was ready. Its output (${paths.log}):\n${tail}`);
    }
    try {
      const res = await fetch(`${handle.url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
      lastError = `HTTP ${res.status}`;
    } catch (e) {
      lastError = e?.cause?.code ?? e?.message ?? String(e);
    }
    if (Date.now() > deadline) {
      await handle.stop({ keep: true });
      throw new Error(`code-server did not answer /healthz within ${timeout} ms (last: ${lastError}). Its output:\n${tail}`);
    }
    // Readiness poll of an external server, with a bounded number of short back-offs.
    await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 500)));
  }
  handle.readyMs = Math.round(performance.now() - started);
  return handle;
}

/**
 * The workbench URL for a running server: open `folder`, and optionally load an extension from a
 * folder (extensionDevelopmentPath) and run a test module in the extension host (extensionTestsPath;
 * needs the server started with `--vscode-option enable-smoke-test-driver` so that the result comes
 * back through window.codeAutomationExit). Paths are absolute paths on this machine.
 */
export function workbenchUrl(cs, { folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = [];
  if (folder) query.push(`folder=${encodeURIComponent(folder)}`);
  if (payload.length) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${cs.url}/${query.length ? `?${query.join('&')}` : ''}`;
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

async function stopGroup(pgid, exit, graceMs) {
  if (!pgid) return;
  const signal = (sig) => {
    try {
      process.kill(-pgid, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timer = new Promise((r) => setTimeout(r, graceMs, 'timeout'));
  const first = await Promise.race([exit, timer]);
  // The main process may be gone while its extension host or language server linger: wait for the
  // whole group (bounded), then kill whatever is left.
  const deadline = Date.now() + (first === 'timeout' ? 0 : graceMs);
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pgid)) signal('SIGKILL');
  const killDeadline = Date.now() + 5000;
  while (groupAlive(pgid) && Date.now() < killDeadline) await new Promise((r) => setTimeout(r, 50));
  if (groupAlive(pgid)) throw new Error(`process group ${pgid} survived SIGKILL`);
}

/** Stops every server this process started (for exit and signal handlers). */
export async function stopAll() {
  await Promise.allSettled([...live].map((h) => h.stop({ graceMs: 2000 })));
}

/** Synchronous last resort for process 'exit': SIGKILL every group still running. */
export function killAllSync() {
  for (const h of live) {
    try {
      process.kill(-h.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

/** Reads a JSON file if it exists (e.g. the suite's results). */
export function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Headless Chromium's flags for this closed network: no sandbox as root, no background connections. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
