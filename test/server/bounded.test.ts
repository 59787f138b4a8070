/**
 * Bounded work over the protocol: analyses run in worker threads with a time budget
 * (`plan.analysisTimeout`). A text micromark takes seconds to parse ends with one information
 * diagnostic and no answers, its worker is replaced, and the other documents are served meanwhile.
 * What crosses the thread boundary gives the same diagnostics as the library in-process. Files on
 * disk are measured before they are read.
 *
 * No assertion is about time: a hostile text here takes micromark many seconds (at least ten times
 * the budget the test sets), and the ordering asserted is that of events.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { analyze, LineIndex } from '../../server/src/core/index';
import { findingToDiagnostic } from '../../server/src/lsp/convert';
import { findMarkdownFiles, loadConfig } from '../../server/src/node/config';
import { EXAMPLES, fileUri, LspClient, positionOf, TODAY } from '../helpers/lsp-client';

const HEAD = '---\ndokumenttyp: plan\ntitel: Fientlig\n---\n\n# Fientlig\n\n';
/**
 * Inputs on which micromark is super-linear. Each must outlast the budgets below (1–3 s) on the
 * fastest machine that runs the tests: on the fastest seen so far (2026-11-27) each takes 10 s or
 * more to parse alone. (At the sizes before, two of them took 1.5 s there, and a workspace check
 * with a budget of 2 s checked one of them.)
 */
