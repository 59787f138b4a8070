/**
 * Word out and in again (issue 11): the clean example is published as Word, the Word file is
 * imported, and the plan that comes back has the findings the plan had (none but hints), the same front matter and the same text,
 * word for word. The documented differences (docs/word-import.md): the Innehåll comes back as the
 * generated one (the headings' own words, as paragraphs) and a quotation as a plain paragraph.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, publication, setLocale, TemplateSet } from '../../server/src/core/index';
import { publicationDocx } from '../../server/src/publish/index';
import { importDocx } from '../../server/src/word/import';
import { words } from '../helpers/publish';

const ROOT = join(__dirname, '../..');

/** The front matter's keys and values, and the text after the Innehåll section. */
function parts(text: string): { header: Record<string, string>; body: string } {
  const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  const header = Object.fromEntries(
    fm
      .split(/\r?\n/)
      .map((l) => /^([^:#\s][^:]*):\s*(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1], m[2].replace(/^["']|["']$/g, '')]),
  );
  const toc = text.search(/^## Innehåll\s*$/m);
  const after = toc >= 0 ? text.slice(toc).search(/^## (?!Innehåll)/m) : -1;
  return { header, body: toc >= 0 && after >= 0 ? text.slice(toc + after) : text.slice(text.indexOf('\n#')) };
}

describe('Publish as Word, import again', () => {
  before(() => setLocale('sv'));

  for (const name of ['examples/halmstad/ren-plan.plan.md', 'test/fixtures/clean/clean.plan.md']) {
    it(`Should give back ${name} with its own findings only, the same front matter and the same words`, async () => {
      const file = join(ROOT, name);
      const text = readFileSync(file, 'utf8');
      const original = analyze(text, { fileName: file });
      const errors = original.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(errors, [], 'the plan is clean to begin with');
      const docx = await publicationDocx(publication(original.plan));
      const back = await importDocx(docx, { templates: new TemplateSet(), planName: name.split('/').pop()! });
      assert.deepEqual(back.notes, [], 'nothing to look at');
      const again = analyze(back.markdown, { fileName: file });
      assert.deepEqual(
        again.findings.map((f) => `${f.code}: ${f.message}`),
        original.findings.map((f) => `${f.code}: ${f.message}`),
        'the same findings as the plan itself (none but hints)',
      );
      const [a, b] = [parts(text), parts(back.markdown)];
      for (const [key, value] of Object.entries(a.header)) if (value) assert.equal(b.header[key], value, `front matter ${key}`);
      assert.deepEqual(words(b.body), words(a.body), 'the body, word for word');
    });
  }
});
