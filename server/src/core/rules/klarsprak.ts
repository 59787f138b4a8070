/**
 * Plain language (klarspråk), as hints: actions in the passive that do not say who acts,
 * officialese words with plainer alternatives (data/klarsprak.json), long sentences, and sections
 * whose text is very hard to read by LIX. Every code has its own switch under `plan.klarsprak.`.
 */
import wordData from '../data/klarsprak.json';
import { defineCode, type ReplaceData } from '../findings';
import { joinNames, q, t } from '../l10n';
import { idOf } from '../memo';
import { allUnits, unitActions } from '../model';
import { offsetOf } from '../parse';
import { sectionLix, sentences } from '../readability';
import type { Registry } from '../registry';
import type { RuleContext, RuleFamily } from './family';
import { rangeIn, walkProse, type MappedText } from './klarsprak-text';

/**
 * A sentence with more words than this gets a hint. Plain-language advice puts the limit of an
 * easily read sentence at about 20 words; plans are formal texts, so the hint waits until a sentence
 * is well past that. A constant because the family's options are switches.
 */
export const LONG_SENTENCE_WORDS = 35;
/** A section whose text has at least this LIX gets a hint: "very hard" on the usual scale (60+: hard specialist prose). */
export const LIX_HINT = 60;

const PASSIVE = defineCode<{ found: string }>({
  code: 'plan.klarsprak.passive',
  severity: 'hint',
  option: 'klarsprak.passive',
  description: {
    sv: 'En åtgärd i passiv form som inte säger vem som gör den (”ska eftersträvas”, ”tas fram”).',
    en: 'An action in the passive that does not say who does it (“ska eftersträvas”, “tas fram”).',
  },
});
const WORD = defineCode<ReplaceData>({
  code: 'plan.klarsprak.word',
  severity: 'hint',
  option: 'klarsprak.word',
  description: {
    sv: 'Ett krångligt ord eller uttryck som har ett enklare alternativ (”tillskapa” – ”skapa”).',
    en: 'An officialese word or phrase with a plainer alternative (“tillskapa” – “skapa”).',
  },
  fixes: ['replace'],
});
const LONG_SENTENCE = defineCode<{ words: number }>({
  code: 'plan.klarsprak.long-sentence',
  severity: 'hint',
  option: 'klarsprak.longSentence',
  description: {
    sv: `En mening i brödtexten med fler än ${LONG_SENTENCE_WORDS} ord.`,
    en: `A sentence of the running text with more than ${LONG_SENTENCE_WORDS} words.`,
  },
});
const LIX_CODE = defineCode<{ lix: number }>({
  code: 'plan.klarsprak.lix',
  severity: 'hint',
  option: 'klarsprak.lix',
  description: {
    sv: `Ett avsnitt vars text har LIX ${LIX_HINT} eller mer (mycket svår att läsa).`,
    en: `A section whose text has a LIX of ${LIX_HINT} or more (very hard to read).`,
  },
});

export const klarsprakFamily: RuleFamily = {
  id: 'klarsprak',
  name: { sv: 'Klarspråk', en: 'Plain language' },
  codes: [PASSIVE, WORD, LONG_SENTENCE, LIX_CODE],
  options: [
    {
      key: 'klarsprak.enabled',
      default: true,
      description: {
        sv: 'Klarspråkstips: passiv form utan aktör, krångliga ord, långa meningar och svårlästa avsnitt (LIX).',
        en: 'Plain-language hints: the passive without an actor, officialese words, long sentences and hard-to-read sections (LIX).',
      },
    },
    {
      key: 'klarsprak.passive',
      default: true,
      description: {
        sv: 'Tips när en åtgärd står i passiv form utan att säga vem som gör den.',
        en: 'Hint when an action is in the passive and does not say who does it.',
      },
    },
    {
      key: 'klarsprak.word',
      default: true,
      description: {
        sv: 'Tips när ett krångligt ord har ett enklare alternativ, med snabbkorrigering.',
        en: 'Hint, with a quick fix, when an officialese word has a plainer alternative.',
      },
    },
    {
      key: 'klarsprak.longSentence',
      default: true,
      description: { sv: `Tips när en mening har fler än ${LONG_SENTENCE_WORDS} ord.`, en: `Hint when a sentence has more than ${LONG_SENTENCE_WORDS} words.` },
    },
    {
      key: 'klarsprak.lix',
      default: true,
      description: {
        sv: `Tips när texten under en rubrik har LIX ${LIX_HINT} eller mer.`,
        en: `Hint when the text under a heading has a LIX of ${LIX_HINT} or more.`,
      },
    },
  ],
  check(ctx) {
    checkPassive(ctx);
    checkText(ctx);
    checkLix(ctx);
  },
};

