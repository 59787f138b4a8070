// Bundles the integration suite (test/integration/suite/index.ts and mocha) into one CommonJS
// file for the extension host; `vscode` stays external (the extension host provides it).
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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

/**
 * The same suite for VS Code's web worker extension host (test/integration/web/index.ts): one
 * CommonJS file with no Node built-ins (the worker fetches it by its own name), mocha's browser
 * build, node:assert/strict as test/integration/web/assert.ts and Buffer from the `buffer` package.
 * Builds into `outDir/web.js`; returns its path.
 */
export async function buildWebSuite(outDir) {
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'web.js');
  const assertShim = path.join(ROOT, 'test/integration/web/assert.ts');
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['test/integration/web/index.ts'],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    inject: [path.join(ROOT, 'test/integration/web/buffer.ts')],
    sourcemap: 'inline',
    logLevel: 'warning',
    plugins: [
      {
        name: 'web-suite',
        setup(build) {
          build.onResolve({ filter: /^(node:)?assert(\/strict)?$/ }, () => ({ path: assertShim }));
          // mocha's browser build is a UMD script: seeing the bundle's `module`, it would replace the
          // suite's exports with itself. Without `module`, `exports` and `define` it sets globalThis.mocha.
          build.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, async (args) => ({
            contents: `(function (module, exports, define) {\n${await readFile(args.path, 'utf8')}\n}).call(globalThis);\n`,
            loader: 'js',
          }));
          build.onResolve({ filter: /^node:|^(fs|path|url|os|util|child_process)$/ }, (args) => ({
            errors: [{ text: `${args.path} (imported by ${args.importer}) is a Node module: the web suite cannot have it` }],
          }));
        },
      },
    ],
  });
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, 'out', 'integration'));
  console.log(await buildSuite(out));
}
