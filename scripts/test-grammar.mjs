#!/usr/bin/env node
// Snapshot tests for the plan injection grammar (syntaxes/plan.injection.tmLanguage.json).
//
//   node scripts/test-grammar.mjs            compare every test/grammar/*.md with its .md.snap
//   node scripts/test-grammar.mjs --update   rewrite the snapshots (and create missing ones)
//   node scripts/test-grammar.mjs [--update] test/grammar/plan.md ...   only the named samples
//
// Each sample is one test, run through vscode-tmgrammar-snap (package vscode-tmgrammar-test)
// with VS Code's Markdown grammar and the YAML grammar from tm-grammars plus our injection, as
// configured in test/grammar/grammars.config.json. Without --update a snapshot is never written:
// a sample without a snapshot fails. Ends with "grammar: N passed, M failed"; exits 1 on failure.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sampleDir = path.join(root, 'test', 'grammar');
const config = path.join(sampleDir, 'grammars.config.json');
const tool = path.join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'snapshot.js');

const args = process.argv.slice(2);
const update = args.includes('--update') || args.includes('-u');
const unknown = args.filter((a) => a.startsWith('-') && a !== '--update' && a !== '-u');
if (unknown.length) {
  console.error(`Unknown option ${unknown.join(', ')}. Usage: node scripts/test-grammar.mjs [--update] [sample.md ...]`);
  process.exit(2);
}
for (const [what, p] of [
  ['vscode-tmgrammar-test', tool],
  ['grammar config', config],
]) {
  if (!existsSync(p)) {
    console.error(`Missing ${what}: ${path.relative(root, p)}`);
    process.exit(2);
  }
}

const named = args.filter((a) => !a.startsWith('-')).map((a) => path.resolve(a));
const samples = named.length
  ? named
  : readdirSync(sampleDir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => path.join(sampleDir, f));
if (samples.length === 0) {
  console.error(`No samples (*.md) in ${path.relative(root, sampleDir)}`);
  process.exit(2);
}

// The Markdown grammar embeds many languages (fenced code, HTML) that the tests do not load; the
// tool warns about each one on stderr. Those warnings are expected and are dropped.
const expectedNoise = /^grammar not found for "[^"]*"\s*$/;

let passed = 0;
let failed = 0;
for (const sample of samples) {
  const rel = path.relative(root, sample).split(path.sep).join('/');
  if (!existsSync(sample)) {
    console.log(`✖ ${rel}: no such file`);
    failed++;
    continue;
  }
  if (!update && !existsSync(`${sample}.snap`)) {
    console.log(`✖ ${rel}: no snapshot ${rel}.snap (create it with: node scripts/test-grammar.mjs --update)`);
    failed++;
    continue;
  }
  const toolArgs = [tool, '--config', path.relative(root, config), ...(update ? ['--updateSnapshot'] : ['--expandDiff']), rel];
  const r = spawnSync(process.execPath, toolArgs, {
    cwd: root,
    encoding: 'utf8',
    env: process.stdout.isTTY ? { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } : process.env,
  });
  const stdout = (r.stdout ?? '').trimEnd();
  const stderr = (r.stderr ?? '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !expectedNoise.test(l))
    .join('\n');
  const ok = r.status === 0 && !r.error;
  if (ok) {
    passed++;
    console.log(update ? stdout || `✓ ${rel}` : `✓ ${rel}`);
    if (stderr) console.log(stderr);
  } else {
    failed++;
    console.log(`✖ ${rel}`);
    if (r.error) console.log(String(r.error));
    if (stdout) console.log(stdout);
    if (stderr) console.log(stderr);
  }
}

if (!named.length) {
  const orphans = readdirSync(sampleDir).filter((f) => f.endsWith('.md.snap') && !existsSync(path.join(sampleDir, f.slice(0, -'.snap'.length))));
  for (const o of orphans) console.log(`warning: snapshot without a sample: test/grammar/${o}`);
}

console.log(`grammar: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
