// Bundles the integration suite (test/integration/suite/index.ts and mocha) into one CommonJS
// file for the extension host; `vscode` stays external (the extension host provides it).
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds into `outDir/index.js`; returns its path. */
export async function buildSuite(outDir) {
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'index.js');
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['test/integration/suite/index.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    // mocha probes for optional modules it does not need here.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, 'out', 'integration'));
  console.log(await buildSuite(out));
}
