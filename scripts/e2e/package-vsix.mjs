// Builds the extension for production and packages it into a .vsix, the way a user gets it.
//
//   const vsix = await packageVsix(path.join(runDir, 'plan.vsix'));
//
// `node scripts/build.mjs --production` (rewrites dist/: minified, no source maps), then
// `vsce package --no-dependencies --out <file>`. vsce needs Node >= 22: it runs with the project-local
// Node 24 of the code-server installation (setup.mjs) when the current Node is older.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { installed, ROOT, setup } from './setup.mjs';

const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

function run(cmd, args, { quiet = false, ...options } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', ...options });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})${out ? `:\n${out}` : ''}`)),
    );
  });
}

/** `node scripts/build.mjs [--production]` with the current Node. */
export async function build({ production = true } = {}) {
  await run(process.execPath, ['scripts/build.mjs', ...(production ? ['--production'] : [])]);
}

/**
 * Builds (unless build: false) and packages the extension into `out`; returns `out`.
 * quiet: true keeps vsce's file listing out of the console (it is returned in the error on failure).
 */
export async function packageVsix(out, { build: doBuild = true, quiet = true } = {}) {
  if (!existsSync(VSCE)) throw new Error(`@vscode/vsce is not installed (${path.relative(ROOT, VSCE)}): run npm ci`);
  if (doBuild) await build({ production: true });
  const major = Number(process.versions.node.split('.')[0]);
  const node = major >= 22 ? process.execPath : (installed() ?? (await setup())).node;
  mkdirSync(path.dirname(out), { recursive: true });
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  await run(node, [VSCE, 'package', '--no-dependencies', '--out', out], { quiet, env });
  if (!existsSync(out)) throw new Error(`vsce reported success, but ${out} is missing`);
  return out;
}
