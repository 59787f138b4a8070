/**
 * A bounded, repeatable random-mutation test over the protocol. Three fixtures are opened and edited
 * ~200 times with random incremental changes (headings, list markers, colons, line breaks, front
 * matter fences, non-ASCII, lone surrogate halves, CRLF); after each edit the features are asked
 * at random positions. Every request must be answered without an error response, the answers must
 * be well-formed for the current text, and the server must stay alive. At the end, the server's
 * copy of each document must equal the client's (checked by comparing its diagnostics with those
 * of the same text opened afresh).
 *
 * Seeded: set MUTATION_SEED to replay another run; the failing seed and edit are in the message.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type {
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, FIXTURES, LspClient } from '../helpers/lsp-client';
import { seeded as prng } from '../helpers/random';

const SEED = Number(process.env.MUTATION_SEED ?? 0x5eed2024);
const EDITS = 200;
const DOCS = [join(FIXTURES, 'toc', 'entries.plan.md'), join(FIXTURES, 'clean', 'crlf.plan.md'), join(FIXTURES, 'ambitions', 'parts.plan.md')];

const TOKENS = [
  '#',
  '## ',
  '### ',
  '#### ',
  '-',
  '- ',
  '  - ',
  '* ',
  '1. ',
  ':',
  ': ',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '---',
  '---\n',
  '\n---\n',
  ' ',
  '\t',
  'ä',
  'Ö',
  'å',
  '–',
  '”',
  '“',
  '…',
  '\u00a0',
  '\u200b',
  '😀',
  '\ud83d',
  '\ude00',
  '𝔸',
  'e\u0301',
  '>',
  '> ',
  '*',
  '**',
  '_',
  '`',
  '```\n',
  '[',
  '](#',
  ')',
  '|',
  '<!--',
  '-->',
  '\\',
  'Ambition 1.',
  'Ambition 2.3. ',
  'Del 1. ',
  'Del ',
  'Hur?',
  'Varför är ambitionen viktig?',
  'Innehåll',
  'Kommunstyrelsen ska ',
  'Ansvar: ',
  'ambition 1.',
  'dokumenttyp: plan',
  'diarienummer:',
  'gäller-från: 2025-13-40',
  '2020-2024',
  'skall',
];

interface Doc {
  uri: string;
  path: string;
  mirror: TextDocument;
}

function within(r: Range, lineCount: number): boolean {
  const ok = (p: Position) => p.line >= 0 && p.character >= 0 && p.line < lineCount;
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return ok(r.start) && ok(r.end) && ordered;
}

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/**
 * Invariant violations, collected rather than thrown so that one run shows every distinct kind
 * (the first example of each is kept, with the seed and edit that produced it).
 */
class Violations {
  readonly first = new Map<string, string>();
  count = 0;
  check(ok: boolean, kind: string, detail: () => string): void {
    if (ok) return;
    this.count++;
    if (!this.first.has(kind)) this.first.set(kind, detail());
  }
  report(): string {
    return [...this.first].map(([k, v]) => `- ${k}: ${v}`).join('\n');
  }
}

function checkSymbols(symbols: DocumentSymbol[], lineCount: number, where: string, v: Violations): void {
  for (const s of symbols) {
    v.check(typeof s.name === 'string' && s.name.length > 0, 'documentSymbol with an empty name', () => `${where}: ${JSON.stringify(s)}`);
    v.check(
      within(s.range, lineCount),
      'documentSymbol range outside the document',
      () => `${where}: ${JSON.stringify(s.name)} ${JSON.stringify(s.range)} (${lineCount} lines)`,
    );
    v.check(
      contains(s.range, s.selectionRange),
      'documentSymbol selectionRange not inside its range',
      () => `${where}: ${JSON.stringify(s.name)} selectionRange ${JSON.stringify(s.selectionRange)}, range ${JSON.stringify(s.range)}`,
    );
    for (const c of s.children ?? [])
      v.check(
        contains(s.range, c.range),
        'documentSymbol child not inside its parent',
        () => `${where}: child ${JSON.stringify(c.name)} ${JSON.stringify(c.range)} not inside ${JSON.stringify(s.name)} ${JSON.stringify(s.range)}`,
      );
    checkSymbols(s.children ?? [], lineCount, where, v);
  }
}

function withoutUri(ds: Diagnostic[]): unknown {
  return ds.map((d) => ({ ...d, relatedInformation: d.relatedInformation?.map((r) => ({ message: r.message, range: r.location.range })) }));
}

