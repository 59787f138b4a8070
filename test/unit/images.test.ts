/**
 * Images and their text alternative (issue 11, WCAG 2.1 AA 1.1.1): plan.image.missing-alt for an
 * image without alt text (Markdown, reference, HTML), plan.image.uninformative-alt for one whose
 * alt text is a file name, a generic word or Word's automatic description, and the quick fix that
 * takes an image's title as its alt text.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, applyEdits, fixesForFinding, setLocale, type Finding } from '../../server/src/core/index';
import { FIXTURES } from '../helpers/golden';

const CLEAN = readFileSync(join(FIXTURES, 'clean/clean.plan.md'), 'utf8');
const IMAGE_CODES = ['plan.image.missing-alt', 'plan.image.uninformative-alt'];

/** The clean plan with `body` under Bakgrund. */
function plan(body: string): string {
  const out = CLEAN.replace('## Bakgrund\n\nStaden växer.\n', `## Bakgrund\n\nStaden växer.\n\n${body}\n`);
  assert.notEqual(out, CLEAN);
  return out;
}

function imageFindings(body: string, options: Parameters<typeof analyze>[1] = {}): { text: string; findings: Finding[] } {
  const text = plan(body);
  const findings = analyze(text, { fileName: 'gron.plan.md', ...options }).findings.filter((f) => IMAGE_CODES.includes(f.code));
  return { text, findings };
}

/** Each image finding as its code and the source text it points at. */
function shown(body: string): string[] {
  const { text, findings } = imageFindings(body);
  return findings.map((f) => `${f.code.replace('plan.image.', '')}: ${text.slice(f.range.start, f.range.end)}`);
}

