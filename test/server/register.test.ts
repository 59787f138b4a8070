/**
 * The register of governing documents over the protocol, against the real bundled server on the
 * example folder examples/register: findings across two files, document links, go to definition
 * and hover on references to other documents, a change in one document re-publishing the one that
 * links to it, and the register request and its exports.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentLink, Hover, Location, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { EXAMPLES, fileUri, LspClient, positionOf, TODAY } from '../helpers/lsp-client';

const FOLDER = join(EXAMPLES, 'register');
const RIKTLINJE = join(FOLDER, 'riktlinje-for-klimatsakrat-byggande.md');
const PLAN = join(FOLDER, 'plan-for-klimatanpassning.plan.md');
const OLD_PLAN = join(FOLDER, 'gammal-plan-for-klimatanpassning.plan.md');
const R_URI = fileUri(RIKTLINJE);
const P_URI = fileUri(PLAN);
const R_TEXT = readFileSync(RIKTLINJE, 'utf8');
const P_TEXT = readFileSync(PLAN, 'utf8');

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => String(d.code));

describe('The register of governing documents over the protocol', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ workspaceFolders: [FOLDER], settings: { today: TODAY } });
  });
  after(async () => client?.dispose());

  it('Should report a title in the body that names a replaced document, once the workspace is read', async () => {
    const diagnosed = client.waitForDiagnostics(R_URI, { predicate: (p) => codes(p).includes('plan.links.replaced') });
    await client.open(R_URI, R_TEXT, 1);
    const p = await diagnosed;
    const d = p.diagnostics.filter((x) => x.code === 'plan.links.replaced');
    assert.equal(d.length, 1);
    assert.deepEqual(d[0].range.start, positionOf(R_TEXT, 'Plan för klimatanpassning 2019–2022'));
    assert.match(String(d[0].message), /ersatt av ”Plan för klimatanpassning 2025–2028”/);
    assert.deepEqual(codes(p), ['plan.links.replaced']);
  });

  it('Should give a document link for every reference: the front-matter tie and the titles in the body', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: R_URI } });
    const byLine = links.map((l) => [l.range.start.line, l.target]);
    assert.deepEqual(byLine, [
      [positionOf(R_TEXT, 'Plan för klimatanpassning 2025–2028').line, P_URI],
      [positionOf(R_TEXT, 'Plan för klimatanpassning 2025–2028', 0, 1).line, P_URI],
      [positionOf(R_TEXT, 'Plan för klimatanpassning 2019–2022').line, fileUri(OLD_PLAN)],
    ]);
  });

  it('Should go to the linked document from the tie in the front matter', async () => {
    const at = positionOf(R_TEXT, 'Plan för klimatanpassning 2025–2028', 5);
    const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: R_URI }, position: at });
    assert.deepEqual(
      locations.map((l) => l.uri),
      [P_URI],
    );
    const nowhere = await client.request<Location[] | null>('textDocument/definition', { textDocument: { uri: R_URI }, position: positionOf(R_TEXT, 'Syfte') });
    assert.deepEqual(nowhere ?? [], [], 'no definition where nothing is linked');
  });

  it('Should show the linked document’s header on hover', async () => {
    const h = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: R_URI },
      position: positionOf(R_TEXT, 'Plan för klimatanpassning 2025–2028', 3),
    });
    const value = (h.contents as { value: string }).value;
    assert.match(value, /\*\*Plan för klimatanpassning 2025–2028\*\* \(plan\)/);
    assert.match(value, /Diarienummer: KS 2024\/0388/);
    assert.match(value, /Beslutad av: Kommunfullmäktige, 2024-11-26/);
    assert.match(value, /Gäller: 2025-01-01–2028-12-31 \(gäller\)/);
    assert.match(value, /Revideras senast: 2030-10-14/);
  });

  it('Should re-check the document that links to one whose title changes, and only report what is now wrong', async () => {
    await client.open(P_URI, P_TEXT, 1);
    const gone = client.waitForDiagnostics(R_URI, { predicate: (p) => codes(p).includes('plan.links.not-found') });
    const renamed = P_TEXT.replace(/Plan för klimatanpassning 2025–2028/g, 'Plan för ett klimatanpassat samhälle 2025–2028');
    await client.change(P_URI, 2, [{ text: renamed }]);
    const p = await gone;
    const d = p.diagnostics.find((x) => x.code === 'plan.links.not-found')!;
    assert.deepEqual(d.range.start, positionOf(R_TEXT, 'Plan för klimatanpassning 2025–2028'));
    const back = client.waitForDiagnostics(R_URI, { predicate: (x) => !codes(x).includes('plan.links.not-found') });
    await client.change(P_URI, 3, [{ text: P_TEXT }]);
    assert.deepEqual(codes(await back), ['plan.links.replaced']);
  });

  it('Should answer the register with every document, its status and the hierarchy, and export it', async () => {
    const r = await client.request<{
      today: string;
      rows: Array<{ title: string; statusText: string; uri: string }>;
      tree: Array<{ uri: string }>;
      paths: Record<string, string>;
    }>('plan/register', {});
    assert.equal(r.today, TODAY);
    assert.deepEqual(
      r.rows.map((x) => [x.title, x.statusText]),
      [
        ['Klimatstrategi 2024–2030', 'gäller'],
        ['Plan för klimatanpassning 2019–2022', 'ersatt'],
        ['Plan för klimatanpassning 2025–2028', 'gäller'],
        ['Riktlinje för klimatsäkrat byggande', 'gäller'],
      ],
    );
    assert.equal(r.paths[P_URI], 'plan-for-klimatanpassning.plan.md');
    const csv = await client.request<{ content: string; suggestedName: string }>('plan/registerExport', { format: 'csv' });
    assert.equal(csv.suggestedName, 'styrdokument.csv');
    const lines = csv.content.trimEnd().split('\r\n');
    assert.equal(lines.length, 5);
    assert.equal(
      lines[3],
      'plan,Plan för klimatanpassning 2025–2028,KS 2024/0388,Kommunfullmäktige,2024-11-26,2025-01-01,2028-12-31,gäller,"Tillväxtavdelningen, kommunledningsförvaltningen",2030-10-14,plan-for-klimatanpassning.plan.md',
    );
    const json = JSON.parse((await client.request<{ content: string }>('plan/registerExport', { format: 'json' })).content);
    assert.deepEqual(json.documents[2].parents, ['klimatstrategi.strategi.md']);
    assert.deepEqual(json.documents[2].replaces, ['gammal-plan-for-klimatanpassning.plan.md']);
  });

  it('Should publish the register findings of files that are not open in the workspace check', async () => {
    const cleared = client.waitForDiagnostics(R_URI, { predicate: (p) => p.diagnostics.length === 0 });
    await client.close(R_URI);
    await cleared;
    const result = await client.request<{ plans: number; warnings: number }>('plan/checkWorkspace', {});
    assert.equal(result.plans, 4);
    // The diagnostics go out before the answer.
    assert.deepEqual(codes(client.latestDiagnostics(R_URI)!), ['plan.links.replaced']);
    assert.deepEqual(codes(client.latestDiagnostics(fileUri(OLD_PLAN))!), []);
  });
});
