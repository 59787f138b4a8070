/**
 * plan/publish over the protocol, against the real bundled server: the publication is made in the
 * analysis worker that holds the plan's model and rendered on the server's thread.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { EXAMPLES, fileUri, LspClient } from '../helpers/lsp-client';

interface PublishResult {
  content: string;
  encoding: 'utf8' | 'base64';
  suggestedName: string;
  errors: number;
}

const REFERENCE = join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md');
const CLEAN = join(EXAMPLES, 'halmstad', 'ren-plan.plan.md');
const NOTES = join(EXAMPLES, 'anteckningar.md');

describe('plan/publish over the protocol', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ workspaceFolders: [EXAMPLES] });
  });
  after(async () => client?.dispose());

  async function open(file: string): Promise<string> {
    const uri = fileUri(file);
    const diagnosed = client.waitForDiagnostics(uri, { version: 1 });
    await client.open(uri, readFileSync(file, 'utf8'), 1);
    await diagnosed;
    return uri;
  }

  it('Should publish the reference plan as Word, with its headings in Word’s heading styles and its errors counted', async () => {
    const uri = await open(REFERENCE);
    const r = await client.request<PublishResult>('plan/publish', { uri, format: 'docx' });
    assert.equal(r.encoding, 'base64');
    assert.equal(r.suggestedName, 'attraktivitet-och-hallbar-tillvaxt.docx');
    assert.ok(r.errors > 0, 'the reference plan has errors');
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(r.content, 'base64') })).value;
    assert.match(html, /^<h1><a id="title"><\/a>Plan för attraktivitet och hållbar tillväxt 2020-2024<\/h1>/);
    assert.match(html, /<h3><a id="[^"]+"><\/a>Ambition 1\.1\. Utbildning hela vägen<\/h3>/);
    await client.close(uri);
  });

  it('Should publish a clean plan as a web page, with no errors', async () => {
    const uri = await open(CLEAN);
    const r = await client.request<PublishResult>('plan/publish', { uri, format: 'html' });
    assert.equal(r.encoding, 'utf8');
    assert.equal(r.suggestedName, 'ren-plan.html');
    assert.equal(r.errors, 0);
    assert.match(r.content, /^<!DOCTYPE html>\n<html lang="sv">/);
    assert.ok(!/<script/i.test(r.content));
    await client.close(uri);
  });

  it('Should answer null for a document that is not a plan, and for an unknown format', async () => {
    const uri = await open(NOTES);
    assert.equal(await client.request('plan/publish', { uri, format: 'docx' }), null);
    await client.close(uri);
    const plan = await open(CLEAN);
    assert.equal(await client.request('plan/publish', { uri: plan, format: 'pdf' }), null);
    await client.close(plan);
  });
});
