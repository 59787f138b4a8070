/**
 * Diagnostics over the protocol, against the real bundled server on stdio: publishing on open, on
 * incremental change (including bursts), on close, message language, and non-plan Markdown.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { EXAMPLES, fileUri, LspClient, positionOf } from '../helpers/lsp-client';

const REFERENCE = join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md');
const REFERENCE_URI = fileUri(REFERENCE);
const REFERENCE_TEXT = readFileSync(REFERENCE, 'utf8');
const NOTES = join(EXAMPLES, 'anteckningar.md');

/** A diagnostic's message as text (LSP 3.18 allows MarkupContent; this server sends strings). */
function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function codes(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d) => String(d.code));
}

function count(p: PublishDiagnosticsParams, code: string): number {
  return codes(p).filter((c) => c === code).length;
}

function find(p: PublishDiagnosticsParams, code: string, messagePart: string): Diagnostic {
  const d = p.diagnostics.find((x) => x.code === code && messageOf(x).includes(messagePart));
  assert.ok(
    d,
    `no ${code} diagnostic mentioning ${JSON.stringify(messagePart)} in ${JSON.stringify(
      p.diagnostics.map((x) => [x.code, messageOf(x)]),
      null,
      1,
    )}`,
  );
  return d;
}

/** The heading line `needle` as a whole-line range: where the TOC findings point their relatedInformation. */
function lineRange(needle: string) {
  const start = positionOf(REFERENCE_TEXT, needle);
  assert.equal(start.character, 0, `${needle} starts a line`);
  return { start, end: { line: start.line, character: needle.length } };
}

