/** plan/importWord over the protocol, against the real bundled server (which loads dist/word.js at the first import). */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportWordResult } from '../../server/src/protocol';
import { buildDocx, cleanPlan, HEADER_ROWS, PNG } from '../fixtures-word/build';
import { EXAMPLES, fileUri, LspClient } from '../helpers/lsp-client';

describe('plan/importWord over the protocol', () => {
  let client: LspClient;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plan-word-'));
    client = await LspClient.start({ workspaceFolders: [EXAMPLES] });
  });
  after(async () => {
    await client?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Should return the plan, its images and the notes, and name the plan by the template', async () => {
    const file = join(dir, 'Cykelplan.docx');
    writeFileSync(file, await buildDocx({ style: 'swedish', header: HEADER_ROWS, blocks: cleanPlan() }));
    const r = await client.request<ImportWordResult>('plan/importWord', { uri: fileUri(file) });
    assert.equal(r.error, undefined);
    assert.equal(r.templateId, 'plan');
    assert.equal(r.suggestedName, 'Cykelplan.plan.md');
    assert.match(r.markdown!, /^---\ndokumenttyp: plan\ntitel: Plan för cykling 2025–2028\n/);
    assert.match(r.markdown!, /\n### Ambition 1\.1\. Ett sammanhängande cykelnät\n/);
    assert.deepEqual(
      r.images!.map((i) => [i.path, Buffer.from(i.data, 'base64').equals(PNG)]),
      [
        ['Cykelplan-bilder/bild-1.png', true],
        ['Cykelplan-bilder/bild-2.png', true],
      ],
    );
    assert.ok(r.notes!.some((n) => n.includes('alternativtext')));
    const named = await client.request<ImportWordResult>('plan/importWord', { uri: fileUri(file), planName: 'annan.md' });
    assert.equal(named.images![0].path, 'annan-bilder/bild-1.png');
  });

  it('Should answer with the reason when the file is not a Word document or the template is unknown', async () => {
    const text = join(dir, 'text.docx');
    writeFileSync(text, 'ingen Word-fil');
    const r = await client.request<ImportWordResult>('plan/importWord', { uri: fileUri(text) });
    assert.equal(r.markdown, undefined);
    assert.match(r.error!, /inget zip-arkiv/);
    const missing = await client.request<ImportWordResult>('plan/importWord', { uri: fileUri(join(dir, 'saknas.docx')) });
    assert.equal(missing.error, 'Filen finns inte.');
    const unknown = await client.request<ImportWordResult>('plan/importWord', { uri: fileUri(text), templateId: 'budget' });
    assert.equal(unknown.error, 'Okänd mall budget.');
  });
});
