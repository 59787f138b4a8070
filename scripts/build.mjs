// Bundles the language server, the command line checker and the VS Code client with esbuild.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';

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
const builds = [
  esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
];
if (existsSync('client/src/extension.ts')) {
  builds.push(esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }));
}
// The Planöversikt webview's script and styles: loaded from dist/media (its only local resource root).
if (existsSync('client/src/webview/overview.ts')) {
  builds.push(
    esbuild.build({ ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['client/src/webview/overview.ts'], outfile: 'dist/media/overview.js', sourcemap: false }),
  );
}
await Promise.all(builds);
// The JSON Schemas that VS Code uses to complete and validate template and registry files.
mkdirSync('dist/schemas', { recursive: true });
copyFileSync('server/src/core/data/template.schema.json', 'dist/schemas/template.schema.json');
copyFileSync('server/src/core/data/registry.schema.json', 'dist/schemas/registry.schema.json');
mkdirSync('dist/media', { recursive: true });
for (const name of existsSync('client/media') ? readdirSync('client/media') : []) copyFileSync(`client/media/${name}`, `dist/media/${name}`);