// ---------------------------------------------------------------------------------------------
// The passive

/** Verbs ending in -s that are not passives: deponents, reciprocals, and "is needed" (behövs, krävs). */
const NOT_PASSIVE = new Set(
  (
    'finnas finns fanns funnits lyckas lyckades lyckats misslyckas misslyckades hoppas hoppades trivas trivs trivdes andas andades ' +
    'kännas känns kändes synas syns syntes minnas minns mindes låtsas låtsades vistas vistades åldras åldrades brottas svettas ' +
    'skämmas skäms hämnas umgås umgicks slåss märkas märks märktes tyckas tycks tycktes fattas fattades behövas behövs behövdes ' +
    'krävas krävs krävdes mötas möts träffas träffades enas samsas kräkas envisas avundas väsnas töras idas hövas förstås ' +
    'trängas kivas retas knuffas kramas brås nöjas'
  ).split(' '),
);

/** Words ending in -as or -s that are not verbs: genitives of adjectives and pronouns, and nouns. */
const NOT_VERB = new Set(
  'deras andras allas mångas fleras bådas ungas vuxnas egnas sjukas fattigas rikas nyanländas ensammas gamlas gas bas fas glas ras oas vas kras atlas ananas kanvas'.split(
    ' ',
  ),
);

/** Passive infinitives and present forms too short for the -as rule. */
const SHORT_PASSIVE = new Set('tas dras ges ses nås fås gås slås sås'.split(' '));

const MODALS = new Set('ska skall bör måste kan får behöver skulle borde kunde kommer'.split(' '));
/** Infinitives that chain after a modal before the main verb: "ska kunna användas". */
const CHAIN = new Set('kunna behöva få'.split(' '));
/** Adverbs that stand between a modal and its verb: "ska även utredas". */
const ADVERBS = new Set(
  'även också alltid inte aldrig särskilt kontinuerligt regelbundet årligen löpande därför dessutom gemensamt fortsatt vidare successivt tydligt systematiskt aktivt snarast ytterligare redan främst först sedan tidigt gärna helst'.split(
    ' ',
  ),
);
/** Particles of particle verbs: "tas fram", "följs upp", "ses över". */
const PARTICLES = new Set('fram upp ut in bort över tillvara ihop samman tillbaka ner undan igenom'.split(' '));
/** Words that may follow a present-tense passive: particles, prepositions, adverbs, determiners. */
const FOLLOWERS = new Set(
  (
    'fram upp ut in om bort av på till över igenom samman ihop tillbaka ner undan efter åt vidare tillvara i inom med för genom från mellan vid under enligt utifrån hos mot kring inför via ' +
    'senast årligen löpande regelbundet kontinuerligt även också gemensamt systematiskt aktivt successivt fortsatt särskilt snarast varje när så inte där ' +
    'en ett det den de dessa nya fler flera alla'
  ).split(' '),
);
/** Words after which the next verb is not the clause's first: finite verbs, modals and subordinators. */
const STOPS = new Set(
  'att som ska skall bör måste kan får kommer behöver vill är var blir blev har hade gör ger tar sker finns om när då där eftersom medan innan tills ifall så hur vad vilka vilket vilken vars'.split(
    ' ',
  ),
);
/** Clauses that open with these are subordinate: "Om bidrag beviljas …". */
const SUBORDINATE_OPENERS = new Set('om när då där eftersom medan innan tills ifall att som fast trots hur vad'.split(' '));

