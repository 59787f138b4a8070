// Bundles the language server, the command line checker and the VS Code client with esbuild: for
// Node (package.json `main`) and for the browser (`browser`: VS Code in the browser runs the client in
// a web worker extension host, and the client starts the server in a web worker of its own).
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
// first asked for: the server loads it only for a worksheet (its analysis workers have a bundle of
// their own, dist/analysis-worker.js), nor does plan-check unless it is asked for a worksheet.
const worksheetApart = {
  name: 'worksheet-apart',
  setup(build) {
    build.onResolve({ filter: /[\\/]node[\\/]worksheet$/ }, () => ({ path: './worksheet.js', external: true }));
  },
};
const builds = [
  // The language server: a small entry (dist/server.js) that starts the first analysis worker and
  // loads the server (dist/server-main.js) or, in a worker, the library (dist/analysis-worker.js),
  // so that neither thread loads the other's code (server/src/main.ts).
  esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/node/server.ts'], outfile: 'dist/server-main.js', plugins: [oneProtocol, worksheetApart] }),
  esbuild.build({ ...common, entryPoints: ['server/src/node/analysis-worker.ts'], outfile: 'dist/analysis-worker.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', plugins: [worksheetApart] }),
  // plan-import: Word documents as plans (mammoth and rehype, bundled apart so that plan-check stays small).
  esbuild.build({ ...common, entryPoints: ['server/src/cli/import-main.ts'], outfile: 'dist/import.js' }),
  // The same importer for the language server, which loads it at the first import (server/src/node/word-requests.ts).
  esbuild.build({ ...common, entryPoints: ['server/src/word/index.ts'], outfile: 'dist/word.js' }),
  // plan-publish: the plan as Word or as a web page (bin/plan-publish.js).
  esbuild.build({ ...common, entryPoints: ['server/src/cli/publish-main.ts'], outfile: 'dist/publish.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/node/worksheet.ts'], outfile: 'dist/worksheet.js' }),
  // plan-check's worker threads (server/src/cli/pool.ts starts them from dist/cli-worker.js).
  esbuild.build({ ...common, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cli-worker.js' }),
];
if (existsSync('client/src/extension.ts')) {
  builds.push(esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }));
}
// The browser build: the client (CommonJS, as VS Code's web extension host loads a `browser` entry) and
// the server (a classic web worker script, so an IIFE). No Node polyfills: the server's Node-only parts
// stay behind server/src/node/ (its host gives it the client's file system instead, server/src/browser-host.ts);
// `vscode-languageserver/node` names are the browser build's (same API, postMessage transport).
// (Node resolves only the `node` condition of the package's exports: the browser file is beside it.)
const browserServer = require.resolve('vscode-languageserver/node').replace(/lib[\\/]node[\\/]main\.js$/, 'lib/browser/main.js');
const browserOnly = {
  name: 'browser-only',
  setup(build) {
    build.onResolve({ filter: /^vscode-languageserver\/node$/ }, () => ({ path: browserServer }));
    build.onResolve({ filter: /^node:|^(fs|path|url|os|net|stream|worker_threads|child_process|crypto)$/ }, (args) => ({
      errors: [{ text: `${args.path} (imported by ${args.importer}) is a Node module: the browser build cannot have it` }],
    }));
  },
};
// Both run in web workers, which have no DOM: packages' `worker` builds before their `browser` ones
// (decode-named-character-reference's browser build decodes through `document`).
const browser = { ...common, platform: 'browser', target: 'es2022', conditions: ['worker'] };
if (existsSync('client/src/browser.ts')) {
  builds.push(
    // The client keeps the protocol package its language client uses (one vscode-jsonrpc, set up for the browser).
    esbuild.build({
      ...browser,
      entryPoints: ['client/src/browser.ts'],
      outfile: 'dist/browser-extension.js',
      format: 'cjs',
      external: ['vscode'],
      plugins: [browserOnly],
    }),
    esbuild.build({
      ...browser,
      entryPoints: ['server/src/browser.ts'],
      outfile: 'dist/browser-server.js',
      format: 'iife',
      plugins: [oneProtocol, browserOnly],
    }),
  );
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
