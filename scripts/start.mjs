#!/usr/bin/env node
// `npm start`: VS Code in the browser (code-server) on the example plans, with this extension
// installed from a freshly packaged .vsix — what a user gets from the Marketplace.
//
//   1. builds and packages the extension: node scripts/build.mjs --production, then
//      vsce package → .code-server/plan.vsix
//   2. installs code-server into .code-server/ on first use (scripts/e2e/setup.mjs; a few minutes)
//   3. starts code-server on 127.0.0.1 on a copy of the examples/ folder in .code-server/start/examples
//      (ignored by git, made on the first start and with --fresh), so that edits and exports never
//      touch the tracked files; with the extension and the quiet user settings, and prints its address
//   4. runs until Ctrl+C, then stops code-server's whole process group (its extension host and the
//      language server too)
//
// Usage: npm start [-- OPTIONS]   or   node scripts/start.mjs [OPTIONS]
//   --port N      the port (default 8080 when it is free, else a free one)
//   --folder DIR  the folder to open as it is (default: the copy of examples/)
//   --locale L    VS Code's display language: sv (default; the language server then speaks
//                 Swedish — through the minimal test language pack, so VS Code's own texts stay
//                 English) or en
//   --no-build    install the last packaged .code-server/plan.vsix as it is
//   --dev         load the extension from the project folder (extensionDevelopmentPath) instead of
//                 installing the .vsix: after `node scripts/build.mjs`, "Developer: Reload Window"
//                 picks up the new build
//   --fresh       forget the user data of earlier starts (settings, open editors, window state) and
//                 copy examples/ afresh
//
// The user data lives in .code-server/start/ and is kept from one start to the next; code-server's
// log is .code-server/start/code-server.log. code-server listens on 127.0.0.1 only, without a
// password (--auth none).
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, killAllSync, startCodeServer, workbenchUrl } from './e2e/code-server.mjs';
import { packLanguagePack } from './e2e/langpack.mjs';
import { build, packageVsix } from './e2e/package-vsix.mjs';
import { CS_HOME, installed, ROOT, setup } from './e2e/setup.mjs';