describe('Images without a text alternative', () => {
  beforeEach(() => setLocale('sv'));
  after(() => setLocale('sv'));

  it('Should find an image with empty or whitespace-only alt text, pointing at the image, with a warning that says why and what to do', () => {
    assert.deepEqual(shown('![](bilder/karta.png)\n\n![ \t ](park.jpg)\n\nText ![](inline.png) i ett stycke.'), [
      'missing-alt: ![](bilder/karta.png)',
      'missing-alt: ![ \t ](park.jpg)',
      'missing-alt: ![](inline.png)',
    ]);
    const [f] = imageFindings('![](bilder/karta.png)').findings;
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /^Bilden ”karta\.png” saknar alternativtext/);
    assert.match(f.message, /skärmläsare/);
    assert.match(f.message, /publicerade webbsidan eller i Word-filen/);
    assert.match(f.message, /mellan hakparenteserna: !\[Beskrivning\]\(…\)\.$/);
  });

  it('Should find a reference image without alt text, and not one whose label is its alt text', () => {
    assert.deepEqual(shown('Så här: ![][foto] och ![Torget med träd][foto] och ![torget][].\n\n[foto]: bilder/foto.jpg\n[torget]: bilder/torget.jpg'), [
      'missing-alt: ![][foto]',
    ]);
    assert.match(imageFindings('![][foto]\n\n[foto]: bilder/foto.jpg').findings[0].message, /”foto\.jpg”/, 'the message names the definition’s file');
  });

  it('Should find an HTML <img> without a non-empty alt attribute, in a block and inline', () => {
    assert.deepEqual(
      shown(
        [
          '<img src="a.png">',
          '',
          '<p><img src=\'b.png\' alt=""> <img alt src=c.png> <img src="d.png" alt="  "> <IMG SRC="e.png" ALT=\'Ett diagram över grönytan\'></p>',
          '',
          'Inline <img src="f.png" /> och <img src="g.png" alt="Stadsparken en sommardag"/> här.',
        ].join('\n'),
      ),
      [
        'missing-alt: <img src="a.png">',
        'missing-alt: <img src=\'b.png\' alt="">',
        'missing-alt: <img alt src=c.png>',
        'missing-alt: <img src="d.png" alt="  ">',
        'missing-alt: <img src="f.png" />',
      ],
    );
    assert.match(
      imageFindings('<img src="a.png">').findings[0].message,
      /i alt="…", eller hellre bilden i Markdown/,
      'an HTML image is told to use the alt attribute',
    );
  });

  it('Should find an <img> inside a quotation or a list at its exact place in the source', () => {
    assert.deepEqual(shown('> Citat med bild:\n> <img src="q.png">\n\n- Punkt\n\n  <img src="l.png" alt="">'), [
      'missing-alt: <img src="q.png">',
      'missing-alt: <img src="l.png" alt="">',
    ]);
  });

  it('Should find nothing when every image has alt text, and nothing in code', () => {
    assert.deepEqual(
      shown(
        [
          '![Karta över stadens grönstråk](bilder/karta.png)',
          '',
          '[![Kommunens logotyp](logga.svg)](https://example.org/)',
          '',
          '<img src="a.png" alt="Diagram: grönytan ökar 2015–2024">',
          '',
          '`![](kod.png)` och `<img src="kod.png">`',
          '',
          '```',
          '![](kodblock.png)',
          '<img src="kodblock.png">',
          '```',
          '',
          '![karta](karta.png) ![Karta över parken](<Karta över parken.png>)',
        ].join('\n'),
      ),
      [],
    );
  });

  it('Should find an image inside a link, whose alt text is the link’s only text', () => {
    assert.deepEqual(shown('[![](logga.svg)](https://example.org/)'), ['missing-alt: ![](logga.svg)']);
  });

  it('Should tell that an alt text of only the file name, a generic word or Word’s automatic description says nothing', () => {
    assert.deepEqual(
      shown(
        [
          '![bild1.png](bilder/bild1.png)',
          '![Bild](a.png) ![figur 2.3](b.png) ![Image](c.png) ![foto](d.png)',
          '![IMG_0042](IMG_0042.jpg)',
          '<img src="x/karta-2.png" alt="karta-2">',
          '![En bild som visar träd Automatiskt genererad beskrivning](e.png)',
          '![A picture containing trees Description automatically generated](f.png)',
        ].join('\n\n'),
      ),
      [
        'uninformative-alt: ![bild1.png](bilder/bild1.png)',
        'uninformative-alt: ![Bild](a.png)',
        'uninformative-alt: ![figur 2.3](b.png)',
        'uninformative-alt: ![Image](c.png)',
        'uninformative-alt: ![foto](d.png)',
        'uninformative-alt: ![IMG_0042](IMG_0042.jpg)',
        'uninformative-alt: <img src="x/karta-2.png" alt="karta-2">',
        'uninformative-alt: ![En bild som visar träd Automatiskt genererad beskrivning](e.png)',
        'uninformative-alt: ![A picture containing trees Description automatically generated](f.png)',
      ],
    );
    const { findings } = imageFindings('![Bild](a.png)\n\n![En bild som visar träd Automatiskt genererad beskrivning](e.png)');
    assert.ok(findings.every((f) => f.severity === 'information'));
    assert.match(findings[0].message, /^Alternativtexten ”Bild” till bilden ”a\.png” säger inte vad bilden visar/);
    assert.match(findings[1].message, /skrevs automatiskt av Word.*”Automatiskt genererad beskrivning”/);
  });

  it('Should offer to take the title as alt text, keeping all other text, and offer nothing without a title', () => {
    const { text, findings } = imageFindings('![ ](bilder/park.jpg "Stadsparken en sommardag") och ![](x.png)');
    const fixes = fixesForFinding(text, findings[0]);
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0].title, 'Använd titeln ”Stadsparken en sommardag” som alternativtext');
    const after = applyEdits(text, fixes[0].edits);
    assert.equal(after, text.replace('![ ](bilder/park.jpg', '![Stadsparken en sommardag](bilder/park.jpg'), 'only the title is added, as alt text');
    const again = analyze(after, { fileName: 'gron.plan.md' }).findings.filter((f) => f.code === 'plan.image.missing-alt');
    assert.equal(again.length, 1, 'the image without a title is still pointed out');
    assert.deepEqual(fixesForFinding(text, findings[1]), []);
  });

  it('Should follow the severity setting and the language', () => {
    assert.deepEqual(imageFindings('![](a.png)', { severities: { 'plan.image.missing-alt': 'off' } }).findings, []);
    assert.equal(imageFindings('![](a.png)', { severities: { 'plan.image.missing-alt': 'error' } }).findings[0].severity, 'error');
    setLocale('en');
    assert.match(imageFindings('![](a.png)').findings[0].message, /^The image “a\.png” has no alt text, so a screen reader cannot say what it shows/);
  });

  it('Should check a long run of unclosed <img tags in linear time without a finding', () => {
    const { findings } = imageFindings(`<div>${'<img src="a.png" '.repeat(20000)}</div>`);
    assert.deepEqual(findings, []);
  });
});
