/**
 * Issue 8: no document, setting or workspace file can stall the checks or slip markup into the
 * editor. Patterns from outside run in linear time or are rejected; our own expressions are linear
 * (see also fuzz-linear.test.ts); names are compared composed; hidden characters are shown.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyze,
  completions,
  DEFAULT_DIARIENUMMER,
  DEFAULT_REGISTRY,
  DEFAULT_REGISTRY_DATA,
  hover,
  loadTemplate,
  Registry,
  setLocale,
  TemplateSet,
  templateAsMarkdown,
  type Template,
} from '../../server/src/core/index';
import { cleanTocText } from '../../server/src/core/plan';
import { escapeMarkdown } from '../../server/src/core/text';
import { compileUserPattern } from '../../server/src/core/pattern';
import { isLooseDiarienummer } from '../../server/src/core/rules/frontmatter';
import { isComment } from '../../server/src/core/model';
import { lix, sentences } from '../../server/src/core/readability';

const CLEAN = readFileSync(join(__dirname, '../fixtures/clean/clean.plan.md'), 'utf8');
const PLAN_TEMPLATE = readFileSync(join(__dirname, '../../server/src/core/data/plan.template.json'), 'utf8');

function cpu(f: () => void): number {
  const s = process.cpuUsage();
  f();
  const e = process.cpuUsage(s);
  return (e.user + e.system) / 1000;
}

const withDnr = (value: string) => CLEAN.replace('diarienummer: KS 2024/0101', `diarienummer: "${value}"`);
const findingsOf = (text: string, opts = {}) => analyze(text, { fileName: 'x.plan.md', ...opts }).findings;

/** A small random generator, the same every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function randomStrings(alphabet: string[], count: number, maxLength: number, seed = 1): string[] {
  const r = random(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(r() * (maxLength + 1)) }, () => alphabet[Math.floor(r() * alphabet.length)]).join(''),
  );
}

describe('Patterns from settings and templates', () => {
  before(() => setLocale('sv'));

  it('Should run a setting’s pattern in linear time: ^(a+)+$ against a long value does not stall', () => {
    const opts = { diarienummerPattern: '^(a+)+$' };
    // A backtracking engine takes seconds at 25 characters and doubles with each one more.
    assert.ok(cpu(() => findingsOf(withDnr('a'.repeat(25) + '!'), opts)) < 1000, '25 characters');
    const ms = cpu(() => findingsOf(withDnr('a'.repeat(100_000) + '!'), opts));
    assert.ok(ms < 2000, `100,000 characters took ${ms} ms`);
    assert.ok(findingsOf(withDnr('a'.repeat(100_000) + '!'), opts).some((f) => f.code === 'plan.frontmatter.diarienummer'));
    assert.ok(!findingsOf(withDnr('aaaa'), opts).some((f) => f.code === 'plan.frontmatter.diarienummer'));
  });

  it('Should match Swedish letters, \\d, \\s and Unicode classes, and case-insensitively with (?i)', () => {
    const test = (pattern: string, value: string) => {
      const c = compileUserPattern(pattern);
      assert.ok(c.ok, pattern);
      return c.pattern.test(value);
    };
    assert.equal(test('^ÅSB-\\d{4}-\\d{3,5}$', 'ÅSB-2025-123'), true);
    assert.equal(test('^ÅSB-\\d{4}-\\d{3,5}$', 'åsb-2025-123'), false);
    assert.equal(test('(?i)^åsb-\\d{4}-\\d{3,5}$', 'ÅSB-2025-123'), true);
    assert.equal(test('(?i)^RÄN\\s\\d+$', 'rän 12'), true);
    assert.equal(test('^KS\\s\\d{4}-\\d{1,4}$', 'KS\u00a02024-12'), true, '\\s is JavaScript’s, the non-breaking space included');
    assert.equal(test('^[\\s\\d]+$', '12\u00a034'), true, '\\s inside a class');
    assert.equal(test('^\\S+$', 'a\u00a0b'), false);
    assert.equal(test('^\\d+$', '٣'), false, '\\d is 0–9, as in JavaScript');
    assert.equal(test('^\\p{Lu}\\p{L}+ \\d{4}$', 'Östra 2024'), true);
    assert.equal(test('^(?<org>[A-ZÅÄÖ]+) \\d+$', 'KSÖ 12'), true, 'named groups');
    assert.equal(test('\\u00C5', 'Å'), true);
    assert.equal(test('^a[]', 'a'), false, 'JavaScript’s empty class');
    assert.equal(test('^a[^]b$', 'a\nb'), true, 'JavaScript’s class of any character');
  });

  it('Should reject backreferences, lookarounds and broken syntax with a reason', () => {
    for (const [pattern, reason] of [
      ['^(a)\\1$', /bakåtreferenser/],
      ['^(?<x>a)\\k<x>$', /bakåtreferenser/],
      ['^(?=KS)\\w+$', /lookahead/],
      ['^(?!KS)\\w+$', /lookahead/],
      ['(?<=KS )\\d+', /lookahead och lookbehind/],
      ['(?<!\\d)\\d{4}', /lookahead och lookbehind/],
      ['([', /inte ett giltigt reguljärt uttryck/],
      ['x'.repeat(1001), /längre än 1000 tecken/],
    ] as const) {
      const c = compileUserPattern(pattern);
      assert.equal(c.ok, false, pattern);
      assert.match((c as { reason: string }).reason, reason, pattern);
    }
    // A lookalike inside a class or escaped is not a lookaround.
    assert.ok(compileUserPattern('^[(?=]+\\(\\?=$').ok);
  });

  it('Should report a setting’s pattern that cannot be used once, on the diarienummer value, and check the value against the default form instead', () => {
    const text = withDnr('KS 2024/0101');
    const fs = findingsOf(text, { diarienummerPattern: '^(?=KS)KS \\d{4}/\\d+$' });
    const rejected = fs.filter((f) => f.code === 'plan.frontmatter.pattern-rejected');
    assert.equal(rejected.length, 1);
    assert.equal(rejected[0].severity, 'warning');
    assert.equal(text.slice(rejected[0].range.start, rejected[0].range.end), '"KS 2024/0101"');
    assert.match(rejected[0].message, /plan\.diarienummerPattern/);
    assert.match(rejected[0].message, /lookahead/);
    assert.ok(!fs.some((f) => f.code === 'plan.frontmatter.diarienummer'), 'KS 2024/0101 has the default form');
    assert.ok(findingsOf(withDnr('saknas'), { diarienummerPattern: '(a)\\1' }).some((f) => f.code === 'plan.frontmatter.diarienummer'));
    // With the template's own pattern, that one applies.
    const tpl = { ...(JSON.parse(PLAN_TEMPLATE) as Template), diarienummerPattern: '^KS-\\d+$' };
    const templates = new TemplateSet().withOverrides([tpl]);
    const own = findingsOf(withDnr('KS 2024/0101'), { templates, diarienummerPattern: '(?<=x)' });
    assert.ok(own.some((f) => f.code === 'plan.frontmatter.pattern-rejected'));
    assert.ok(own.some((f) => f.code === 'plan.frontmatter.diarienummer' && f.data?.pattern === '^KS-\\d+$'));
  });

  it('Should reject a template file whose diarienummer pattern has a lookaround, at diarienummerPattern, and accept a nested repetition', () => {
    const tpl = JSON.parse(PLAN_TEMPLATE);
    tpl.diarienummerPattern = '^(?!X)KS \\d{4}$';
    const text = JSON.stringify(tpl, null, 2);
    const r = loadTemplate(text, 'x.planmall.json');
    assert.equal(r.template, undefined);
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0].code, 'template.invalid');
    assert.match(r.findings[0].message, /Diarienummermönstret kan inte användas: lookahead/);
    assert.match(text.slice(r.findings[0].range.start, r.findings[0].range.end), /\(\?!X\)/);
    tpl.diarienummerPattern = '^(a+)+$';
    const ok = loadTemplate(JSON.stringify(tpl, null, 2), 'x.planmall.json');
    assert.ok(ok.template);
    const templates = new TemplateSet().withOverrides([ok.template!]);
    assert.ok(cpu(() => findingsOf(withDnr('a'.repeat(50_000) + '!'), { templates })) < 2000);
  });

  it('Should check the default diarienummer form in linear time: ”KS 2020/”, 25,000 digits and ”!”', () => {
    // The default pattern as a regular expression took 1.6 s at 5,000 digits and 40 s at 25,000.
    assert.ok(cpu(() => findingsOf(withDnr('KS 2020/' + '1'.repeat(5000) + '!'))) < 300, '5,000 digits');
    const ms = cpu(() => findingsOf(withDnr('KS 2020/' + '1'.repeat(25_000) + '!')));
    assert.ok(ms < 500, `25,000 digits took ${ms} ms`);
  });

  it('Should accept and reject what the default pattern accepts and rejects', () => {
    const re = new RegExp(DEFAULT_DIARIENUMMER, 'u');
    const forms = [
      'KS 2019/0643',
      'TFN 2019/00027',
      'KS2018/396',
      'RÄN-2018-0082',
      'Ks 7/2020',
      'KS/2015:207',
      '2013/649-UAN-010',
      'Dnr KS 2019/0123',
      'Dnr. KS 2019/0123',
      'Dnr.: 2019/0123',
      'Diarienummer: KS 2019/0123',
      'Änr 2019-12',
      'saknas',
      '2019',
      'KS',
      'KS 2019',
      'KS 20190/12',
      'KS 2019/12!',
      'Dnr: ',
      'Dnr 12/2019 ',
      '𝐀 2019/1',
    ];
    const random = randomStrings(['K', 'S', 'Ä', '1', '9', '2', '0', ' ', '/', '-', ':', '.', 'D', 'n', 'r', '!', '\n', '𝐀'], 4000, 14);
    const structured = randomStrings(['KS ', '2019', '20', '19', '1', '/', '-', ' ', 'Dnr', '.', ':', 'x', '0'], 4000, 7, 7);
    for (const s of [...forms, ...random, ...structured]) assert.equal(isLooseDiarienummer(s), re.test(s), JSON.stringify(s));
    // Some of each, so the comparison means something.
    assert.ok(structured.filter(isLooseDiarienummer).length > 50);
  });
});

describe('Template labels in regular expressions', () => {
  before(() => setLocale('sv'));

  /** The plan template with other labels for parts and ambitions. */
  function labelled(part: string, item: string): TemplateSet {
    const tpl = JSON.parse(PLAN_TEMPLATE) as Template;
    tpl.parts = { ...tpl.parts!, label: part, items: { ...tpl.parts!.items!, label: item } };
    return new TemplateSet().withOverrides([tpl]);
  }

  it('Should treat a label such as ”Ambition [” or ”(a+)+” as text: no error, no backtracking', () => {
    const templates = labelled('(a+)+', 'Ambition [');
    const text = CLEAN.replaceAll('## Del ', '## (a+)+ ').replaceAll('### Ambition ', '### Ambition [ ').replace('Fler gröna ytor.', 'Se ambition [ 1.');
    const a = analyze(text, { fileName: 'x.plan.md', templates });
    assert.ok(!a.findings.some((f) => f.code === 'plan.internal'));
    assert.deepEqual(
      a.plan.parts.map((p) => [p.number, p.children.map((c) => c.number)]),
      [
        ['1', ['1.1', '1.2']],
        ['2', ['2.1']],
      ],
    );
    // Completion builds patterns from the labels too.
    const ctx = { registry: DEFAULT_REGISTRY, templates, today: '2026-11-23' };
    const offset = text.indexOf('Se ambition [ 1.') + 'Se ambition [ 1.'.length;
    assert.deepEqual(
      completions(a.plan, offset, ctx).map((c) => c.label),
      ['1.1', '1.2'],
    );
    // A heading that is a long run of the label's characters costs linear time.
    const hostile = CLEAN.replace('## Bakgrund', '## ' + 'a'.repeat(50_000) + '!');
    assert.ok(cpu(() => analyze(hostile, { fileName: 'x.plan.md', templates })) < 2000);
  });

  it('Should recognise headings and keys typed with decomposed letters (NFC)', () => {
    const decomposed = CLEAN.normalize('NFD');
    assert.notEqual(decomposed, CLEAN);
    const codes = (t: string) =>
      analyze(t, { fileName: 'x.plan.md' })
        .findings.map((f) => f.code)
        .sort();
    assert.deepEqual(codes(decomposed), codes(CLEAN));
    assert.ok(!codes(decomposed).includes('plan.frontmatter.unknown-key'));
  });
});

