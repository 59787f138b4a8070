/**
 * Loading a bundle through V8's code cache (server/src/node/code-cache.ts): written once the code
 * has run, used by the next load, never read when damaged, from another build or from a folder
 * others can write to, and written only to the folder given.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCacheDir, loadBundle } from '../../server/src/node/code-cache';

/** A small CommonJS bundle: exports a function, and counts its loads in a global (each load runs it again). */
const BUNDLE = `"use strict";
globalThis.__codeCacheLoads = (globalThis.__codeCacheLoads ?? 0) + 1;
const path = require('node:path');
function words(s) { return s.split(/\\s+/).filter(Boolean).map((w) => w.toUpperCase()); }
module.exports = { words, base: path.basename(__filename), dir: __dirname, same: exports === module.exports };
`;

const CODE_CACHE = join(__dirname, '../../server/src/node/code-cache.ts');

/**
 * Loads the bundle in a new process and saves its cache: V8 keeps the scripts it compiled, so only
 * a new isolate shows whether it took the cache (`used`) or rejected it.
 */
function loadFresh(bundle: string, cache: string): { state: string; words: string[]; saved?: string } {
  const script = `const { loadBundle } = require(${JSON.stringify(CODE_CACHE)});
const b = loadBundle(${JSON.stringify(bundle)}, ${JSON.stringify(cache)});
console.log(JSON.stringify({ state: b.cache.state, words: b.exports.words('ett två'), saved: b.cache.save() }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { state: string; words: string[]; saved?: string };
}

interface Bundle {
  words(s: string): string[];
  base: string;
  dir: string;
  same: boolean;
}

describe('The code cache of the server’s bundles', () => {
  // Windows has no POSIX modes: there the folder is the client's own storage, and is not checked.
  const posix = process.platform !== 'win32';
  let root: string;
  let bundle: string;
  let cache: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'code-cache-'));
    bundle = join(root, 'dist', 'bundle.js');
    mkdirSync(join(root, 'dist'));
    writeFileSync(bundle, BUNDLE);
    cache = join(root, 'cache');
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const cacheFiles = () => readdirSync(cache).filter((f) => f.endsWith('.cache'));

  it('Should load the bundle as require does, write the cache once it has run, and use it next time', () => {
    const first = loadBundle<Bundle>(bundle, cache);
    assert.equal(first.cache.state, 'absent');
    assert.deepEqual(first.exports.words('en  plan'), ['EN', 'PLAN']);
    assert.deepEqual(
      [first.exports.base, first.exports.dir, first.exports.same],
      ['bundle.js', join(root, 'dist'), true],
      'its own __filename, __dirname and exports',
    );
    assert.match(first.cache.save() ?? '', /^plan: code cache written: .*bundle\..*\.cache \(it was absent\)$/);
    assert.equal(first.cache.save(), undefined, 'written once');
    const [file] = cacheFiles();
    assert.ok(file?.startsWith('bundle.'), `the cache file is named after the bundle (${file})`);
    if (posix) {
      // Only the user may write the folder and the file.
      assert.equal(statSync(cache).mode & 0o777, 0o700);
      assert.equal(statSync(join(cache, file)).mode & 0o777, 0o600);
    }
    const second = loadFresh(bundle, cache);
    assert.equal(second.state, 'used', 'V8 took the cache');
    assert.deepEqual(second.words, ['ETT', 'TVÅ']);
    assert.match(second.saved ?? '', /^plan: code cache used: /);
    assert.deepEqual(cacheFiles(), [file], 'nothing more written');
  });

  it('Should never give V8 a damaged cache: the bundle loads without it and the cache is written anew', () => {
    loadBundle<Bundle>(bundle, cache).cache.save();
    const file = join(cache, cacheFiles()[0]);
    const data = readFileSync(file);
    // The same length, some bytes changed in the middle: V8 itself would not notice.
    for (let i = Math.floor(data.length / 2); i < data.length; i += 7) data[i] ^= 0x5a;
    writeFileSync(file, data);
    const loaded = loadBundle<Bundle>(bundle, cache);
    assert.equal(loaded.cache.state, 'invalid');
    assert.deepEqual(loaded.exports.words('x'), ['X']);
    assert.match(loaded.cache.save() ?? '', /\(it was invalid\)$/);
    assert.equal(loadFresh(bundle, cache).state, 'used', 'the new cache is good');
  });

  it('Should write the cache anew when V8 rejects it (another V8, other flags)', () => {
    loadBundle<Bundle>(bundle, cache).cache.save();
    const file = join(cache, cacheFiles()[0]);
    // A well-formed file (magic and checksum right) whose data is not V8's.
    const junk = Buffer.alloc(4096, 7);
    writeFileSync(file, Buffer.concat([Buffer.from('PLANCC01'), createHash('sha256').update(junk).digest(), junk]));
    const loaded = loadFresh(bundle, cache);
    assert.equal(loaded.state, 'rejected');
    assert.deepEqual(loaded.words, ['ETT', 'TVÅ']);
    assert.match(loaded.saved ?? '', /\(it was rejected\)$/);
    assert.equal(loadFresh(bundle, cache).state, 'used');
  });

  it('Should key the cache by the bundle’s content: a new build gets a new cache, and the old one is removed', () => {
    loadBundle<Bundle>(bundle, cache).cache.save();
    const [old] = cacheFiles();
    // The same length, other code: V8's own check (the source's length) would take the old cache.
    writeFileSync(bundle, BUNDLE.replace('toUpperCase', 'toLowerCase'));
    const loaded = loadBundle<Bundle>(bundle, cache);
    assert.equal(loaded.cache.state, 'absent');
    assert.deepEqual(loaded.exports.words('Ab'), ['ab'], 'the new code runs');
    loaded.cache.save();
    const files = cacheFiles();
    assert.equal(files.length, 1);
    assert.notEqual(files[0], old);
  });

  it('Should neither read nor write a cache in a folder others can write to', () => {
    mkdirSync(cache, { mode: 0o700 });
    loadBundle<Bundle>(bundle, cache).cache.save();
    const [file] = cacheFiles();
    chmodSync(cache, 0o777);
    const loaded = loadBundle<Bundle>(bundle, cache);
    assert.equal(loaded.cache.state, posix ? 'unsafe' : 'used');
    assert.deepEqual(loaded.exports.words('z'), ['Z']);
    if (posix) assert.match(loaded.cache.save() ?? '', /not used: .* is not a folder that only this user can write to/);
    assert.deepEqual(cacheFiles(), [file], 'nothing written');
  });

  it('Should not read a cache file others can write to, and replace it', () => {
    loadBundle<Bundle>(bundle, cache).cache.save();
    const file = join(cache, cacheFiles()[0]);
    chmodSync(file, 0o666);
    const loaded = loadBundle<Bundle>(bundle, cache);
    assert.equal(loaded.cache.state, posix ? 'invalid' : 'used');
    loaded.cache.save();
    if (posix) assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('Should write nothing without a folder, and take the folder only from an absolute --code-cache= argument', () => {
    const loaded = loadBundle<Bundle>(bundle, undefined);
    assert.equal(loaded.cache.state, 'off');
    assert.deepEqual(loaded.exports.words('q'), ['Q']);
    assert.equal(loaded.cache.save(), undefined);
    assert.deepEqual(readdirSync(root), ['dist']);
    assert.deepEqual(readdirSync(join(root, 'dist')), ['bundle.js']);
    assert.equal(codeCacheDir(['node', 'server.js', '--stdio']), undefined);
    assert.equal(codeCacheDir(['node', 'server.js', '--code-cache=relative/dir']), undefined);
    assert.equal(codeCacheDir(['node', 'server.js', '--stdio', `--code-cache=${cache}`]), cache);
  });
});
