/**
 * The shortcuts that keep heading-dense plans linear (issue 9, 10,000 ambitions) give what the
 * plain versions gave: fold() without normalize() below U+0300 and with toLowerCase(), the
 * cut-off edit distance, nearest() with its length bound, the "missing in all" sentence and the
 * inserted text made once per check, Innehåll's lazily made lookups. Each is compared with a
 * straightforward version on random or exhaustive inputs.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyze,
  editDistance,
  editDistanceWithin,
  fold,
  isSpaceCode,
  MAX_EDIT_LENGTH,
  nearest,
  parseMarkdown,
  setLocale,
  singleSpaced,
  t,
  slug,
  type CodeSpec,
  type Finding,
} from '../../server/src/core/index';
import { Collector } from '../../server/src/core/rules/family';
import * as l10n from '@vscode/l10n';
import sv from '../../l10n/bundle.l10n.sv.json';
import { seeded as random } from '../helpers/random';

const CLEAN = readFileSync(join(__dirname, '../fixtures/clean/clean.plan.md'), 'utf8');

/** Letters, digits, every kind of white space, composed and decomposed Swedish letters, İ, Greek sigma, Hangul, astral characters. */
const ALPHABET = [
  ...'abcABCåäöÅÄÖéÉüÜ0123456789 .-:?',
  ' ',
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u2003',
  '\u3000',
  'a\u030a',
  'A\u030a',
  'o\u0308',
  '\u0301',
  'İ',
  'I\u0307',
  'Σ',
  'ΟΔΟΣ',
  '\u1100\u1161',
  '가',
  '\u212b',
  '\u0958',
  '😀',
  'ǅ',
  'ẞ',
];

function randomText(rnd: () => number, max: number, alphabet = ALPHABET): string {
  let s = '';
  const n = Math.floor(rnd() * (max + 1));
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
  return s;
}

const foldReference = (s: string) => s.normalize('NFC').toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();

/** Damerau–Levenshtein (optimal string alignment) as the textbook writes it: the whole table. */
function osaReference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** nearest() as it was before its length bound: every candidate folded and compared in full. */
function nearestReference(word: string, candidates: string[], max = 3): string[] {
  const w = foldReference(word);
  const limit = Math.max(2, Math.floor(w.length / 4));
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    const fc = foldReference(c);
    let d = w.length > MAX_EDIT_LENGTH || fc.length > MAX_EDIT_LENGTH ? (w === fc ? 0 : Infinity) : osaReference(w, fc);
    if (d > limit && (fc.startsWith(w) || w.startsWith(fc) || fc.endsWith(w) || w.endsWith(fc)) && Math.min(w.length, fc.length) >= 4) d = limit;
    if (d <= limit) scored.push([c, d]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0], 'sv'));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const [c] of scored) {
    if (seen.has(foldReference(c))) continue;
    seen.add(foldReference(c));
    out.push(c);
    if (out.length >= max) break;
  }
  return out;
}