/** An -s ending of a second- or third-conjugation present passive: "genomförs", "stärks", "byggs", "används" … */
const PRESENT_S = /(?:[öyä]rs|ks|ggs|ägs|[lö]js|lls|nds|eds|öds|rids|uds|[öäåy]ts|fts|öms|öps|[iö]vs|ses)$/u;

function isPassiveInfinitive(w: string): boolean {
  if (NOT_PASSIVE.has(w) || NOT_VERB.has(w)) return false;
  if (SHORT_PASSIVE.has(w)) return true;
  return w.length >= 4 && w.endsWith('as') && !/[aeo]rnas$/u.test(w);
}

function isPresentPassive(w: string): boolean {
  if (NOT_PASSIVE.has(w) || NOT_VERB.has(w)) return false;
  if (SHORT_PASSIVE.has(w)) return true;
  if (w.length >= 4 && w.endsWith('as')) return !/[aeo]rnas$/u.test(w);
  return w.length >= 4 && PRESENT_S.test(w) && !/e[nt]s$/u.test(w);
}

interface Token {
  lower: string;
  start: number;
  end: number;
  /** The text between the previous token and this one. */
  before: string;
}

const TOKEN = /[\p{L}][\p{L}-]*/gu;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    out.push({ lower: m[0].toLowerCase(), start: m.index!, end: m.index! + m[0].length, before: text.slice(last, m.index!) });
    last = m.index! + m[0].length;
  }
  return out;
}

/** Only spaces and emphasis marks between two words: the same phrase. */
const joined = (tok: Token) => /^[\s*_]*$/u.test(tok.before);

/**
 * The first passive without an agent in `text` (an action's text), or undefined. Two patterns, for
 * precision over recall:
 * - a modal and a passive infinitive, with adverbs between: "ska eftersträvas", "bör utredas",
 *   "ska även tas fram", "kommer att genomföras", "ska kunna användas";
 * - a present passive as the first verb of a main clause, within its first words and followed by a
 *   particle, a preposition, an adverb, a determiner or the clause's end: "Genomförs årligen.",
 *   "En handlingsplan tas fram.", "Nya cykelvägar byggs ut."
 * Deponents (finns, lyckas, hoppas, trivs, känns, syns …), genitives (kommunens, processens,
 * förmågans) and "behövs"/"krävs" are not passives.
 */
export function findPassive(text: string): { start: number; end: number; found: string } | undefined {
  const tokens = tokenize(text);
  // The phrase runs to the verb's particle, if any: "ska tas fram", "följs upp".
  const hit = (a: Token, b: Token) => {
    const p = tokens[tokens.indexOf(b) + 1];
    const end = p && joined(p) && PARTICLES.has(p.lower) ? p.end : b.end;
    return { start: a.start, end, found: text.slice(a.start, end) };
  };
  let best: { start: number; end: number; found: string } | undefined;
  const consider = (h: { start: number; end: number; found: string }) => {
    if (!best || h.start < best.start) best = h;
  };

  // A modal and a passive infinitive.
  for (let i = 0; i < tokens.length; i++) {
    if (!MODALS.has(tokens[i].lower)) continue;
    let j = i + 1;
    if (tokens[i].lower === 'kommer') {
      if (tokens[j]?.lower !== 'att' || !joined(tokens[j])) continue;
      j++;
    }
    let skipped = 0;
    while (j < tokens.length && joined(tokens[j]) && (ADVERBS.has(tokens[j].lower) || /(?:ligen|vis)$/u.test(tokens[j].lower)) && skipped < 2) {
      j++;
      skipped++;
    }
    if (j < tokens.length && joined(tokens[j]) && CHAIN.has(tokens[j].lower)) j++;
    const v = tokens[j];
    if (v && joined(v) && isPassiveInfinitive(v.lower)) {
      consider(hit(tokens[i], v));
      break;
    }
  }

  // A present passive opening a main clause.
  const clauseStarts = tokens.map((tok, i) => i === 0 || /[.;:!?]/u.test(tok.before));
  for (let s = 0; s < tokens.length; s++) {
    if (!clauseStarts[s] || SUBORDINATE_OPENERS.has(tokens[s].lower)) continue;
    for (let k = s; k < tokens.length && k < s + 6; k++) {
      const tok = tokens[k];
      if (k > s && (clauseStarts[k] || /,/u.test(tok.before))) break;
      if (STOPS.has(tok.lower) || MODALS.has(tok.lower)) break;
      if (!isPresentPassive(tok.lower)) continue;
      const next = tokens[k + 1];
      const ends = !next || /[.,;:!?)–]/u.test(next.before);
      if (ends || FOLLOWERS.has(next.lower)) {
        consider(hit(tok, tok));
        break;
      }
    }
  }
  return best;
}

