// ESLint: typescript-eslint's recommended rules (not type-checked, so it stays fast) and the
// architecture as import rules. `npm run lint` runs it with Prettier; `npm run format` fixes both.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/** Node's globals for the scripts (no `globals` package needed for these few). */
const NODE_GLOBALS = Object.fromEntries(
  [
    'AbortController',
    'AbortSignal',
    'Blob',
    'Buffer',
    'URL',
    'URLSearchParams',
    'TextDecoder',
    'TextEncoder',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'global',
    'performance',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const NODE_BUILTIN = `^(?:node:.*|(?:${builtinModules.map(escape).join('|')})(?:/.*)?)$`;

/** Imports the plan library may never make, whatever its folder. */
const CORE_FORBIDDEN = [
  { regex: NODE_BUILTIN, message: 'The plan library (server/src/core) runs in a browser too: no Node built-ins.' },
  { regex: '^vscode$', message: 'The plan library (server/src/core) knows nothing of VS Code.' },
  { regex: '^vscode-language(server|client)', message: 'The plan library (server/src/core) knows nothing of LSP: convert in the server.' },
];

/**
 * A relative import that leaves server/src/core from a file `depth` folders below it (the render
 * module, lsp, cli, node, the server …). Only the Swedish message bundle is allowed outside.
 */
const outsideCore = (depth) => ({
  regex: `^(?:\\.\\./){${depth + 1}}(?!\\.\\./\\.\\./l10n/bundle\\.l10n\\.sv\\.json$)`,
  message: 'The plan library (server/src/core) imports nothing outside itself: the server, CLI and client import it, never the reverse.',
});

export default defineConfig([
  globalIgnores([
    'dist/',
    'out/',
    '.code-server/',
    '.vscode-test/',
    'test-results/',
    'test/fixtures/',
    'test/fixtures-hostile/',
    'test/integration/langpack-sv/',
  ]),
  {
    name: 'plan/typescript-and-scripts',
    files: ['server/**/*.ts', 'client/**/*.ts', 'scripts/**/*.{ts,mjs}', 'test/**/*.{ts,mjs}', 'bin/**/*.js', '*.mjs'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: NODE_GLOBALS },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    // A leading underscore marks a parameter kept for its position.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }] },
  },
  {
    name: 'plan/browser-callbacks',
    // Playwright's page.evaluate callbacks run in the browser.
    files: ['scripts/e2e/**/*.mjs', 'test/ui/**/*.mjs'],
    languageOptions: {
      globals: Object.fromEntries(['document', 'window', 'getComputedStyle', 'navigator', 'location', 'Element', 'HTMLElement'].map((n) => [n, 'readonly'])),
    },
  },
  {
    name: 'plan/bin-commonjs',
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The core's folders one by one, so that "outside the core" is exact at every depth.
  ...[0, 1, 2, 3].map((depth) => ({
    name: `plan/core-imports-depth-${depth}`,
    files: [`server/src/core/${'*/'.repeat(depth)}*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [...CORE_FORBIDDEN, outsideCore(depth)] }] },
  })),
  {
    // The library and the language server also run in a browser's web worker (the browser build):
    // no Node globals there, but in the two modules only the Node host loads.
    name: 'plan/no-node-globals',
    files: ['server/src/core/**/*.ts', 'server/src/lsp/**/*.ts'],
    ignores: ['server/src/lsp/transport.ts', 'server/src/lsp/analysis.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['setImmediate', 'clearImmediate', 'process', 'Buffer', '__dirname', '__filename', 'require', 'global'].map((name) => ({
          name,
          message: 'A Node global: the browser build runs this code in a web worker (use lsp/util.ts nextTurn for setImmediate).',
        })),
      ],
    },
  },
  {
    // One module takes the package's values (lsp/lsp-values.ts): the bundle copies all its exports
    // for every module that imports a value from it, which slowed the server's start.
    name: 'plan/one-import-of-the-language-server',
    // Not the core's files, which have rules of their own for this option (and import no LSP).
    files: ['server/src/lsp/**/*.ts', 'server/src/node/**/*.ts', 'server/src/*.ts', 'server/src/cli/**/*.ts'],
    ignores: ['server/src/lsp/lsp-values.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode-languageserver/node',
              allowTypeImports: true,
              message: 'Import its values from server/src/lsp/lsp-values.ts (types may come from here).',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'plan/client-imports',
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(?:^|/)server/src/core(?:/|$)',
              message: 'The client never interprets a plan: it asks the server (server/src/protocol.ts) for what it shows.',
            },
          ],
        },
      ],
    },
  },
]);