describe('Server diagnostics', function () {
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('Should publish Swedish diagnostics with the document version when the reference plan is opened', async () => {
    client = await LspClient.start();
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    const p = await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });

    assert.equal(p.version, 1);
    assert.ok(
      p.diagnostics.every((d) => d.source === 'plan'),
      'every diagnostic has source "plan"',
    );
    assert.deepEqual(Object.fromEntries([...new Set(codes(p))].sort().map((c) => [c, count(p, c)])), {
      'plan.ansvar.no-actor': 2,
      'plan.frontmatter.empty-optional': 1,
      'plan.frontmatter.empty-value': 3,
      'plan.followup.missing-detail': 2,
      'plan.klarsprak.lix': 1,
      'plan.klarsprak.long-sentence': 7,
      'plan.klarsprak.word': 1,
      'plan.style.year-range': 6,
      'plan.toc.title-mismatch': 3,
    });

    // Whole diagnostic objects, as a client receives them: without the findings' data, which the
    // server's quick fixes do not need back (convert.ts `findingToDiagnostic`).
    assert.deepEqual(find(p, 'plan.frontmatter.empty-value', 'diarienummer'), {
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 12 } },
      severity: 1,
      code: 'plan.frontmatter.empty-value',
      source: 'plan',
      message: 'Fältet ”diarienummer” är obligatoriskt men saknar värde. Skriv till exempel KS 2019/0123.',
    });
    assert.deepEqual(find(p, 'plan.toc.title-mismatch', 'stärkt'), {
      range: { start: { line: 49, character: 4 }, end: { line: 49, character: 34 } },
      severity: 2,
      code: 'plan.toc.title-mismatch',
      source: 'plan',
      message: 'Raden ”1.2. Ett stärkt företagsklimat” i Innehåll skiljer sig från sin rubrik ”Ambition 1.2. Ett starkt företagsklimat”.',
      relatedInformation: [{ location: { uri: REFERENCE_URI, range: lineRange('### Ambition 1.2. Ett starkt företagsklimat') }, message: 'Rubriken' }],
    });
    assert.deepEqual(find(p, 'plan.toc.title-mismatch', 'Levande'), {
      range: { start: { line: 51, character: 2 }, end: { line: 51, character: 25 } },
      severity: 2,
      code: 'plan.toc.title-mismatch',
      source: 'plan',
      message: 'Raden ”Del 2. En Levande plats” i Innehåll skiljer sig från sin rubrik ”Del 2. En levande plats”.',
      relatedInformation: [{ location: { uri: REFERENCE_URI, range: lineRange('## Del 2. En levande plats') }, message: 'Rubriken' }],
    });
    assert.deepEqual(find(p, 'plan.ansvar.no-actor', 'Ta fram en samlad nulägesbild'), {
      range: { start: { line: 218, character: 2 }, end: { line: 218, character: 149 } },
      severity: 2,
      code: 'plan.ansvar.no-actor',
      source: 'plan',
      message:
        'Åtgärden ”Ta fram en samlad nulägesbild, skapa en ökad kunskap och …” anger ingen aktör; börja med vem som gör den, till exempel ”Kommunstyrelsen ska …”.',
    });
    // The ranges point at what the messages quote.
    const lines = REFERENCE_TEXT.split('\n');
    assert.equal(lines[49].slice(4, 34), '1.2. Ett stärkt företagsklimat');
    assert.equal(lines[51].slice(2, 25), 'Del 2. En Levande plats');
    assert.ok(lines[218].slice(2, 149).startsWith('Ta fram en samlad nulägesbild'));
  });

  it('Should publish English messages when InitializeParams.locale is "en"', async () => {
    client = await LspClient.start({ locale: 'en' });
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    const p = await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });

    assert.equal(p.diagnostics.length, 26);
    assert.deepEqual(find(p, 'plan.frontmatter.empty-value', 'diarienummer'), {
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 12 } },
      severity: 1,
      code: 'plan.frontmatter.empty-value',
      source: 'plan',
      message: 'The required key “diarienummer” has no value. Expected e.g. KS 2019/0123.',
    });
    const stärkt = find(p, 'plan.toc.title-mismatch', 'stärkt');
    assert.equal(stärkt.message, 'The Innehåll entry “1.2. Ett stärkt företagsklimat” differs from its heading “Ambition 1.2. Ett starkt företagsklimat”.');
    assert.equal(stärkt.relatedInformation?.[0].message, 'The heading');
    assert.equal(
      find(p, 'plan.toc.title-mismatch', 'Levande').message,
      'The Innehåll entry “Del 2. En Levande plats” differs from its heading “Del 2. En levande plats”.',
    );
    assert.equal(
      find(p, 'plan.ansvar.no-actor', 'Ta fram').message,
      'The action “Ta fram en samlad nulägesbild, skapa en ökad kunskap och …” names no actor; begin it with who does it, e.g. “Kommunstyrelsen ska …”.',
    );
    for (const d of p.diagnostics) assert.doesNotMatch(messageOf(d), /saknar|skiljer sig|anger ingen|Skriv/, `English message expected: ${d.message}`);
  });

  it('Should let initializationOptions.locale choose the language over InitializeParams.locale', async () => {
    client = await LspClient.start({ locale: 'sv-SE', initializationOptions: { locale: 'en-GB' } });
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    const en = await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });
    assert.equal(find(en, 'plan.frontmatter.empty-value', 'diarienummer').message, 'The required key “diarienummer” has no value. Expected e.g. KS 2019/0123.');
    await client.dispose();

    client = await LspClient.start({ locale: 'en-US', initializationOptions: { locale: 'sv' } });
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    const sv = await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });
    assert.equal(
      find(sv, 'plan.frontmatter.empty-value', 'diarienummer').message,
      'Fältet ”diarienummer” är obligatoriskt men saknar värde. Skriv till exempel KS 2019/0123.',
    );
  });

  it('Should republish for the new version without the finding once an incremental edit fills in the diarienummer', async () => {
    client = await LspClient.start();
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    const before = await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });
    assert.equal(count(before, 'plan.frontmatter.empty-value'), 3);

    const end = positionOf(REFERENCE_TEXT, 'diarienummer:', 'diarienummer:'.length);
    assert.deepEqual(end, { line: 3, character: 13 });
    const mark = client.mark();
    await client.change(REFERENCE_URI, 2, [{ range: { start: end, end }, text: ' KS 2019/0123' }]);
    const after = await client.waitForDiagnostics(REFERENCE_URI, { version: 2, after: mark });

    assert.equal(after.version, 2);
    assert.ok(!after.diagnostics.some((d) => messageOf(d).includes('diarienummer')), 'no diarienummer finding is left');
    assert.equal(count(after, 'plan.frontmatter.empty-value'), 2, 'gäller-från and gäller-till are still empty');
    assert.equal(after.diagnostics.length, before.diagnostics.length - 1);
    // Nothing else moved: the edit was within line 3.
    const rest = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => !messageOf(d).includes('diarienummer'));
    assert.deepEqual(rest(after), rest(before));
  });

  it('Should end a burst of rapid incremental changes with diagnostics for the last version', async () => {
    client = await LspClient.start();
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });

    // Type "KS 2019/0123" after "diarienummer:" one character per version, without waiting in between.
    const mark = client.mark();
    const typed = ' KS 2019/0123';
    const sends: Array<Promise<void>> = [];
    for (let i = 0; i < typed.length; i++) {
      const at = { line: 3, character: 13 + i };
      sends.push(client.change(REFERENCE_URI, 2 + i, [{ range: { start: at, end: at }, text: typed[i] }]));
    }
    await Promise.all(sends);
    const last = 1 + typed.length;
    const final = await client.waitForDiagnostics(REFERENCE_URI, { version: last, after: mark });
    assert.ok(!final.diagnostics.some((d) => messageOf(d).includes('diarienummer')), 'the finished diarienummer is accepted');

    // A round trip: everything the server sent before answering has arrived.
    await client.documentSymbol(REFERENCE_URI);
    const published = client.diagnostics.slice(mark).filter((p) => p.uri === REFERENCE_URI);
    const versions = published.map((p) => p.version!);
    assert.ok(
      versions.every((v, i) => i === 0 || v > versions[i - 1]),
      `versions are published in increasing order, each once: ${versions}`,
    );
    assert.equal(client.latestDiagnostics(REFERENCE_URI)?.version, last, `the last publication is for version ${last}: ${versions}`);
  });

  it('Should clear the diagnostics with an empty array when the document is closed', async () => {
    client = await LspClient.start();
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    const opened = await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });
    assert.ok(opened.diagnostics.length > 0);

    const mark = client.mark();
    await client.close(REFERENCE_URI);
    const closed = await client.waitForDiagnostics(REFERENCE_URI, { after: mark });
    assert.deepEqual(closed.diagnostics, []);
    // And features no longer know the document.
    assert.deepEqual(await client.documentSymbol(REFERENCE_URI), []);
  });

  it('Should publish an empty diagnostics array and no document symbols for a Markdown file that is not a plan', async () => {
    client = await LspClient.start();
    const uri = fileUri(NOTES);
    const text = readFileSync(NOTES, 'utf8');
    await client.open(uri, text, 1);
    const p = await client.waitForDiagnostics(uri, { version: 1, after: 0 });
    assert.deepEqual(p.diagnostics, []);
    assert.deepEqual(await client.documentSymbol(uri), []);
    assert.deepEqual(await client.foldingRange(uri), []);
    // The note names "Hur?" and "Varför är ambitionen viktig?" headings, but they are not plan structure.
    assert.equal(await client.hover(uri, positionOf(text, 'kommunledningsförvaltningen', 3)), null);
    assert.deepEqual(await client.completion(uri, positionOf(text, '- Boka', 2)), []);
  });
});
