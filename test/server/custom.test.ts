/**
 * Quick fixes and the extension's own requests (templates, new document, overview, export,
 * workspace check) over the protocol, against the real bundled server.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { EXAMPLES, fileUri, LspClient, TODAY } from '../helpers/lsp-client';

const REFERENCE = join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md');
const URI = fileUri(REFERENCE);
const TEXT = readFileSync(REFERENCE, 'utf8');

function applyEdit(text: string, action: CodeAction, uri: string): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const edits = [...(action.edit?.changes?.[uri] ?? [])].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of edits) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

describe('Quick fixes and the extension’s requests over the protocol', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ workspaceFolders: [EXAMPLES], settings: { today: TODAY } });
  });
  after(async () => client?.dispose());

  it('Should offer a quick fix for the Innehåll mismatch whose edit removes the finding, from a diagnostic without data', async () => {
    const diagnosed = client.waitForDiagnostics(URI, { version: 1 });
    await client.open(URI, TEXT, 1);
    const { diagnostics } = await diagnosed;
    // The diagnostics carry no data (the fixes come from the server's own findings): less to send at every keystroke.
    assert.deepEqual(
      diagnostics.filter((x) => x.data !== undefined),
      [],
    );
    const d = diagnostics.find((x: Diagnostic) => x.code === 'plan.toc.title-mismatch' && String(x.message).includes('stärkt'))!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: d.range,
      context: { diagnostics: [d] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, 'Ersätt med ”1.2. Ett starkt företagsklimat”');
    assert.equal(actions[0].kind, 'quickfix');
    assert.deepEqual(actions[0].diagnostics, [d]);
    const fixed = applyEdit(TEXT, actions[0], URI);
    const next = client.waitForDiagnostics(URI, { version: 2 });
    await client.change(URI, 2, [{ text: fixed }]);
    const after: PublishDiagnosticsParams = await next;
    assert.ok(!after.diagnostics.some((x) => String(x.message).includes('stärkt')));
    assert.equal(after.diagnostics.length, diagnostics.length - 1);
    await client.close(URI);
  });

  it('Should list the templates and make a new document from one', async () => {
    const templates = await client.request<Array<{ id: string; name: string }>>('plan/templates', {});
    assert.deepEqual(templates.map((t) => t.id).sort(), ['plan', 'riktlinje', 'rutin']);
    const asby = await client.request<Array<{ id: string }>>('plan/templates', { uri: fileUri(join(EXAMPLES, 'asby', 'x.md')) });
    assert.ok(
      asby.some((t) => t.id === 'handlingsplan'),
      'a folder’s own template',
    );
    const doc = await client.request<{ snippet: string }>('plan/newDocument', { id: 'plan' });
    assert.match(doc.snippet, /^---\ndokumenttyp: plan\ntitel: \$\{1:Titel\}/);
    assert.match(doc.snippet, /### Ambition 1\.1\./);
    assert.match(doc.snippet, /gäller-från: \$\{\d+:\d{4}-\d{2}-\d{2}\}/);
  });

  it('Should describe the active template as text', async () => {
    const r = await client.request<{ id: string; markdown: string }>('plan/templateText', { id: 'riktlinje' });
    assert.equal(r.id, 'riktlinje');
    assert.match(r.markdown, /^# Mall: Riktlinje/);
    assert.match(r.markdown, /\*\*Syfte\*\*/);
  });

  it('Should return the overview and the exports for an open plan', async () => {
    const diagnosed = client.waitForDiagnostics(URI, { version: 1 });
    await client.open(URI, TEXT, 1);
    await diagnosed;
    const o = await client.request<{ version: number; html: string; overview: { parts: Array<{ heading: string }> } }>('plan/overview', { uri: URI });
    assert.equal(o.version, 1);
    assert.deepEqual(
      o.overview.parts.map((p) => p.heading),
      ['Del 1. Utveckling som möjliggör', 'Del 2. En levande plats'],
    );
    assert.match(o.html, /class="reveal/);
    const html = await client.request<{ content: string; suggestedName: string }>('plan/export', { uri: URI, format: 'html' });
    assert.equal(html.suggestedName, 'attraktivitet-och-hallbar-tillvaxt.html');
    assert.ok(!/<script/i.test(html.content));
    const json = await client.request<{ content: string; suggestedName: string }>('plan/export', { uri: URI, format: 'json' });
    assert.equal(JSON.parse(json.content).parts[0].ambitions[0].number, '1.1');
    await client.close(URI);
  });

  it('Should check every plan in the workspace and publish their findings', async () => {
    const asby = fileUri(join(EXAMPLES, 'asby', 'handlingsplan-trygghet.md'));
    const published = client.waitForDiagnostics(URI, { predicate: (p) => p.diagnostics.length > 0 });
    const result = await client.request<{ files: number; plans: number; errors: number; warnings: number }>('plan/checkWorkspace', {});
    assert.ok(result.files >= 5);
    assert.equal(
      result.plans,
      11,
      'the reference plan, the clean plan, the riktlinje, Åsby’s handlingsplan, the joint samverkan plan, Norrby’s strategy, the four documents of the register example and the follow-up example',
    );
    assert.ok(result.errors >= 3 && result.warnings >= 5);
    assert.ok((await published).diagnostics.length > 0);
    assert.deepEqual(client.latestDiagnostics(asby)?.diagnostics, []);
  });
});