const HOSTILE: Record<string, string> = {
  'list markers on one line': HEAD + '- '.repeat(8000) + 'x\n',
  'nested emphasis': HEAD + '*_'.repeat(18000) + 'x' + '_*'.repeat(18000) + '\n',
  'ever deeper list items': HEAD + Array.from({ length: 800 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n') + '\n',
  'changing blockquote depth': HEAD + Array.from({ length: 14000 }, (_, i) => '> '.repeat(i % 100) + 'x').join('\n') + '\n',
};
const CLEAN = join(EXAMPLES, 'halmstad', 'ren-plan.plan.md');
const CLEAN_TEXT = readFileSync(CLEAN, 'utf8');
const REFERENCE_TEXT = readFileSync(join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md'), 'utf8');

describe('Server with bounded analyses', function () {
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('Should stop a hostile document after plan.analysisTimeout with one information diagnostic, while another document is checked and answered', async () => {
    client = await LspClient.start({ settings: { analysisTimeout: 3000, today: TODAY }, trace: 'verbose' });
    const hostile = 'file:///tmp/fientlig.plan.md';
    const clean = fileUri(CLEAN);
    await client.open(hostile, HOSTILE['list markers on one line'], 1);
    await client.waitFor(client.traces, (t) => t.message.startsWith(`plan: analysing ${hostile} `), 'the hostile analysis to start');

    // Meanwhile: another document is opened, checked and answered.
    await client.open(clean, CLEAN_TEXT, 1);
    const checked = await client.waitForDiagnostics(clean, { version: 1, after: 0 });
    assert.deepEqual(checked.diagnostics, [], 'the clean plan is clean');
    const hover = await client.hover(clean, positionOf(CLEAN_TEXT, 'Kommunstyrelsen ansvarar', 3));
    assert.match(JSON.stringify(hover?.contents), /Kommunstyrelsen/);
    assert.equal((await client.documentSymbol(clean))?.length, 2);
    assert.equal(client.latestDiagnostics(hostile), undefined, 'the hostile document is still being analysed');

    const stopped = await client.waitForDiagnostics(hostile, { version: 1, after: 0 });
    assert.deepEqual(stopped.diagnostics, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 3,
        code: 'plan.file.timeout',
        source: 'plan',
        message:
          'Filen är inte kontrollerad: kontrollen tog längre tid än 3 s och avbröts. Så svårläst Markdown är ovanligt (till exempel tusentals nästlade listmarkörer eller betoningstecken); gränsen är inställningen plan.analysisTimeout.',
      },
    ]);
    assert.ok(
      client.logs.some((l) => l.type === 2 && /took longer than 3000 ms and was stopped/.test(l.message)),
      'the server log says why',
    );
    // No answers from a text that was not checked; the other document is still served.
    assert.deepEqual(await client.documentSymbol(hostile), []);
    assert.equal(await client.hover(hostile, { line: 7, character: 2 }), null);
    assert.deepEqual(await client.completion(hostile, { line: 7, character: 2 }), []);
    assert.equal((await client.documentSymbol(clean))?.length, 2);

    // The stopped worker was replaced: the same document, made readable, is checked.
    const mark = client.mark();
    await client.change(hostile, 2, [{ text: REFERENCE_TEXT }]);
    const fixed = await client.waitForDiagnostics(hostile, { version: 2, after: mark });
    assert.equal(fixed.diagnostics.length, 26);
  });

  it('Should stop each of the four known super-linear inputs, and keep serving', async () => {
    client = await LspClient.start({ settings: { analysisTimeout: 2000, today: TODAY } });
    const uris = Object.keys(HOSTILE).map((_, i) => `file:///tmp/fientlig-${i}.plan.md`);
    await Promise.all(Object.values(HOSTILE).map((text, i) => client!.open(uris[i], text, 1)));
    for (const [i, name] of Object.keys(HOSTILE).entries()) {
      const p = await client.waitForDiagnostics(uris[i], { version: 1, after: 0 });
      assert.deepEqual(
        p.diagnostics.map((d) => [d.code, d.severity]),
        [['plan.file.timeout', 3]],
        name,
      );
    }
    const uri = fileUri(CLEAN);
    await client.open(uri, CLEAN_TEXT, 1);
    assert.deepEqual((await client.waitForDiagnostics(uri, { version: 1, after: 0 })).diagnostics, []);
  });

  it('Should let plan.severity change or silence plan.file.timeout', async () => {
    client = await LspClient.start({ settings: { analysisTimeout: 1000, today: TODAY, severity: { 'plan.file.timeout': 'warning' } } });
    const uri = 'file:///tmp/fientlig.plan.md';
    await client.open(uri, HOSTILE['nested emphasis'], 1);
    const p = await client.waitForDiagnostics(uri, { version: 1, after: 0 });
    assert.deepEqual(
      p.diagnostics.map((d) => [d.code, d.severity]),
      [['plan.file.timeout', 2]],
    );
  });

  it('Should publish, across the thread boundary, exactly the diagnostics the library gives in-process, for every example', async () => {
    client = await LspClient.start({ workspaceFolders: [EXAMPLES], settings: { today: TODAY } });
    const config = await loadConfig({ roots: [EXAMPLES] });
    const files = await findMarkdownFiles([EXAMPLES]);
    assert.ok(files.length >= 7);
    for (const file of files) {
      const uri = fileUri(file);
      const text = readFileSync(file, 'utf8');
      await client.open(uri, text, 1);
      const published = await client.waitForDiagnostics(uri, { version: 1, after: 0 });
      const { findings } = analyze(text, { fileName: file, ...config.forFile(file) });
      const lines = new LineIndex(text);
      const expected: Diagnostic[] = findings.map((f) => findingToDiagnostic(lines, f, uri));
      // The register's findings across the documents (test/server/register.test.ts) come on top of the analysis.
      const analysed = published.diagnostics.filter((d) => !/^plan\.(?:links|validity)\./.test(String(d.code)));
      assert.deepEqual(analysed, expected, relative(EXAMPLES, file));
    }
  });

  describe('files on disk', function () {
    let folder: string;

    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'plan-bounded-'));
      writeFileSync(join(folder, 'ren.plan.md'), CLEAN_TEXT);
      writeFileSync(join(folder, 'fientlig.plan.md'), HOSTILE['nested emphasis']);
      // 150 MB without content: a sparse file, large by its size, cheap on disk.
      writeFileSync(join(folder, 'enorm.plan.md'), '');
      truncateSync(join(folder, 'enorm.plan.md'), 150 * 1024 * 1024);
    });

    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    it('Should check the workspace and index its symbols past a 150 MB file and a hostile one', async () => {
      client = await LspClient.start({ workspaceFolders: [folder], settings: { analysisTimeout: 2000, today: TODAY } });
      const result = await client.request<{ files: number; plans: number; errors: number; warnings: number; other: number }>('plan/checkWorkspace', {});
      assert.deepEqual(result, { files: 3, plans: 1, errors: 0, warnings: 0, other: 0 }, 'only the clean plan is checked');
      const symbols = await client.workspaceSymbol('');
      assert.ok(symbols && symbols.length > 0);
      assert.ok(
        symbols.every((s) => s.location.uri === fileUri(join(folder, 'ren.plan.md'))),
        'the symbols come from the clean plan only',
      );
      assert.equal(client.latestDiagnostics(fileUri(join(folder, 'enorm.plan.md'))), undefined);
    });
  });
});