describe('Server under random mutation', function () {
  this.timeout(240_000);
  let client: LspClient | undefined;

  after(async () => {
    await client?.dispose();
  });

  it(`Should answer every request without error and stay alive through ${EDITS} random incremental edits of three fixtures (seed ${SEED})`, async () => {
    client = await LspClient.start();
    const c = client;
    const random = prng(SEED);
    const int = (n: number) => Math.floor(random() * n);
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];

    const violations = new Violations();
    const docs: Doc[] = [];
    for (const path of DOCS) {
      const uri = fileUri(path);
      const text = readFileSync(path, 'utf8');
      docs.push({ uri, path, mirror: TextDocument.create(uri, 'markdown', 1, text) });
      await c.open(uri, text, 1);
    }
    await Promise.all(docs.map((d) => c.waitForDiagnostics(d.uri, { version: 1, after: 0 })));

    const randomPosition = (d: Doc): Position => {
      // Mostly inside the text, sometimes past a line's end or past the last line.
      const lineCount = d.mirror.lineCount;
      const line = random() < 0.9 ? int(lineCount) : lineCount + int(3);
      return { line, character: random() < 0.9 ? int(90) : 200 + int(5000) };
    };

    for (let i = 0; i < EDITS; i++) {
      const d = docs[i % docs.length];
      const text = d.mirror.getText();
      const a = int(text.length + 1);
      const op = random();
      const start = a;
      let end = a;
      let insert = '';
      if (op < 0.5 || text.length < 10) {
        insert = Array.from({ length: 1 + int(3) }, () => pick(TOKENS)).join('');
      } else if (op < 0.8) {
        end = Math.min(text.length, a + 1 + int(op < 0.75 ? 12 : 300));
      } else {
        end = Math.min(text.length, a + int(20));
        insert = Array.from({ length: 1 + int(4) }, () => pick(TOKENS)).join('');
      }
      const range = { start: d.mirror.positionAt(start), end: d.mirror.positionAt(end) };
      const version = d.mirror.version + 1;
      const change = { range, text: insert };
      TextDocument.update(d.mirror, [change], version);
      const where = `seed ${SEED}, edit ${i} (${basename(d.path)} v${version}: ${JSON.stringify(change)})`;
      await c.change(d.uri, version, [change]);

      const lineCount = d.mirror.lineCount;
      const hoverAt = randomPosition(d);
      const completeAt = randomPosition(d);
      const [symbols, folds, hover, completion] = (await Promise.all([
        c.documentSymbol(d.uri),
        c.foldingRange(d.uri),
        c.hover(d.uri, hoverAt),
        c.completion(d.uri, completeAt),
      ]).catch((e: Error) => assert.fail(`${where}: ${e.message}`))) as [
        DocumentSymbol[] | null,
        FoldingRange[] | null,
        Hover | null,
        CompletionItem[] | CompletionList | null,
      ];

      // Errors and wrong result types fail at once; well-formedness is collected (see Violations).
      assert.ok(Array.isArray(symbols), `${where}: documentSymbol returned ${JSON.stringify(symbols)}`);
      assert.ok(Array.isArray(folds), `${where}: foldingRange returned ${JSON.stringify(folds)}`);
      const items = Array.isArray(completion) ? completion : completion?.items;
      assert.ok(Array.isArray(items), `${where}: completion returned ${JSON.stringify(completion)}`);
      assert.ok(c.alive, `${where}: the server died\n${c.stderr}`);

      checkSymbols(symbols, lineCount, where, violations);
      for (const f of folds)
        violations.check(
          f.startLine < f.endLine && f.endLine < lineCount,
          'folding range empty or outside the document',
          () => `${where}: ${JSON.stringify(f)} (${lineCount} lines)`,
        );
      if (hover !== null) {
        violations.check(
          typeof hover.contents === 'object' && 'value' in hover.contents && hover.contents.value.length > 0,
          'hover without contents',
          () => `${where}: ${JSON.stringify(hover)}`,
        );
        if (hover.range)
          violations.check(
            within(hover.range, lineCount),
            'hover range outside the document',
            () => `${where}: ${JSON.stringify(hover.range)} (${lineCount} lines)`,
          );
      }
      for (const item of items) {
        const edit = item.textEdit as TextEdit | undefined;
        if (edit)
          violations.check(
            within(edit.range, lineCount),
            'completion edit range outside the document',
            () => `${where}: ${JSON.stringify(item.label)} ${JSON.stringify(edit.range)} (${lineCount} lines)`,
          );
      }
    }

    // Every document ends with diagnostics for its last version …
    const finals = await Promise.all(docs.map((d) => c.waitForDiagnostics(d.uri, { version: d.mirror.version, after: 0 })));
    // … equal to those of the same text opened afresh: the server applied every edit as the client did.
    for (const [k, d] of docs.entries()) {
      const copy = fileUri(join(dirname(d.path), `kopia-${basename(d.path)}`));
      await c.open(copy, d.mirror.getText(), 1);
      const fresh = await c.waitForDiagnostics(copy, { version: 1, after: 0 });
      assert.deepEqual(
        withoutUri(finals[k].diagnostics),
        withoutUri(fresh.diagnostics),
        `${basename(d.path)}: the server's text differs from the client's after ${d.mirror.version - 1} edits (seed ${SEED})`,
      );
      await c.close(copy);
    }

    const internal = c.logs.filter((l) => l.type === 1 && / failed: /.test(l.message));
    assert.deepEqual(
      internal.map((l) => l.message.split('\n')[0]),
      [],
      'no request failed inside the server (the guards hide such failures from the client)',
    );
    assert.equal(violations.count, 0, `malformed results (seed ${SEED}), first of each kind:\n${violations.report()}`);
    assert.ok(c.alive);
    const exit = await c.shutdown();
    assert.equal(exit.code, 0);
  });
});