describe('Line ends and hidden characters', () => {
  before(() => setLocale('sv'));

  it('Should read a front matter with old Mac line ends (\\r) as one with \\n', () => {
    const cr = CLEAN.replace(/\n/g, '\r');
    const a = analyze(cr, { fileName: 'x.plan.md' });
    assert.ok(!a.findings.some((f) => f.code === 'plan.frontmatter.syntax'));
    const lf = analyze(CLEAN, { fileName: 'x.plan.md' });
    assert.deepEqual(
      a.plan.frontMatter!.entries.map((e) => [e.key, e.valueText, cr.slice(e.valueRange.start, e.valueRange.end)]),
      lf.plan.frontMatter!.entries.map((e) => [e.key, e.valueText, CLEAN.slice(e.valueRange.start, e.valueRange.end)]),
    );
    assert.deepEqual(
      a.findings.map((f) => f.code),
      lf.findings.map((f) => f.code),
    );
  });

  it('Should show a zero-width or look-alike character in a body’s name in the message', () => {
    const message = (name: string) =>
      findingsOf(CLEAN.replace('### Ambition 1.1. Fler parker\n', `### Ambition 1.1. Fler parker\n\nAnsvar: ${name}\n`)).find(
        (f) => f.code === 'plan.ansvar.unknown-body',
      )?.message;
    assert.match(message('Kommun\u200Bstyrelsen')!, /^”Kommun⟨U\+200B⟩styrelsen” finns inte i organisationsregistret .* Menade du ”Kommunstyrelsen”\?$/);
    assert.match(message('Kommunstyr\u0435lsen')!, /”Kommunstyr⟨U\+0435⟩lsen”/, 'a Cyrillic е');
    assert.match(message('Kommun\u2060styrelsen')!, /”Kommun⟨U\+2060⟩styrelsen”/);
    assert.match(message('\u200CKommunstyrelsen')!, /”⟨U\+200C⟩Kommunstyrelsen”/);
    assert.match(message('Kulturnämden')!, /”Kulturnämden”/, 'an ordinary name stays as it is');
    const fm = findingsOf(CLEAN.replace('beslutad-av: Kommunfullmäktige', 'beslutad-av: Kommun\u200Dfullmäktige')).find(
      (f) => f.code === 'plan.frontmatter.unknown-body',
    );
    assert.match(fm!.message, /”Kommun⟨U\+200D⟩fullmäktige”/);
  });
});