const { values: opts } = parseArgs({
  options: {
    port: { type: 'string' },
    folder: { type: 'string' },
    locale: { type: 'string', default: 'sv' },
    'no-build': { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const log = (msg) => console.log(`[start] ${msg}`);
const secs = (t) => `${((performance.now() - t) / 1000).toFixed(1)} s`;
const DEFAULT_PORT = 8080;
const RUN_DIR = path.join(CS_HOME, 'start');
/** {pid, url} of the running `npm start`: one at a time uses RUN_DIR. */
const RUNNING = path.join(RUN_DIR, 'running.json');

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

if (opts.help) {
  console.log('Usage: npm start [-- --port N] [--folder DIR] [--locale sv|en] [--no-build] [--dev] [--fresh]');
  process.exit(0);
}

/** Whether 127.0.0.1:port can be listened on now. */
function portFree(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function choosePort() {
  if (opts.port !== undefined) {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port ${opts.port}: not a port number`);
    if (!(await portFree(port))) throw new Error(`port ${port} is in use (leave out --port to take ${DEFAULT_PORT} or any free one)`);
    return port;
  }
  if (await portFree(DEFAULT_PORT)) return DEFAULT_PORT;
  const port = await freePort();
  log(`port ${DEFAULT_PORT} is in use: taking ${port}`);
  return port;
}

/** A copy of examples/ to work in, made once (and again with --fresh): the tracked files stay as they are. */
function examplesCopy() {
  const copy = path.join(RUN_DIR, 'examples');
  if (!existsSync(copy)) {
    cpSync(path.join(ROOT, 'examples'), copy, { recursive: true });
    log(`copied examples/ to ${path.relative(ROOT, copy)}/ (edits and exports stay there)`);
  }
  return copy;
}

/** The workbench address, readable: the folder's slashes left as they are. */
function address(cs, folder) {
  if (opts.dev) return workbenchUrl(cs, { folder, extensionDevelopmentPath: ROOT });
  return `${cs.url}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`;
}

let cs;
let stopping = false;

async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log('');
  log(`${signal}: stopping code-server …`);
  try {
    await cs?.stop({ keep: true });
    rmSync(RUNNING, { force: true });
    log('stopped.');
    process.exit(0);
  } catch (e) {
    console.error(`[start] ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}

async function main() {
  const chosen = opts.folder ? path.resolve(opts.folder) : undefined;
  if (chosen && !existsSync(chosen)) throw new Error(`no folder ${chosen}`);
  if (!['sv', 'en'].includes(opts.locale)) throw new Error(`--locale ${opts.locale}: sv or en`);

  try {
    const other = JSON.parse(readFileSync(RUNNING, 'utf8'));
    if (other.pid !== process.pid && alive(other.pid)) throw new Error(`npm start is already running (process ${other.pid}): ${other.url}`);
  } catch (e) {
    if (e.code !== 'ENOENT' && !(e instanceof SyntaxError)) throw e;
  }

  const t0 = performance.now();
  if (!installed()) {
    log('first use: installing code-server into .code-server/ (a few minutes) …');
    await setup();
  }

  const vsix = path.join(CS_HOME, 'plan.vsix');
  const tb = performance.now();
  if (opts.dev) {
    if (!opts['no-build']) {
      await build({ production: false });
      log(`built the extension (node scripts/build.mjs) in ${secs(tb)}`);
    }
  } else if (opts['no-build'] && existsSync(vsix)) {
    log(`installing ${path.relative(ROOT, vsix)} as it is (--no-build)`);
  } else {
    log('building and packaging the extension (build --production, vsce package) …');
    await packageVsix(vsix);
    log(`packaged ${path.relative(ROOT, vsix)} in ${secs(tb)}`);
  }
  const packs = opts.locale === 'sv' ? [await packLanguagePack(CS_HOME)] : [];

  if (opts.fresh) rmSync(RUN_DIR, { recursive: true, force: true });
  const folder = chosen ?? examplesCopy();
  const port = await choosePort();
  const ts = performance.now();
  cs = await startCodeServer({
    port,
    folder,
    locale: opts.locale,
    vsix: [...packs, ...(opts.dev ? [] : [vsix])],
    // A built VS Code takes extensionDevelopmentPath from the URL's payload only with the smoke-test driver on.
    extraArgs: opts.dev ? ['--vscode-option', 'enable-smoke-test-driver'] : [],
    runDir: RUN_DIR,
    reuse: true,
    keep: true,
  });
  log(`code-server ${cs.codeServerVersion} ready in ${secs(ts)} (${secs(t0)} in all); log: ${path.relative(ROOT, cs.log)}`);

  const url = address(cs, folder);
  writeFileSync(RUNNING, JSON.stringify({ pid: process.pid, url }) + '\n');
  const line = '─'.repeat(Math.min(100, url.length + 4));
  console.log(
    `\n${line}\n  VS Code with the plan extension, on ${path.relative(ROOT, folder) || '.'}/:\n\n  ${url}\n\n  Open it in a browser. Ctrl+C stops the server.\n${line}\n`,
  );

  const { code, signal } = await cs.exited;
  if (!stopping) {
    log(`code-server ended by itself (${signal ?? `exit code ${code}`}); the last lines of its log:\n${cs.logTail().split('\n').slice(-20).join('\n')}`);
    await cs.stop({ keep: true, graceMs: 2000 }).catch(() => undefined);
    rmSync(RUNNING, { force: true });
    process.exit(code || 1);
  }
}

process.on('SIGINT', () => void stop('Ctrl+C'));
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGHUP', () => void stop('SIGHUP'));
process.on('exit', killAllSync);

main().catch(async (e) => {
  console.error(`[start] FAILED: ${e instanceof Error ? e.message : e}`);
  await cs?.stop({ keep: true, graceMs: 2000 }).catch(() => undefined);
  process.exit(1);
});
