/**
 * Headings in Word documents without heading styles (server/src/word/promote.ts, cues.ts): bold
 * paragraphs the template recognises, numbered ones and larger ones become headings; a bold
 * sentence for emphasis and a bold line inside a Vad text stay text, and are named in the notes.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { loadTemplate, setLocale, TemplateSet } from '../../server/src/core/index';
import { headingCues } from '../../server/src/word/cues';
import { importDocx } from '../../server/src/word/import';
import { promoteHeadings, type WordNode } from '../../server/src/word/promote';

const NORRBY = join(__dirname, '../../examples/norrby/strategi.planmall.yaml');

function norrby() {
  return new TemplateSet().withOverrides([loadTemplate(readFileSync(NORRBY, 'utf8'), 'strategi.planmall.yaml').template!]);
}

/** A paragraph of one run: bold or not, of a size (null: the style's). */
function para(text: string, bold = false, fontSize: number | null = null): WordNode {
  return { type: 'paragraph', styleName: null, children: [{ type: 'run', isBold: bold, fontSize, children: [{ type: 'text', value: text }] }] };
}

const BODY = 'Skolan ska vara en trygg plats för alla barn och unga som bor i kommunen.';

function promote(children: WordNode[], templates = new TemplateSet()) {
  const doc: WordNode = { type: 'document', children };
  const result = promoteHeadings(doc, { tocTitles: new Set(['innehåll']), cue: headingCues(templates.all()) });
  const depths = Object.fromEntries(children.filter((p) => p.styleName).map((p) => [p.children![0].children![0].value, p.styleName]));
  return { ...result, depths };
}