describe('Our own expressions on hostile text', () => {
  it('Should decide that HTML is comments in linear time, as the pattern it replaces does', () => {
    const html = (value: string) => ({ type: 'html', value }) as Parameters<typeof isComment>[0];
    // The pattern backtracked exponentially: 26 comments and a letter took seconds.
    assert.ok(cpu(() => isComment(html('<!--a-->'.repeat(26) + 'x'))) < 100);
    assert.ok(cpu(() => isComment(html('<!--a-->'.repeat(100_000) + 'x'))) < 500);
    const old = /^\s*(<!--[\s\S]*?-->\s*)+$/;
    for (const s of randomStrings(['<!--', '-->', '<', '!', '-', '>', ' ', '\n', 'a'], 3000, 6))
      assert.equal(isComment(html(s)), old.test(s), JSON.stringify(s));
  });

  it('Should clean Innehåll entries as the three patterns it replaces did, in linear time', () => {
    const old = (s: string) =>
      s
        .replace(/\s*[.…·_]{2,}\s*\d*\s*$/u, '')
        .replace(/\t+\s*\d{1,3}\s*$/u, '')
        .replace(/\s{2,}\d{1,3}\s*$/u, '')
        .replace(/\s+/g, ' ')
        .trim();
    for (const s of ['Bakgrund ........ 4', 'Bakgrund\t4', 'Bakgrund   12', 'Bakgrund 2020', 'Del 1. Namn…… 3 ', 'A __ 1 __', 'A.. 1 ..', 'A...1.2'])
      assert.equal(cleanTocText(s), old(s), s);
    for (const s of randomStrings([' ', '\t', '.', '_', '…', '·', '1', '2', '0', 'a', '\u00a0'], 5000, 12))
      assert.equal(cleanTocText(s), old(s), JSON.stringify(s));
    // One entry of 100,000 underscores and a letter took 34 s.
    assert.ok(cpu(() => cleanTocText('_'.repeat(100_000) + 'x')) < 200);
    assert.ok(cpu(() => cleanTocText('\t'.repeat(100_000) + 'x')) < 200);
  });

  it('Should split sentences and count LIX sentences as before, in linear time', () => {
    for (const s of ['Hej. Då.', 't.ex. så här. Nästa', 'A. Andersson kom. Sedan', 'Vad? Ja!', 'a...b. C']) assert.ok(sentences(s).length >= 1, s);
    assert.deepEqual(sentences('Planen gäller t.ex. för nämnderna. Nästa mening.').length, 2);
    const long = 'a'.repeat(100_000) + '. B';
    assert.ok(cpu(() => sentences(long)) < 300);
    assert.ok(cpu(() => sentences('. '.repeat(50_000) + 'x')) < 300);
    const dots = ('ord ' + ':'.repeat(50_000) + 'x ').repeat(1) + 'ord '.repeat(40);
    assert.ok(cpu(() => lix(dots)) < 300);
    const oldCount = (text: string) => (text.match(/[.!?:]+(?=\s|$)|\n+/g) ?? []).length;
    for (const s of randomStrings(['.', '!', ':', '?', ' ', '\n', 'a', 'b'], 3000, 10)) {
      const words = 'ord '.repeat(40);
      assert.equal(lix(words + s, 1)!.sentences, Math.max(1, oldCount(words + s)), JSON.stringify(s));
    }
  });
});

