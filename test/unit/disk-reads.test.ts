/**
 * The reads the register's scan and the workspace check share (server/src/lsp/disk-reads.ts):
 * a read is handed to a second reader once, within SHARE_MS, for the same size limit, and never
 * after the file changed (forget); otherwise the file is read again. Compared on random runs
 * with what reading every time would give.
 */
import * as assert from 'node:assert/strict';
import type { FileRead } from '../../server/src/config-files';
import { MAX_KEPT_CHARS, SHARE_MS, SharedReads } from '../../server/src/lsp/disk-reads';
import { seeded } from '../helpers/random';

/** A file system of a few files whose contents change, counting its reads. */
function fakeDisk() {
  const versions = new Map<string, number>();
  let reads = 0;
  return {
    versions,
    get reads() {
      return reads;
    },
    readFile: async (file: string, maxChars: number): Promise<FileRead> => {
      reads++;
      if (file === 'trasig.md') throw new Error('EIO');
      const text = `${file} v${versions.get(file) ?? 0}`;
      return text.length > maxChars ? { kind: 'too-large', bytes: text.length, maxChars } : { kind: 'text', text };
    },
  };
}

describe('Shared reads of workspace files (register scan and workspace check)', () => {
  it('Should hand a read to the second reader once, then read again', async () => {
    const disk = fakeDisk();
    const reads = new SharedReads(disk.readFile, () => 0);
    assert.deepEqual(await reads.read('a.md', 100), { kind: 'text', text: 'a.md v0' });
    assert.deepEqual(await reads.read('a.md', 100), { kind: 'text', text: 'a.md v0' });
    assert.equal(disk.reads, 1);
    await reads.read('a.md', 100);
    assert.equal(disk.reads, 2);
  });

  it('Should read again after a change on disk, after SHARE_MS, or with another size limit', async () => {
    const disk = fakeDisk();
    let now = 0;
    const reads = new SharedReads(disk.readFile, () => now);
    await reads.read('a.md', 100);
    disk.versions.set('a.md', 1);
    reads.forget('a.md');
    assert.deepEqual(await reads.read('a.md', 100), { kind: 'text', text: 'a.md v1' });
    assert.equal(disk.reads, 2);
    now += SHARE_MS + 1;
    await reads.read('a.md', 100);
    assert.equal(disk.reads, 3);
    assert.deepEqual(await reads.read('a.md', 3), { kind: 'too-large', bytes: 7, maxChars: 3 });
    assert.equal(disk.reads, 4);
  });

  it('Should keep no more text than MAX_KEPT_CHARS for the second reader, letting the oldest reads go', async () => {
    let reads = 0;
    const big = 'x'.repeat(MAX_KEPT_CHARS / 4 + 1);
    const shared = new SharedReads(
      async (): Promise<FileRead> => {
        reads++;
        return { kind: 'text', text: big };
      },
      () => 0,
    );
    for (const f of ['1.md', '2.md', '3.md', '4.md']) await shared.read(f, Infinity);
    // Four reads of a quarter and a bit: the first had to go when the fourth came in.
    assert.equal(shared.size, 3);
    await shared.read('1.md', Infinity);
    assert.equal(reads, 5, 'the oldest read was let go and is read again');
    await shared.read('4.md', Infinity);
    assert.equal(reads, 5, 'the newest was kept and handed on');
  });

  it('Should give undefined for a file that cannot be read, and share that too', async () => {
    const disk = fakeDisk();
    const reads = new SharedReads(disk.readFile, () => 0);
    assert.equal(await reads.read('trasig.md', 100), undefined);
    assert.equal(await reads.read('trasig.md', 100), undefined);
    assert.equal(disk.reads, 1);
  });

  it('Should give what reading every time gives, apart from a shared read of unchanged text, on random runs', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rnd = seeded(seed);
      const disk = fakeDisk();
      let now = 0;
      const reads = new SharedReads(disk.readFile, () => now);
      const files = ['a.md', 'b.md', 'c.md', 'd.md'];
      /** Whether each file's last read may be handed on (read once, unchanged since). */
      const shareable = new Map<string, { at: number; text: string }>();
      for (let step = 0; step < 400; step++) {
        const file = files[Math.floor(rnd() * files.length)];
        const r = rnd();
        now += Math.floor(rnd() * SHARE_MS * 0.3);
        if (r < 0.2) {
          disk.versions.set(file, (disk.versions.get(file) ?? 0) + 1);
          reads.forget(file);
          shareable.delete(file);
          continue;
        }
        const before = disk.reads;
        const got = await reads.read(file, 100);
        const fresh = await disk.readFile(file, 100);
        const kept = shareable.get(file);
        if (kept && now - kept.at <= SHARE_MS) {
          assert.equal(disk.reads, before + 1, `seed ${seed}: a shared read reads nothing`);
          assert.deepEqual(got, { kind: 'text', text: kept.text }, `seed ${seed}`);
          shareable.delete(file);
        } else {
          assert.equal(disk.reads, before + 2, `seed ${seed}: read anew`);
          assert.deepEqual(got, fresh, `seed ${seed}`);
          shareable.set(file, { at: now, text: (fresh as { text: string }).text });
        }
        // Shared or not, a read never gives other text than the file's now (every change was forgotten).
        assert.deepEqual(got, fresh, `seed ${seed}`);
      }
      assert.ok(reads.size <= files.length);
    }
  });
});