describe('Word import: bold paragraphs in a document without heading styles', () => {
  beforeEach(() => setLocale('sv'));

  it('Should know the template’s headings, and only with their numbers or separators', () => {
    const cue = headingCues(new TemplateSet().all());
    assert.deepEqual(cue('Syfte'), { kind: 'section' });
    assert.deepEqual(cue('Inledning: Vi spelar roll!'), { kind: 'section' });
    assert.deepEqual(cue('Del 1. Lärande'), { kind: 'unit' });
    assert.deepEqual(cue('Ambition 1.2 Läsa'), { kind: 'unit' });
    assert.deepEqual(cue('Hur?'), { kind: 'sub' });
    assert.deepEqual(cue('Vad behöver vi lyckas med de närmaste fyra åren för att nå ambitionen?'), { kind: 'sub' });
    assert.equal(cue('Del av kommunen ska växa'), undefined, 'a label without its number is no part');
    assert.equal(cue('Observera att planen gäller alla nämnder'), undefined);
    const own = headingCues(norrby().all());
    assert.deepEqual(own('Strategier'), { kind: 'parts', bare: true });
    assert.deepEqual(own('Insats: Grönare bostadsområden'), { kind: 'unit' });
    assert.equal(own('Insatser'), undefined);
  });

  it('Should promote the template’s headings in the text’s own size, and keep bold emphasis as text', () => {
    const r = promote([
      para('Plan för skolan', true),
      para('Inledning', true),
      para(BODY),
      para('Observera att planen gäller alla nämnder', true),
      para(BODY),
      para('Observera att planen gäller alla nämnder.', true),
      para('Del 1. Lärande', true),
      para(BODY),
      para('Del 2. Trygghet'),
      para(BODY),
      para('Ambition 1.1. Läsa', true),
      para('Vad behöver vi lyckas med de närmaste fyra åren för att nå ambitionen?', true),
      para('Trygga skolvägar', true),
      para(BODY),
      para('Hur?', true),
    ]);
    assert.deepEqual(r.promoted, [
      'Plan för skolan',
      'Inledning',
      'Del 1. Lärande',
      'Ambition 1.1. Läsa',
      'Vad behöver vi lyckas med de närmaste fyra åren för att nå ambitionen?',
      'Hur?',
    ]);
    assert.deepEqual(r.kept, ['Observera att planen gäller alla nämnder', 'Observera att planen gäller alla nämnder.', 'Trygga skolvägar']);
    assert.equal(r.depths['Plan för skolan'], 'Heading 1');
    assert.equal(r.depths['Del 1. Lärande'], 'Heading 2');
  });

  it('Should promote a bold paragraph larger than the text, and keep one in the text’s size that the template does not know', () => {
    const r = promote([para('Plan för skolan', true, 20), para('Förord', true, 16), para(BODY), para('Viktigt att veta', true), para(BODY)]);
    assert.deepEqual(r.promoted, ['Plan för skolan', 'Förord']);
    assert.deepEqual(r.kept, ['Viktigt att veta']);
  });

  it('Should promote numbered paragraphs that are not bold only in a document that marks no heading', () => {
    const plain = promote([para('1. Trygghet'), para(BODY), para('Del 2. Lärande'), para(BODY)]);
    assert.deepEqual(plain.promoted, ['1. Trygghet', 'Del 2. Lärande']);
    const marked = promote([para('Inledning', true), para(BODY), para('Del 1. Lärande', true), para(BODY), para('Del 1. Lärande'), para(BODY)]);
    assert.deepEqual(marked.promoted, ['Inledning', 'Del 1. Lärande'], 'the overview in the text stays text');
  });

  it('Should promote bold lines in the text’s size where the template expects headings without a label, one level below', () => {
    const r = promote(
      [
        para('Bostadsstrategi', true),
        para('Syfte', true),
        para(BODY),
        para('Strategier', true),
        para('Fler hyresrätter', true),
        para(BODY),
        para('Insats: Markanvisning', true),
        para(BODY),
        para('Bostäder för äldre', true),
        para(BODY),
        para('Uppföljning', true),
        para('Observera detta', true),
        para(BODY),
      ],
      norrby(),
    );
    assert.deepEqual(r.promoted, ['Bostadsstrategi', 'Syfte', 'Strategier', 'Fler hyresrätter', 'Insats: Markanvisning', 'Bostäder för äldre', 'Uppföljning']);
    assert.deepEqual(r.kept, ['Observera detta'], 'after the parts’ section, a bold line is text again');
    assert.equal(r.depths['Strategier'], 'Heading 2');
    assert.equal(r.depths['Fler hyresrätter'], 'Heading 3');
    assert.equal(r.depths['Bostäder för äldre'], 'Heading 3');
  });

  it('Should import emphasis as bold text and say which bold paragraphs stayed text', async () => {
    const bold = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] });
    const doc = new Document({
      sections: [
        {
          children: [
            bold('Riktlinje för sociala medier'),
            bold('Syfte'),
            new Paragraph(BODY),
            bold('Observera att riktlinjen gäller alla nämnder'),
            new Paragraph(BODY),
            bold('Omfattning'),
            new Paragraph({ children: [new TextRun({ text: 'Viktigt:', bold: true }), new TextRun(' riktlinjen gäller bara konton i tjänsten.')] }),
          ],
        },
      ],
    });
    const result = await importDocx(await Packer.toBuffer(doc), { templates: new TemplateSet(), templateId: 'riktlinje', planName: 'x.md' });
    assert.ok(result.markdown.includes('\n# Riktlinje för sociala medier\n\n## Syfte\n'), result.markdown);
    assert.ok(result.markdown.includes('\n\n**Observera att riktlinjen gäller alla nämnder**\n\n'), result.markdown);
    assert.ok(result.markdown.includes('\n## Omfattning\n\n**Viktigt:** riktlinjen gäller'), result.markdown);
    assert.ok(
      result.notes.some((n) => n.includes('rubriker (antal: 3)') && n.includes('”Omfattning”')),
      result.notes.join('\n'),
    );
    assert.ok(
      result.notes.some((n) => n.startsWith('De här korta feta styckena blev text') && n.includes('”Observera att riktlinjen gäller alla nämnder”')),
      result.notes.join('\n'),
    );
  });
});