describe('heading-dense plans: shortcuts that change nothing', () => {
  it('every text of code units below U+0300 is already composed (NFC): every single one and every pair', () => {
    for (let a = 0; a < 0x300; a++) {
      const one = String.fromCharCode(a);
      assert.equal(one.normalize('NFC'), one, `U+${a.toString(16)}`);
      for (let b = 0; b < 0x300; b++) {
        const two = one + String.fromCharCode(b);
        if (two.normalize('NFC') !== two) assert.fail(`U+${a.toString(16)} U+${b.toString(16)} composes`);
      }
    }
  });

  it('lower-casing for Swedish is the language-neutral mapping, for every code point and in context', () => {
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const s = String.fromCodePoint(c);
      if (s.toLowerCase() !== s.toLocaleLowerCase('sv')) assert.fail(`U+${c.toString(16)}`);
    }
    for (const s of ['ΟΔΟΣ', 'ΟΔΟΣ ΟΔΟΣ.', 'AΣ b', 'İstanbul', 'I\u0307', 'J\u0301\u0307', 'ÅSA ÖRN', '\ud800A', 'A\udc00'])
      assert.equal(s.toLowerCase(), s.toLocaleLowerCase('sv'), s);
  });

  it('fold() gives what normalize, toLocaleLowerCase and the white-space clean-up give, on random texts', () => {
    const rnd = random(1);
    for (let i = 0; i < 20000; i++) {
      const s = randomText(rnd, 12);
      assert.equal(fold(s), foldReference(s), JSON.stringify(s));
    }
    for (const s of ['Ambition 1.1. Mål 1', '  Vad  ', 'a\u00a0b', 'VARFÖR', 'Ä', 'A\u0308', 'İ', ''])
      assert.equal(fold(s), foldReference(s), JSON.stringify(s));
  });

  it('isSpaceCode() is what \\s matches, for every code unit, and singleSpaced() is replace(/\\s+/g, " ").trim()', () => {
    for (let c = 0; c <= 0xffff; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) assert.fail(`U+${c.toString(16)}`);
    const rnd = random(5);
    for (let i = 0; i < 20000; i++) {
      const s = randomText(rnd, 10);
      assert.equal(singleSpaced(s), s.replace(/\s+/g, ' ').trim(), JSON.stringify(s));
    }
  });

  it('a heading’s text is its plain text with single spaces, with or without markup', () => {
    const md = parseMarkdown('# En  rubrik\n\n## *Fet* och `kod`\n\n### \n\n#### Tab\there \n\n##### [Länk](x) och ![bild](y.png)\n');
    assert.deepEqual(
      md.allSections.map((s) => s.heading.text),
      ['En rubrik', 'Fet och kod', '', 'Tab here', 'Länk och bild'],
    );
  });

  it('slug() is as it was with toLocaleLowerCase', () => {
    const rnd = random(2);
    const reference = (text: string) =>
      text
        .toLocaleLowerCase('sv')
        .trim()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-');
    for (let i = 0; i < 5000; i++) {
      const s = randomText(rnd, 14);
      assert.equal(slug(s), reference(s), JSON.stringify(s));
    }
  });

  it('editDistance() is the optimal string alignment distance, and editDistanceWithin() is exact up to its limit', () => {
    const rnd = random(3);
    const small = [...'abcåä', 'A', ' '];
    for (let i = 0; i < 20000; i++) {
      const a = randomText(rnd, 9, small);
      const b = rnd() < 0.3 ? a.slice(1) + a[0] : randomText(rnd, 9, small);
      const d = osaReference(a, b);
      assert.equal(editDistance(a, b), d, `${a} / ${b}`);
      const limit = Math.floor(rnd() * 6);
      const within = editDistanceWithin(a, b, limit);
      if (d <= limit) assert.equal(within, d, `${a} / ${b} within ${limit}`);
      else assert.ok(within > limit, `${a} / ${b} within ${limit}: ${within}`);
    }
    // Long texts after short ones (the rows kept between calls grow), and a long one held by no call.
    const long = 'x'.repeat(1500);
    assert.equal(editDistance(long, long.slice(2) + 'yy'), 2);
    assert.equal(editDistance('kommun', 'komun'), 1);
  });

  it('nearest() with its length bound gives what comparing every candidate in full gave', () => {
    const rnd = random(4);
    const words = ['Inledning', 'Bakgrund', 'Källor', 'Ambition 1.1. Mål 1', 'Del 2. En levande plats', 'Varför', 'Hur?', 'Gemensamt ansvar'];
    const mutate = (s: string) => {
      let out = s;
      for (let k = Math.floor(rnd() * 4); k > 0; k--) {
        const i = Math.floor(rnd() * (out.length + 1));
        const r = rnd();
        if (r < 0.3) out = out.slice(0, i) + out.slice(i + 1);
        else if (r < 0.6) out = out.slice(0, i) + ALPHABET[Math.floor(rnd() * ALPHABET.length)] + out.slice(i);
        else if (r < 0.8 && i + 1 < out.length) out = out.slice(0, i) + out[i + 1] + out[i] + out.slice(i + 2);
        else out = out.toUpperCase();
      }
      return out;
    };
    for (let i = 0; i < 3000; i++) {
      const candidates = Array.from({ length: 1 + Math.floor(rnd() * 30) }, () =>
        rnd() < 0.7 ? mutate(words[Math.floor(rnd() * words.length)]) : randomText(rnd, 20),
      );
      const word = rnd() < 0.8 ? mutate(words[Math.floor(rnd() * words.length)]) : randomText(rnd, 20);
      const max = 1 + Math.floor(rnd() * 3);
      assert.deepEqual(nearest(word, candidates, max), nearestReference(word, candidates, max), `${word} among ${JSON.stringify(candidates)}`);
    }
    // Among many headings, the one with a typo is found and the far ones are passed over.
    const many = Array.from({ length: 2000 }, (_, k) => `Ambition ${Math.floor(k / 20) + 1}.${(k % 20) + 1}. Mål ${k}`);
    assert.deepEqual(nearest('Ambition 3.4. Mål 43', many, 2), nearestReference('Ambition 3.4. Mål 43', many, 2));
    assert.deepEqual(nearest('Källor', [...many, 'Kallor'], 2), ['Kallor']);
  });
});