/** Who to name in the example: a styrelse of the registry, else any body, else the municipality. */
function exampleActor(registry: Registry): string {
  return registry.bodies.find((b) => b.kind === 'styrelse')?.name ?? registry.bodies[0]?.name ?? registry.data.municipality;
}

function checkPassive(ctx: RuleContext): void {
  const { plan } = ctx;
  const example = exampleActor(ctx.registry);
  // An action's passive follows from its text and the registry (which names its actor and the
  // example): read again only when one of them changed (memo.ts).
  const name = `klarsprak.passive\u0000${idOf(ctx.registry)}`;
  for (const u of allUnits(plan)) {
    for (const act of unitActions(u)) {
      if (act.actor || act.unknownActor) continue;
      ctx.memo.block(name, act.range.start, act.range.end, ctx.report, (report) => {
        const p = findPassive(plan.md.text.slice(act.range.start, act.range.end));
        if (!p) return;
        report(
          PASSIVE,
          t('{0} is in the passive and does not say who does it; begin the action with who does it, e.g. {1}.', q(p.found), q(`${example} ska …`)),
          { start: act.range.start + p.start, end: act.range.start + p.end },
          { found: p.found },
        );
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Running text: officialese words and long sentences

export interface WordEntry {
  word: string;
  alternatives: string[];
  forms?: Record<string, string[]>;
  notBefore?: string;
  source: string;
}

export const WORD_DATA = wordData as { sources: Record<string, string>; entries: WordEntry[] };

interface Variant {
  entry: WordEntry;
  alternatives: string[];
  notBefore?: RegExp;
}

const normalize = (s: string) => s.toLowerCase().replace(/\s+/gu, ' ');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every form of every entry, by its lower-case text, and one pattern that finds them all (longest first). */
const VARIANTS = new Map<string, Variant>();
for (const entry of WORD_DATA.entries) {
  const notBefore = entry.notBefore ? new RegExp(entry.notBefore, 'iu') : undefined;
  VARIANTS.set(normalize(entry.word), { entry, alternatives: entry.alternatives, notBefore });
  for (const [form, alternatives] of Object.entries(entry.forms ?? {})) VARIANTS.set(normalize(form), { entry, alternatives, notBefore });
}
const WORD_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}-])(?:${[...VARIANTS.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.split(' ').map(escapeRe).join('\\s+'))
    .join('|')})(?![\\p{L}\\p{N}-])`,
  'giu',
);

/** `alternative` with the first letter's case of `found`: "Avseende" → "Om". */
function withCaseOf(found: string, alternative: string): string {
  const first = found[0];
  return first && first !== first.toLowerCase() ? alternative[0].toUpperCase() + alternative.slice(1) : alternative;
}

/** The officialese words of `text`, with their offsets and alternatives. */
export function findWords(text: string): Array<{ index: number; found: string; alternatives: string[]; source: string }> {
  const out: Array<{ index: number; found: string; alternatives: string[]; source: string }> = [];
  for (const m of text.matchAll(WORD_PATTERN)) {
    const v = VARIANTS.get(normalize(m[0]));
    if (!v) continue;
    if (v.notBefore?.test(text.slice(Math.max(0, m.index! - 40), m.index!))) continue;
    out.push({ index: m.index!, found: m[0], alternatives: v.alternatives.map((a) => withCaseOf(m[0], a)), source: v.entry.source });
  }
  return out;
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

export { sentences };

export function countWords(text: string): number {
  return (text.match(WORD_RE) ?? []).length;
}

/**
 * What a paragraph's text holds, by text: an edit changes one paragraph, and the others need not be
 * searched again (the incremental analysis re-runs every rule). Emptied when it grows past a bound.
 */
const textCache = new Map<string, { words: ReturnType<typeof findWords>; long: Array<[number, number, number]> }>();
const TEXT_CACHE_SIZE = 50_000;

function readText(text: string): { words: ReturnType<typeof findWords>; long: Array<[number, number, number]> } {
  let found = textCache.get(text);
  if (!found) {
    const long: Array<[number, number, number]> = [];
    for (const [a, b] of sentences(text)) {
      const n = countWords(text.slice(a, b));
      if (n > LONG_SENTENCE_WORDS) long.push([a, b, n]);
    }
    found = { words: findWords(text), long };
    if (textCache.size >= TEXT_CACHE_SIZE) textCache.clear();
    textCache.set(text, found);
  }
  return found;
}

function checkText(ctx: RuleContext): void {
  const { plan } = ctx;
  const doc = plan.md.text;
  // Where the block being read reports to: the memo's recorder (memo.ts).
  let report = ctx.report;
  const words = (m: MappedText) => {
    for (const w of readText(m.text).words) {
      const range = rangeIn(m, w.index, w.index + w.found.length);
      // Offer replacements only when the words stand together in the source: across markup
      // ("*i enlighet* med") a replacement would take the markup with it.
      const contiguous = doc.slice(range.start, range.end) === w.found;
      report(
        WORD,
        t('{0} is officialese; write {1} instead.', q(w.found), joinNames(w.alternatives.map(q), 'disjunction')),
        range,
        contiguous ? { found: w.found, replacement: w.alternatives[0], suggestions: w.alternatives } : { found: w.found },
      );
    }
  };
  walkProse(
    plan,
    (m) => {
      words(m);
      for (const [a, b, n] of readText(m.text).long) {
        report(
          LONG_SENTENCE,
          t('A sentence of {0} words; sentences of more than {1} words are hard to read: split it.', n, LONG_SENTENCE_WORDS),
          rangeIn(m, a, b),
          { words: n },
        );
      }
    },
    words,
    (first, last, read) =>
      ctx.memo.block('klarsprak.text', offsetOf(first, 'start'), offsetOf(last, 'end'), ctx.report, (r) => {
        report = r;
        read();
        report = ctx.report;
      }),
  );
}

// ---------------------------------------------------------------------------------------------
// LIX

function checkLix(ctx: RuleContext): void {
  const { plan } = ctx;
  const sections = [
    ...plan.recognized.filter((r) => r.spec.kind !== 'toc' && r.spec.kind !== 'sources' && r.spec.kind !== 'parts').map((r) => r.section),
    ...allUnits(plan).map((u) => u.section),
  ];
  for (const s of new Set(sections)) {
    // A section's LIX follows from its text: counted again only when that changed (memo.ts).
    ctx.memo.block('klarsprak.lix', s.range.start, s.range.end, ctx.report, (report) => {
      const lix = sectionLix(s);
      if (!lix || lix.value < LIX_HINT) return;
      const h = s.heading;
      const range = h.textRange.end > h.textRange.start ? h.textRange : h.range;
      report(
        LIX_CODE,
        t('The text under {0} has LIX {1}, very hard to read: shorter sentences and fewer long words make it easier.', q(h.text), lix.value),
        range,
        { lix: lix.value },
      );
    });
  }
}
