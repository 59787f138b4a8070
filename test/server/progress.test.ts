/**
 * A slow analysis shows progress in the client: the outline, Planstruktur and diagnostics all wait
 * for it, and an empty outline must not look like the answer. The text here is one micromark takes
 * seconds on (it is stopped at plan.analysisTimeout), far longer than the moment after which the
 * server shows progress; nothing is asserted about time.
 */
import * as assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { EXAMPLES, LspClient, withTimeout } from '../helpers/lsp-client';
import type { CheckWorkspaceResult as CheckResult } from '../../server/src/protocol';

const HOSTILE = '---\ndokumenttyp: plan\ntitel: Långsam\n---\n\n# Långsam\n\n' + '- '.repeat(6000) + 'x\n';

interface Progress {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number };
}

describe('Server progress for a slow analysis', function () {
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('Should begin work-done progress naming the document, and end it when the analysis is over', async () => {
    client = LspClient.spawn({});
    const created: Array<string | number> = [];
    const progress: Progress[] = [];
    let ended!: (p: Progress) => void;
    const end = new Promise<Progress>((resolve) => (ended = resolve));
    client.connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      created.push(p.token);
      return null;
    });
    client.connection.onNotification('$/progress', (p: Progress) => {
      progress.push(p);
      if (p.value.kind === 'end') ended(p);
    });
    await client.initialize({ workDoneProgress: true, settings: { analysisTimeout: 2000 }, locale: 'sv' });
    const uri = 'file:///tmp/langsam.plan.md';
    await client.open(uri, HOSTILE, 1);
    const done = await withTimeout(end, 'the progress to end');
    await client.waitForDiagnostics(uri, { version: 1, after: 0 });
    assert.equal(created.length, 1, 'one progress for the one analysis');
    const begin = progress.find((p) => p.value.kind === 'begin');
    assert.ok(begin, `a begin before the end (${JSON.stringify(progress)})`);
    assert.equal(begin.token, created[0]);
    assert.equal(done.token, created[0]);
    assert.equal(begin.value.title, 'Plan');
    assert.equal(begin.value.message, 'Kontrollerar langsam.plan.md …');
    assert.ok(progress.indexOf(begin) < progress.indexOf(done));
  });

  it('Should show no progress to a client that does not take it', async () => {
    client = await LspClient.start({ settings: { analysisTimeout: 2000 } });
    let asked = 0;
    client.connection.onRequest('window/workDoneProgress/create', () => {
      asked++;
      return null;
    });
    const uri = 'file:///tmp/langsam.plan.md';
    await client.open(uri, HOSTILE, 1);
    await client.waitForDiagnostics(uri, { version: 1, after: 0 });
    assert.equal(asked, 0);
  });
});

describe('Progress and cancel for the workspace check', function () {
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('Should report how many files are checked on the client’s token, from begin to end, and count as without it', async () => {
    client = await LspClient.start({ workspaceFolders: [EXAMPLES] });
    const plain = await client.request<CheckResult>('plan/checkWorkspace', {});
    const progress: Progress[] = [];
    client.connection.onNotification('$/progress', (p: Progress) => {
      if (p.token === 'check-1') progress.push(p);
    });
    const result = await client.request<CheckResult>('plan/checkWorkspace', { workDoneToken: 'check-1' });
    assert.deepEqual(result, plain, 'the same counts');
    assert.equal(result.cancelled, undefined);
    const kinds = progress.map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.equal(progress[0].value.title, 'Kontrollerar planerna i arbetsytan …');
    const reports = progress.filter((p) => p.value.kind === 'report');
    assert.ok(reports.length > 1, `several reports (${reports.length})`);
    const percents = reports.map((p) => p.value.percentage ?? -1);
    assert.deepEqual(
      percents,
      [...percents].sort((a, b) => a - b),
      'the percentage only grows',
    );
    assert.equal(percents[percents.length - 1], 100);
    assert.equal(reports[reports.length - 1].value.message, `${result.files} av ${result.files} filer`);
  });

  it('Should stop at a cancellation and answer with the counts so far', async () => {
    client = await LspClient.start({ workspaceFolders: [EXAMPLES] });
    const full = await client.request<CheckResult>('plan/checkWorkspace', {});
    assert.ok(full.plans > 5);
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest<CheckResult>('plan/checkWorkspace', {}, source.token);
    source.cancel(); // before the server has listed the files: it checks none of them
    const result = await pending;
    assert.equal(result.cancelled, true);
    assert.equal(result.files, full.files, 'the files were listed');
    assert.ok(result.plans < full.plans, `fewer plans checked (${result.plans} of ${full.plans})`);
  });
});