describe('Workspace data shown as Markdown', () => {
  before(() => setLocale('sv'));

  const EVIL = '![](http://evil.example/x.png) [kör](command:workbench.action.terminal.new) <img src=x>';

  it('Should escape a registry’s names and notes in hovers and completion documentation', () => {
    const data = structuredClone(DEFAULT_REGISTRY_DATA);
    const body = data.bodies.find((b) => b.name === 'Kommunstyrelsen')!;
    body.note = EVIL;
    body.förvaltning = EVIL;
    body.aliases = ['KS ![](http://evil.example/a.png)'];
    const registry = new Registry(data);
    const md = registry.describe(registry.find('Kommunstyrelsen')!);
    for (const raw of [/!\[\]\(/, /\]\(command:/, /(?<!\\)<img/]) assert.doesNotMatch(md, raw);
    assert.ok(md.includes('\\!\\[\\]\\(http\\://evil.example/x.png\\)'), md);
    const text = CLEAN;
    const a = analyze(text, { fileName: 'x.plan.md', registry });
    const h = hover(a.plan, text.indexOf('Kommunstyrelsen ansvarar') + 2, registry);
    assert.ok(h && !h.contents.includes('![]('), h?.contents);
  });

  // A bare address is made into a link by the renderers' autolinking (markdown-it's linkify, marked's GFM).
  const RAW = [/!\[\]\(/, /\]\(command:/, /(?<!\\)<img/, /(?<!\\):\/\//, /command(?!\\):/, /www(?!\\)\./];

  it('Should escape bare addresses so that no renderer makes them into links, and read the same', () => {
    const md = escapeMarkdown('Se https://evil.example/a, command:workbench.action.terminal.new och www.evil.example. Klockan 10:30.');
    for (const raw of RAW) assert.doesNotMatch(md, raw);
    assert.equal(md.replace(/\\(.)/g, '$1'), 'Se https://evil.example/a, command:workbench.action.terminal.new och www.evil.example. Klockan 10:30.');
  });

  it('Should escape every text of a template in “Plan: Visa mallen”', () => {
    const tpl = JSON.parse(PLAN_TEMPLATE) as Template;
    const bare = `${EVIL} https://evil.example/b command:x www.evil.example`;
    tpl.name = bare;
    tpl.description = bare;
    tpl.ansvarLabel = bare;
    tpl.sections = tpl.sections.map((s) => ({ ...s, title: s.kind === 'parts' ? s.title : bare, guidance: bare, aliases: [bare] }));
    tpl.frontMatter = tpl.frontMatter.map((k) => ({ ...k, description: bare }));
    tpl.parts = {
      ...tpl.parts!,
      label: bare,
      guidance: bare,
      items: { ...tpl.parts!.items!, guidance: bare, subsections: [{ id: 'x', label: bare, title: bare, guidance: bare }] },
    };
    tpl.id = 'x`](command:y)';
    const md = templateAsMarkdown(tpl);
    assert.ok(md.includes('evil.example/b'), 'the text is there');
    for (const raw of RAW) assert.doesNotMatch(md, raw);
  });

  it('Should escape a template’s guidance in completion documentation', () => {
    const tpl = JSON.parse(PLAN_TEMPLATE) as Template;
    tpl.sections = tpl.sections.map((s) => ({ ...s, guidance: EVIL }));
    tpl.parts = { ...tpl.parts!, guidance: EVIL, items: { ...tpl.parts!.items!, guidance: EVIL } };
    const templates = new TemplateSet().withOverrides([tpl]);
    const text = CLEAN.replace('## Bakgrund\n\nStaden växer.\n', '');
    const a = analyze(text, { fileName: 'x.plan.md', templates });
    const offset = text.indexOf('## Del 2.') - 1;
    const items = completions(a.plan, offset, { registry: DEFAULT_REGISTRY, templates, today: '2026-11-23' });
    const docs = items.map((i) => i.documentation ?? '').filter((d) => d.includes('evil'));
    assert.ok(docs.length > 0, 'completions with the guidance');
    for (const d of docs) for (const raw of [/!\[\]\(/, /\]\(command:/, /(?<!\\)<img/]) assert.doesNotMatch(d, raw);
  });
});
