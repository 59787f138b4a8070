import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_OPTIONS,
  analyze,
  applyEdits,
  CODES_BY_NAME,
  FAMILIES,
  fixesFor,
  LineIndex,
  setLocale,
  type AnalyzeOptions,
  type Finding,
} from '../../server/src/core/index';
import { countWords, findPassive, findWords, LIX_HINT, LONG_SENTENCE_WORDS, sentences, WORD_DATA } from '../../server/src/core/rules/klarsprak';
import { loadConfig } from '../../server/src/node/config';

const ROOT = join(__dirname, '../..');
const EX = join(ROOT, 'examples');
const FIXTURE = join(__dirname, '../fixtures/klarsprak/klarsprak.plan.md');
const TEXT = readFileSync(FIXTURE, 'utf8');

const klarsprak = (text: string, options: AnalyzeOptions = {}): Finding[] =>
  analyze(text, { fileName: 'x.plan.md', ...options }).findings.filter((f) => f.code.startsWith('plan.klarsprak.'));

/** [code, line, the text the finding covers] of each klarspråk finding. */
function summary(text: string, findings: Finding[]): Array<[string, number, string]> {
  const lines = new LineIndex(text);
  return findings.map((f) => [f.code, lines.positionAt(f.range.start).line + 1, text.slice(f.range.start, f.range.end)]);
}

