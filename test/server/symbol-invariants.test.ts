/**
 * Well-formedness of the server's answers, as LSP and VS Code require them: a DocumentSymbol has a
 * non-empty name (vscode.DocumentSymbol throws "name must not be falsy"), its selectionRange lies
 * inside its range (LSP: "Must be contained by the `range`"; VS Code throws otherwise), children lie
 * inside their parent, and a position past the end of a line means the end of that line (LSP:
 * "If the character value is greater than the line length it defaults back to the line length").
 *
 * The small documents here are minimal reproductions of what the random-mutation test found.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSymbol, Position, Range } from 'vscode-languageserver-protocol';
import { EXAMPLES, fileUri, FIXTURES, LspClient } from '../helpers/lsp-client';

function le(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function contains(outer: Range, inner: Range): boolean {
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/** Every violation in a symbol tree, as readable lines. */
function violations(symbols: DocumentSymbol[], lineCount: number, parent?: DocumentSymbol): string[] {
  const out: string[] = [];
  for (const s of symbols) {
    const name = JSON.stringify(s.name);
    if (!s.name) out.push(`a ${s.kind} symbol has an empty name (range ${JSON.stringify(s.range)})`);
    if (!contains(s.range, s.selectionRange))
      out.push(`${name}: selectionRange ${JSON.stringify(s.selectionRange)} is not inside range ${JSON.stringify(s.range)}`);
    if (s.range.end.line >= lineCount) out.push(`${name}: range ${JSON.stringify(s.range)} ends past the last line`);
    if (parent && !contains(parent.range, s.range))
      out.push(`${name} ${JSON.stringify(s.range)} is a child of ${JSON.stringify(parent.name)} but outside its range ${JSON.stringify(parent.range)}`);
    out.push(...violations(s.children ?? [], lineCount, s));
  }
  return out;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? markdownFiles(join(dir, n)) : /\.md$/.test(n) ? [join(dir, n)] : []));
}

describe('Server answers are well-formed', function () {
  let client: LspClient;
  let n = 0;

  before(async () => {
    client = await LspClient.start();
  });

  after(async () => {
    await client?.dispose();
  });

  /** Opens `text` as a new plan document and returns what is wrong with its symbols. */
  async function symbolViolations(text: string): Promise<string[]> {
    const uri = fileUri(join(EXAMPLES, `invariant-${++n}.plan.md`));
    await client.open(uri, text, 1);
    try {
      const symbols = (await client.documentSymbol(uri)) as DocumentSymbol[];
      assert.ok(symbols.length > 0, 'the document is a plan with symbols');
      return violations(symbols, text.split(/\r\n|\r|\n/).length);
    } finally {
      await client.close(uri);
    }
  }

  it('Should return well-formed document symbols and folding ranges for every example and fixture', async () => {
    const problems: string[] = [];
    for (const file of [...markdownFiles(EXAMPLES), ...markdownFiles(FIXTURES)]) {
      const uri = fileUri(file);
      const text = readFileSync(file, 'utf8');
      const lineCount = text.split(/\r\n|\r|\n/).length;
      await client.open(uri, text, 1);
      const symbols = (await client.documentSymbol(uri)) as DocumentSymbol[];
      problems.push(...violations(symbols, lineCount).map((v) => `${file}: ${v}`));
      for (const f of (await client.foldingRange(uri)) ?? [])
        if (!(f.startLine < f.endLine && f.endLine < lineCount)) problems.push(`${file}: folding range ${JSON.stringify(f)}`);
      await client.close(uri);
    }
    assert.deepEqual(problems, []);
  });

  it('Should give the document symbol a non-empty name when the title heading is an empty “#”', async () => {
    assert.deepEqual(await symbolViolations('---\ndokumenttyp: plan\n---\n\n#\n\n## Del 1. Gröna platser\n'), []);
  });

  it('Should not return a front matter key symbol with an empty name when the YAML is broken', async () => {
    assert.deepEqual(await symbolViolations('---\ndokumenttyp: plan\n> n\nb: x\n---\n\n# Plan för X\n'), []);
  });

  it('Should keep the selectionRange of an empty heading with a trailing space (“## ”) inside its range', async () => {
    // What a writer has on screen right after typing "## " to start a new heading.
    assert.deepEqual(await symbolViolations('---\ndokumenttyp: plan\n---\n\n# Plan för X\n\n## \n\n## Del 1. Y\n'), []);
  });

  it('Should keep sections that come before the title heading inside the range of their parent symbol', async () => {
    assert.deepEqual(await symbolViolations('---\ndokumenttyp: plan\n---\n\n## Förord\n\nText.\n\n# Plan för X\n\n## Del 1. Y\n'), []);
  });

  it('Should treat a hover position past the end of a line as the end of that line, not the start of the next', async () => {
    const file = join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md');
    const uri = fileUri(file);
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    assert.equal(lines[24], '', 'line 24 is empty');
    assert.ok(lines[25].startsWith('Kommunstyrelsen ansvarar'), 'line 25 begins with a body name');
    await client.open(uri, text, 1);
    try {
      const atEnd = await client.hover(uri, { line: 24, character: 0 });
      const past = await client.hover(uri, { line: 24, character: 5 });
      assert.deepEqual(past, atEnd, 'character 5 on an empty line means character 0 on that line');
    } finally {
      await client.close(uri);
    }
  });
});
