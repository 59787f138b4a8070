import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, setLocale, TemplateSet } from '../../server/src/core/index';
import { DEFAULT_MAX_FILE_SIZE, isMarkdownFile, mayBePlan, skipReason } from '../../server/src/core/files';

const EX = join(__dirname, '../../examples');

describe('Which files are checked (core/files)', () => {
  before(() => setLocale('sv'));
  after(() => setLocale('sv'));

  it('Should know Markdown file names, paths and URIs by their extension, in any case', () => {
    for (const name of ['plan.md', 'PLAN.MD', 'a/b/c.plan.md', 'file:///x/y.markdown', 'n.mdown', 'n.MKD', '.md']) assert.ok(isMarkdownFile(name), name);
    for (const name of ['plan.txt', 'plan.md.bak', 'md', 'plan.mdx', 'plan.planmall.json', 'plan.md/']) assert.ok(!isMarkdownFile(name), name);
  });

  it('Should skip a file longer than the limit, with its length and the limit in the message', () => {
    assert.equal(skipReason('x'.repeat(100), 100), undefined, 'the limit itself is allowed');
    const r = skipReason('x'.repeat(101), 100);
    assert.equal(r?.code, 'too-large');
    assert.equal(r?.message, 'Filen är för stor för att kontrolleras (101 tecken; gränsen är 100).');
    setLocale('en');
    assert.equal(skipReason('x'.repeat(101), 100)?.message, 'The file is too large to check (101 characters; the limit is 100).');
    setLocale('sv');
    assert.equal(skipReason('\u0000'.repeat(101), 100)?.code, 'too-large', 'size is tested first');
    assert.equal(DEFAULT_MAX_FILE_SIZE, 2_000_000);
  });

  it('Should skip a binary file: a NUL character among the first 8000', () => {
    assert.deepEqual(skipReason('PNG\u0000\u0001', 1000), { code: 'binary', message: 'Filen ser ut att vara binär och kontrolleras inte.' });
    assert.equal(skipReason('x'.repeat(7999) + '\u0000', 10000)?.code, 'binary');
    assert.equal(skipReason('x'.repeat(8000) + '\u0000', 10000), undefined, 'a NUL after the probe is not looked for');
    assert.equal(skipReason('', 10), undefined);
    assert.equal(skipReason('# Plan\n\nåäö – ”citat”\n', 1000), undefined);
  });

  it('Should call a text with dokumenttyp in its front matter a possible plan', () => {
    const yes = [
      '---\ndokumenttyp: plan\n---\n# X\n',
      '---\r\ntitel: X\r\ndokumenttyp: riktlinje\r\n---\r\n',
      '\uFEFF---\ndokumenttyp:\n---\n',
      '---  \n  dokumenttyp : plan\n...\n',
      '---\n"dokumenttyp": plan\n---\n',
      '---\n{titel: X, dokumenttyp: plan}\n---\n',
      '---\ndokumenttyp: plan\n',
    ];
    for (const text of yes) assert.ok(mayBePlan(text, 'anteckningar.md'), JSON.stringify(text));
    const no = [
      '',
      '# Plan\n\ndokumenttyp: plan\n',
      '\n---\ndokumenttyp: plan\n---\n',
      '---\ntitel: X\n---\n\ndokumenttyp: plan\n',
      '---\n---\ndokumenttyp: plan\n',
      '---\nmindokumenttyp: plan\n---\n',
      '--- dokumenttyp: plan\n',
    ];
    for (const text of no) assert.ok(!mayBePlan(text, 'anteckningar.md'), JSON.stringify(text));
  });

  it('Should call a file with a template’s name ending a possible plan', () => {
    const templates = new TemplateSet();
    assert.ok(mayBePlan('', 'a/b.plan.md', templates.ids()));
    assert.ok(mayBePlan('', 'B.Riktlinje.MD', templates.ids()));
    assert.ok(!mayBePlan('', 'b.handlingsplan.md', templates.ids()));
    assert.ok(!mayBePlan('', 'plan.md', templates.ids()));
    assert.ok(mayBePlan('', 'b.handlingsplan.md', [{ id: 'handlingsplan' }]));
    assert.ok(mayBePlan('', 'trygghet-hp.md', [{ id: 'handlingsplan', filePattern: '-HP.md' }]));
    assert.ok(!mayBePlan('', 'trygghet.handlingsplan.md', [{ id: 'handlingsplan', filePattern: '-hp.md' }]), 'the pattern replaces the id ending');
    assert.ok(!mayBePlan('', 'b.plan.md', []), 'no templates, no name ending');
    assert.ok(mayBePlan('', 'b.åtgärdsplan.md'), 'without templates any .<word>.md ending');
    assert.ok(!mayBePlan('', 'b.md'));
    assert.ok(!mayBePlan('', 'b.plan.markdown'));
  });

  it('Should never say no to a document that analyze finds to be a plan (the examples and fixtures)', () => {
    const templates = new TemplateSet();
    const files = [
      ...readdirSync(join(EX, 'halmstad')).map((n) => join(EX, 'halmstad', n)),
      ...readdirSync(join(__dirname, '../fixtures'), { recursive: true, encoding: 'utf8' }).map((n) => join(__dirname, '../fixtures', n)),
    ].filter(isMarkdownFile);
    assert.ok(files.length > 20, 'the examples and fixtures are found');
    let plans = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (!analyze(text, { fileName: file, templates }).plan.planBy) continue;
      plans++;
      assert.ok(mayBePlan(text, file, templates.all()), file);
    }
    assert.ok(plans > 10);
    assert.ok(!mayBePlan(readFileSync(join(EX, 'anteckningar.md'), 'utf8'), join(EX, 'anteckningar.md'), templates.all()));
  });
});