const lineOf = (needle: string) => TEXT.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('Klarspråk hints', () => {
  before(() => setLocale('sv'));

  it('Should report each code of the family in the fixture, at its place and nowhere else', () => {
    const longSentence =
      'När staden växer och fler människor flyttar hit behöver vi planera för parker, träd, dammar och gröna stråk redan när nya bostadsområden, skolor och förskolor ritas, så att alla som bor, arbetar och går i skola här har nära till grönska.';
    assert.deepEqual(summary(TEXT, klarsprak(TEXT)), [
      ['plan.klarsprak.word', lineOf('Avseende investeringar'), 'Avseende'],
      ['plan.klarsprak.word', lineOf('Nämnderna ska tillskapa'), 'tillskapa'],
      ['plan.klarsprak.word', lineOf('Nämnderna ska tillskapa'), 'i enlighet med'],
      ['plan.klarsprak.long-sentence', lineOf('När staden växer'), longSentence],
      ['plan.klarsprak.word', lineOf('De erhåller stöd'), 'erhåller'],
      ['plan.klarsprak.word', lineOf('De erhåller stöd'), 'I samband med'],
      ['plan.klarsprak.lix', lineOf('## Bakgrund'), 'Bakgrund'],
      ['plan.klarsprak.passive', lineOf('En grönplan ska tas fram'), 'ska tas fram'],
      ['plan.klarsprak.passive', lineOf('Nya fickparker skapas'), 'skapas'],
    ]);
  });

  it('Should leave quotes, code, tables, the Innehåll list, the Källor list and ”i detta avseende” alone', () => {
    const spans = klarsprak(TEXT).map((f) => f.range);
    for (const needle of [
      '> I samband med att',
      'Erforderliga underlag',
      '| Område | Erforderlig yta |',
      'Grönare städer i enlighet med',
      'i detta avseende',
    ]) {
      const at = TEXT.indexOf(needle);
      assert.ok(at > 0, needle);
      assert.ok(!spans.some((r) => r.start <= at + needle.length && r.end >= at), `no hint at ${needle}`);
    }
  });

  it('Should say in the message what it found and what to do', () => {
    const byCode = new Map([...klarsprak(TEXT)].reverse().map((f) => [f.code, f]));
    assert.equal(
      byCode.get('plan.klarsprak.passive')!.message,
      '”ska tas fram” står i passiv form och säger inte vem som gör det – börja åtgärden med vem som gör den, till exempel ”Kommunstyrelsen ska …”.',
    );
    assert.equal(byCode.get('plan.klarsprak.word')!.message, '”Avseende” är kanslispråk – skriv hellre ”Om”, ”För” eller ”När det gäller”.');
    assert.equal(
      byCode.get('plan.klarsprak.long-sentence')!.message,
      `En mening med 41 ord – meningar med fler än ${LONG_SENTENCE_WORDS} ord är svåra att läsa: dela upp den.`,
    );
    assert.match(byCode.get('plan.klarsprak.lix')!.message, /^Texten under ”Bakgrund” har LIX \d+ och är mycket svår att läsa – /);
    assert.ok((byCode.get('plan.klarsprak.lix')!.data!.lix as number) >= LIX_HINT);
    setLocale('en');
    try {
      assert.equal(
        klarsprak(TEXT).find((f) => f.code === 'plan.klarsprak.word')!.message,
        '“Avseende” is officialese; write “Om”, “För”, or “När det gäller” instead.',
      );
    } finally {
      setLocale('sv');
    }
  });

  it('Should give every klarspråk finding the severity hint', () => {
    assert.ok(klarsprak(TEXT).every((f) => f.severity === 'hint'));
  });

  it('Should find nothing on the clean examples and the clean fixtures', async () => {
    const config = await loadConfig({ roots: [EX] });
    const files = [
      join(EX, 'halmstad/ren-plan.plan.md'),
      join(EX, 'halmstad/riktlinje-for-sociala-medier.md'),
      join(EX, 'asby/handlingsplan-trygghet.md'),
      ...readdirSync(join(__dirname, '../fixtures/clean'))
        .filter((n) => n.endsWith('.md'))
        .map((n) => join(__dirname, '../fixtures/clean', n)),
    ];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const options = { fileName: file, ...config.forFile(file) };
      assert.ok(analyze(text, options).plan.planBy, `${file} is checked as a plan`);
      assert.deepEqual(summary(text, klarsprak(text, options)), [], file);
    }
  });

  it('Should silence one code with its switch and every code with klarsprak.enabled', () => {
    const all = klarsprak(TEXT).map((f) => f.code);
    const codes = ['plan.klarsprak.passive', 'plan.klarsprak.word', 'plan.klarsprak.long-sentence', 'plan.klarsprak.lix'];
    assert.deepEqual([...new Set(all)].sort(), [...codes].sort());
    for (const code of codes) {
      const option = CODES_BY_NAME.get(code)!.option!;
      const left = klarsprak(TEXT, { switches: { [option]: false } }).map((f) => f.code);
      assert.deepEqual(
        left,
        all.filter((c) => c !== code),
        option,
      );
    }
    assert.deepEqual(klarsprak(TEXT, { switches: { 'klarsprak.enabled': false } }), []);
    assert.ok(
      analyze(TEXT, { fileName: 'x.plan.md', switches: { 'klarsprak.enabled': false } }).findings.some((f) => f.code === 'plan.ansvar.no-actor'),
      'other families still run',
    );
    assert.deepEqual(
      klarsprak(TEXT, { severities: { 'plan.klarsprak.word': 'off' } }).filter((f) => f.code === 'plan.klarsprak.word'),
      [],
    );
  });

  it('Should declare the family after the writing conventions, with a default-on switch for each code', () => {
    const ids = FAMILIES.map((f) => f.id);
    assert.equal(ids.indexOf('klarsprak'), ids.indexOf('style') + 1);
    const family = FAMILIES.find((f) => f.id === 'klarsprak')!;
    assert.deepEqual(family.name, { sv: 'Klarspråk', en: 'Plain language' });
    const keys = (family.options ?? []).map((o) => o.key);
    assert.ok(keys.includes('klarsprak.enabled'));
    for (const c of family.codes) {
      assert.equal(c.severity, 'hint', c.code);
      assert.ok(c.option && keys.includes(c.option), `${c.code} has a declared switch`);
    }
    for (const o of family.options ?? []) {
      assert.equal(o.default, true, o.key);
      assert.ok(o.description.sv && o.description.en, o.key);
      assert.ok(ALL_OPTIONS.includes(o), o.key);
    }
  });

  it('Should replace an officialese word with its first alternative, keeping the capital letter', () => {
    const text = TEXT;
    const findings = klarsprak(text);
    const at = text.indexOf('Avseende investeringar');
    const fixes = fixesFor(text, findings, { start: at, end: at + 1 });
    assert.equal(fixes[0].title, 'Ersätt med ”Om”');
    assert.ok(fixes[0].preferred);
    assert.deepEqual(
      fixes.map((f) => f.edits[0].newText),
      ['Om', 'För', 'När det gäller'],
    );
    const after = applyEdits(text, fixes[0].edits);
    assert.ok(after.includes('Om investeringar beslutar kommunfullmäktige'));
    const phrase = text.indexOf('i enlighet med');
    const phraseFix = fixesFor(text, findings, { start: phrase, end: phrase })[0];
    assert.equal(applyEdits(text, phraseFix.edits).slice(phrase, phrase + 23), 'enligt översiktsplanen.');
    // Fixing every word leaves no word hint.
    let fixed = text;
    for (;;) {
      const f = klarsprak(fixed).find((x) => x.code === 'plan.klarsprak.word');
      if (!f) break;
      fixed = applyEdits(fixed, fixesFor(fixed, [f], f.range)[0].edits);
    }
    assert.ok(fixed.includes('Nämnderna ska skapa fler parker enligt översiktsplanen.'));
    assert.ok(fixed.includes('De får stöd från kommunledningsförvaltningen. Vid budgeten'));
  });

  it('Should offer no replacement when markup stands inside the words', () => {
    const text = TEXT.replace('fler parker i enlighet med översiktsplanen', 'fler parker *i enlighet* med översiktsplanen');
    const f = klarsprak(text).find((x) => x.data?.found === 'i enlighet med')!;
    assert.ok(f, 'still hinted');
    assert.equal(text.slice(f.range.start, f.range.end), 'i enlighet* med');
    assert.deepEqual(f.data, { found: 'i enlighet med' });
    assert.deepEqual(fixesFor(text, [f], f.range), []);
  });

  it('Should find inflected forms and phrases as whole words only', () => {
    const found = (s: string) => findWords(s).map((w) => [w.found, w.alternatives[0]]);
    assert.deepEqual(found('Nämnden har erhållit medel och innehar ansvaret.'), [
      ['erhållit', 'fått'],
      ['innehar', 'har'],
    ]);
    assert.deepEqual(found('Det förelåg inga hinder; rutinen verkställs årligen.'), [
      ['förelåg', 'fanns'],
      ['verkställs', 'genomförs'],
    ]);
    assert.deepEqual(found('I samband med att planen antas och i\nsyfte att nå målen.'), [
      ['I samband med att', 'När'],
      ['i\nsyfte att', 'för att'],
    ]);
    assert.deepEqual(found('Med avseende på budgeten.'), [['Med avseende på', 'När det gäller']]);
    assert.deepEqual(found('Nämnden har vidtagit åtgärder mot icke-diskriminering och tillskapandet av parker.'), []);
    assert.deepEqual(found('Planen är i detta avseende lik andra, och i ekonomiskt avseende likaså; i alla avseenden.'), []);
    assert.deepEqual(found('Ej aktuellt. Torde räcka.'), [
      ['Ej', 'Inte'],
      ['Torde', 'Bör'],
    ]);
  });

  it('Should tell passives without an actor from deponents, genitives and active verbs', () => {
    const passive: Array<[string, string]> = [
      ['Ett helhetsperspektiv ska eftersträvas i arbetet.', 'ska eftersträvas'],
      ['En handlingsplan ska tas fram under 2025.', 'ska tas fram'],
      ['Behovet av fler förskoleplatser bör utredas.', 'bör utredas'],
      ['Samverkan med högskolan ska även utvecklas.', 'ska även utvecklas'],
      ['Planen kommer att genomföras stegvis.', 'kommer att genomföras'],
      ['Resultaten ska kunna användas av alla.', 'ska kunna användas'],
      ['Rutinerna ska ses över.', 'ska ses över'],
      ['Målen måste nås senast 2028.', 'måste nås'],
      ['Andelen ska ökas.', 'ska ökas'],
      ['Nya mötesplatser skapas i alla stadsdelar.', 'skapas'],
      ['Uppföljningen genomförs årligen.', 'genomförs'],
      ['Genomförs en gång per år.', 'Genomförs'],
      ['En kartläggning görs av alla lekplatser.', 'görs'],
      ['Nya cykelvägar byggs ut.', 'byggs ut'],
      ['Statistiken följs upp varje kvartal.', 'följs upp'],
      ['Årligen genomförs en trygghetsvandring.', 'genomförs'],
      ['Det tas fram en plan för belysning.', 'tas fram'],
      ['Barns och ungas hälsa främjas.', 'främjas'],
      ['Kommunens arbete stärks genom samverkan.', 'stärks'],
      ['Processens resultat redovisas för nämnden.', 'redovisas'],
      ['Information sprids via webben.', 'sprids'],
      ['Särskild uppmärksamhet ska ägnas nyanländas integration', 'ska ägnas'],
    ];
    for (const [text, found] of passive) assert.equal(findPassive(text)?.found, found, text);
    const notPassive = [
      'Kommunstyrelsen ska ta fram en plan.',
      'Det finns ett starkt samband mellan utbildning och arbete.',
      'För att lyckas behöver vi samverka.',
      'Vi hoppas att fler trivs i staden.',
      'Eleverna ska känna sig trygga och trivas.',
      'Vägen till skolan känns osäker.',
      'Det syns att arbetet ger resultat.',
      'Vi minns hur det var.',
      'Barnen låtsas och andas djupt.',
      'Det kräver att cykelvägarna hänger ihop.',
      'Det behövs fler platser.',
      'Det krävs ett långsiktigt arbete.',
      'Samverkan är en nyckel i arbetet.',
      'Kommunens och regionens arbete.',
      'Processens mål är tydliga.',
      'Förmågans utveckling är viktig.',
      'Ta fram en samlad nulägesbild.',
      'Utifrån nulägesbild definiera ambitioner och insatser.',
      'Ökad kompetens inom digitalisering.',
      'Fokus på barn och unga.',
      'Balans mellan arbete och fritid.',
      'Kurs i svenska för nyanlända.',
      'En vas på bordet.',
      'Alla ska ha tillgång till andras erfarenheter.',
      'Vi ska synas mer i sociala medier.',
      'Om bidrag beviljas ska nämnden redovisa det.',
      'Insatser som görs ska vara långsiktiga.',
      'Halmstads kommun ska stärka Halmstads innovativa tillväxtmiljöer.',
    ];
    for (const text of notPassive) assert.equal(findPassive(text), undefined, text);
  });

  it('Should not call an action passive when it names its actor', () => {
    const text = TEXT.replace('- En grönplan ska tas fram.', '- Kommunstyrelsen ska se till att en grönplan tas fram.');
    assert.deepEqual(
      klarsprak(text)
        .filter((f) => f.code === 'plan.klarsprak.passive')
        .map((f) => f.data!.found),
      ['skapas'],
    );
  });

  it('Should split sentences at their ends but not at abbreviations, initials or numbers', () => {
    const split = (s: string) => sentences(s).map(([a, b]) => s.slice(a, b));
    assert.deepEqual(split('Vi gör t.ex. detta bl.a. i år. Sedan 1.2 och ca. tio till! Klart?'), [
      'Vi gör t.ex. detta bl.a. i år.',
      'Sedan 1.2 och ca. tio till!',
      'Klart?',
    ]);
    assert.deepEqual(split('Enligt Hedlund A. Lunds universitet gäller det. ”Citat.” Slut'), [
      'Enligt Hedlund A. Lunds universitet gäller det.',
      '”Citat.”',
      'Slut',
    ]);
    assert.equal(countWords('Halmstads kommun, 150 000 invånare – och barn- och ungdomsnämnden.'), 9);
  });

  it('Should have a well-formed word list: forms, alternatives and a named source for every entry', () => {
    const { sources, entries } = WORD_DATA;
    assert.ok(Object.keys(sources).length >= 2);
    for (const [name, citation] of Object.entries(sources)) assert.ok(citation.length > 40 && !/https?:/.test(citation), `${name}: a citation, not a link`);
    assert.ok(entries.length >= 40, `${entries.length} entries`);
    const seen = new Set<string>();
    const nonEmpty = (a: unknown) => Array.isArray(a) && a.length > 0 && a.every((x) => typeof x === 'string' && x.trim() === x && x.length > 0);
    for (const e of entries) {
      assert.ok(/^[\p{Ll} ]+$/u.test(e.word), `${e.word}: lower-case words`);
      assert.ok(nonEmpty(e.alternatives), `${e.word}: alternatives`);
      assert.ok(e.source in sources, `${e.word}: source ${e.source}`);
      if (e.notBefore) assert.doesNotThrow(() => new RegExp(e.notBefore!, 'iu'), e.word);
      for (const [form, alternatives] of [[e.word, e.alternatives] as const, ...Object.entries(e.forms ?? {})]) {
        assert.ok(/^[\p{Ll} ]+$/u.test(form), `${form}: lower-case words`);
        assert.ok(nonEmpty(alternatives), `${form}: alternatives`);
        assert.ok(!alternatives.includes(form), `${form}: not its own alternative`);
        assert.ok(!seen.has(form), `${form}: listed once`);
        seen.add(form);
        assert.deepEqual(
          findWords(`Här står ${form} i en mening.`).map((w) => w.found),
          [form],
          `${form} is found`,
        );
      }
    }
  });

  it('Should have a Swedish translation for every message of the family', () => {
    const bundle = JSON.parse(readFileSync(join(ROOT, 'l10n/bundle.l10n.sv.json'), 'utf8')) as Record<string, string>;
    const src = readFileSync(join(ROOT, 'server/src/core/rules/klarsprak.ts'), 'utf8');
    const keys = [...src.matchAll(/\bt\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2].replace(/\\(['"`\\])/g, '$1'));
    assert.equal(keys.length, 4);
    for (const k of keys) {
      assert.ok(k in bundle, k);
      assert.equal((bundle[k].match(/\{\d\}/g) ?? []).sort().join(), (k.match(/\{\d\}/g) ?? []).sort().join(), k);
      assert.ok(!/"|“/.test(bundle[k]), `${k}: Swedish quotes`);
    }
  });
});