describe('heading-dense plans: findings made once per check are the findings of each unit', () => {
  /** The clean plan with the subsections of Ambition 1.1 left out (all), of 1.2 two of them, of 2.1 one. */
  function plan(): string {
    const lines = CLEAN.split('\n');
    const drop = new Set<number>();
    const dropSection = (heading: string, after: number) => {
      const start = lines.findIndex((l, i) => i > after && l === heading);
      assert.ok(start >= 0, heading);
      let end = start + 1;
      while (end < lines.length && !/^#{1,4} /.test(lines[end])) end++;
      for (let i = start; i < end; i++) drop.add(i);
    };
    const a11 = lines.indexOf('### Ambition 1.1. Fler parker');
    const a12 = lines.indexOf('### Ambition 1.2. Fler träd');
    const a21 = lines.indexOf('### Ambition 2.1. Renare sjöar');
    dropSection('#### Varför är ambitionen viktig?', a11);
    dropSection('#### Vad behöver vi lyckas med de närmaste fyra åren för att nå ambitionen?', a11);
    dropSection('#### Hur?', a11);
    dropSection('#### Varför är ambitionen viktig?', a12);
    dropSection('#### Hur?', a12);
    dropSection('#### Vad behöver vi lyckas med de närmaste fyra åren för att nå ambitionen?', a21);
    return lines.filter((_, i) => !drop.has(i)).join('\n');
  }

  const missing = (findings: Finding[]) => findings.filter((f) => f.code === 'plan.ambition.missing-section');

  it('each unit’s "missing in all" names what that unit lacks, in Swedish and then in English', () => {
    try {
      setLocale('sv');
      const sv = missing(analyze(plan(), { fileName: 'x.plan.md' }).findings);
      assert.deepEqual(
        sv.map((f) => f.message),
        [
          '”Ambition 1.1. Fler parker” saknar Varför. Sammanlagt saknas Varför, Vad och Hur.',
          '”Ambition 1.1. Fler parker” saknar Vad. Sammanlagt saknas Varför, Vad och Hur.',
          '”Ambition 1.1. Fler parker” saknar Hur. Sammanlagt saknas Varför, Vad och Hur.',
          '”Ambition 1.2. Fler träd” saknar Varför. Sammanlagt saknas Varför och Hur.',
          '”Ambition 1.2. Fler träd” saknar Hur. Sammanlagt saknas Varför och Hur.',
          '”Ambition 2.1. Renare sjöar” saknar Vad.',
        ],
      );
      setLocale('en');
      const en = missing(analyze(plan(), { fileName: 'x.plan.md' }).findings);
      assert.deepEqual(
        en.map((f) => f.message),
        [
          '“Ambition 1.1. Fler parker” lacks Varför. Missing in all: Varför, Vad, and Hur.',
          '“Ambition 1.1. Fler parker” lacks Vad. Missing in all: Varför, Vad, and Hur.',
          '“Ambition 1.1. Fler parker” lacks Hur. Missing in all: Varför, Vad, and Hur.',
          '“Ambition 1.2. Fler träd” lacks Varför. Missing in all: Varför and Hur.',
          '“Ambition 1.2. Fler träd” lacks Hur. Missing in all: Varför and Hur.',
          '“Ambition 2.1. Renare sjöar” lacks Vad.',
        ],
      );
    } finally {
      setLocale('sv');
    }
  });

  it('the text a missing subsection’s fix inserts goes before the next subsection or at the unit’s end, in the unit’s depth', () => {
    const text = plan();
    const found = missing(analyze(text, { fileName: 'x.plan.md' }).findings);
    const vad12 = text.indexOf('#### Vad', text.indexOf('### Ambition 1.2.'));
    const hur21 = text.indexOf('#### Hur?', text.indexOf('### Ambition 2.1.'));
    const byUnit = (title: string) =>
      found
        .filter((f) => f.message.includes(title))
        .map((f) => [f.data?.subsection, f.data?.insertAt, f.data?.insertText?.split('\n').find((l) => l.startsWith('#'))]);
    // Ambition 1.2: Varför before its Vad, Hur at its end; Ambition 2.1: Vad before its Hur.
    assert.deepEqual(byUnit('Ambition 1.2.')[0], ['varfor', vad12, '#### Varför är ambitionen viktig?']);
    // The template's title with the plan's period (2025–2028: three years).
    assert.deepEqual(byUnit('Ambition 2.1.')[0], ['vad', hur21, '#### Vad behöver vi lyckas med de närmaste tre åren för att nå ambitionen?']);
    const hur12 = found.find((f) => f.message.includes('Ambition 1.2.') && f.data?.subsection === 'hur')!;
    assert.ok(hur12.data!.insertText!.startsWith('\n\n#### Hur?\n\n- '), JSON.stringify(hur12.data!.insertText));
    // The insert at a unit's end is the same text for every unit that lacks it.
    const hur11 = found.find((f) => f.message.includes('Ambition 1.1.') && f.data?.subsection === 'hur')!;
    assert.equal(hur11.data!.insertText, hur12.data!.insertText);
  });
});

describe('heading-dense plans: Innehåll’s lookups made when needed', () => {
  it('an entry that links to a heading by its anchor is matched by the link, and a wrong anchor is reported', () => {
    const withLinks = CLEAN.replace('- Inledning', '- [Inledningen](#inledning)').replace('- Bakgrund', '- [Bakgrund](#bakgrunden)');
    assert.notEqual(withLinks, CLEAN);
    const toc = analyze(withLinks, { fileName: 'x.plan.md' }).findings.filter((f) => f.code.startsWith('plan.toc.'));
    // "Inledningen" differs from its heading but links to it: one title mismatch, no unknown entry.
    assert.deepEqual(
      toc.map((f) => [f.code, f.data?.found]),
      [
        ['plan.toc.title-mismatch', 'Inledningen'],
        ['plan.toc.unknown-entry', '#bakgrunden'],
      ],
    );
    assert.equal(toc[1].data?.expected, '#bakgrund');
  });
});

describe('heading-dense plans: findings collected without copying what needs no copy', () => {
  const CODE = { code: 'plan.test.code', severity: 'warning', description: { sv: 'x', en: 'x' } } as unknown as CodeSpec<{ expected?: string; found?: string }>;

  it('keeps a finding’s data as given, drops its undefined values, and gives none when all are undefined', () => {
    const c = new Collector({});
    c.add(CODE, 'a', { start: 0, end: 1 }, { expected: 'x', found: 'y' });
    c.add(CODE, 'b', { start: 0, end: 1 }, { expected: 'x', found: undefined });
    c.add(CODE, 'c', { start: 0, end: 1 }, { expected: undefined });
    c.add(CODE, 'd', { start: 0, end: 1 });
    assert.deepEqual(
      c.findings.map((f) => [f.message, f.data, 'data' in f]),
      [
        ['a', { expected: 'x', found: 'y' }, true],
        ['b', { expected: 'x' }, true],
        ['c', undefined, false],
        ['d', undefined, false],
      ],
    );
    assert.deepEqual(Object.keys(c.findings[1].data!), ['expected']);
  });

  it('a code switched off gets no finding', () => {
    const c = new Collector({ severities: { 'plan.test.code': 'off' } });
    c.add(CODE, 'a', { start: 0, end: 1 }, { expected: 'x' });
    assert.equal(c.findings.length, 0);
  });
});

describe('heading-dense plans: messages formatted from a compiled form', () => {
  it('t() gives what @vscode/l10n gives, for every message of the bundle, in both languages, with fewer and more arguments', () => {
    const messages = Object.keys(sv as Record<string, string>).filter((m) => /{[^}]+}/.test(m));
    assert.ok(messages.length > 50);
    try {
      for (const locale of ['sv', 'en'] as const) {
        setLocale(locale);
        for (const m of messages)
          for (const args of [['a'], ['”b”', 2, true], ['x', 'y', 'z', 'w', 'v']] as Array<Array<string | number | boolean>>)
            assert.equal(t(m, ...args), l10n.t(m, ...args), `${locale}: ${m}`);
        assert.equal(t('{0} and {length} and {01}', 'a'), l10n.t('{0} and {length} and {01}', 'a'));
      }
    } finally {
      setLocale('sv');
    }
  });
});
