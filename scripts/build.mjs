// Bundles the language server, the command line checker and the VS Code client with esbuild.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { validatorsStamp } from './validators-stamp.mjs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};
// server/src/protocol.ts (shared with the client) imports RequestType from vscode-languageserver-protocol.
// In the server, that is the copy vscode-languageserver itself uses, so the bundle carries one protocol.
const require = createRequire(import.meta.url);
const serverProtocol = require.resolve('vscode-languageserver-protocol', { paths: [require.resolve('vscode-languageserver/node')] });
const oneProtocol = {
  name: 'one-protocol',
  setup(build) {
    build.onResolve({ filter: /^vscode-languageserver-protocol$/ }, () => ({ path: serverProtocol }));
  },
};
// The JSON Schemas' validators, compiled ahead of time (ajv standalone) into the library's data
// folder; regenerated only when an input changed (the stamp in the generated file's header).
const VALIDATORS = 'server/src/core/data/validators.generated.js';
if (!existsSync(VALIDATORS) || !readFileSync(VALIDATORS, 'utf8').includes(`// Inputs: ${validatorsStamp()}\n`)) {
  const gen = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen-validators.ts'], { stdio: 'inherit' });
  if (gen.status !== 0) process.exit(gen.status ?? 1);
}
// The follow-up worksheet (exceljs, some 3 MB) is a bundle of its own, required when a worksheet is
// first asked for: the server's analysis workers start from dist/server.js and never load it, nor
// does plan-check unless it is asked for a worksheet.
const worksheetApart = {
  name: 'worksheet-apart',
  setup(build) {
    build.onResolve({ filter: /[\\/]node[\\/]worksheet$/ }, () => ({ path: './worksheet.js', external: true }));
  },
};
const builds = [
  esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', plugins: [oneProtocol, worksheetApart] }),
  esbuild.build({ ...common, entryPoints: ['server/src/node/worksheet.ts'], outfile: 'dist/worksheet.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', plugins: [worksheetApart] }),
  // plan-check's worker threads (server/src/cli/pool.ts starts them from dist/cli-worker.js).
  esbuild.build({ ...common, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cli-worker.js' }),
];
if (existsSync('client/src/extension.ts')) {
  builds.push(esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }));
}
// The Planöversikt webview's script and styles: loaded from dist/media (its only local resource root).
if (existsSync('client/src/webview/overview.ts')) {
  builds.push(
    esbuild.build({
      ...common,
      platform: 'browser',
      target: 'es2022',
      format: 'iife',
      entryPoints: ['client/src/webview/overview.ts'],
      outfile: 'dist/media/overview.js',
      sourcemap: false,
    }),
  );
}
await Promise.all(builds);
// The JSON Schemas that VS Code uses to complete and validate template and registry files.
mkdirSync('dist/schemas', { recursive: true });
copyFileSync('server/src/core/data/template.schema.json', 'dist/schemas/template.schema.json');
copyFileSync('server/src/core/data/registry.schema.json', 'dist/schemas/registry.schema.json');
mkdirSync('dist/media', { recursive: true });
for (const name of existsSync('client/media') ? readdirSync('client/media') : []) copyFileSync(`client/media/${name}`, `dist/media/${name}`);
