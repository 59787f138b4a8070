import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { analyze, exportPlan, planOverview, setLocale, t } from '../../server/src/core/index';
import { bodyKey, renderOverviewBody, renderOverviewPage } from '../../server/src/render/index';

const ROOT = join(__dirname, '../..');
const REFERENCE = readFileSync(join(ROOT, 'examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md'), 'utf8');
const CLEAN = readFileSync(join(ROOT, 'examples/halmstad/ren-plan.plan.md'), 'utf8');
const HOSTILE = readFileSync(join(ROOT, 'test/fixtures-hostile/hostile.plan.md'), 'utf8');
const overviewOf = (text: string, today = '2026-11-23') => planOverview(analyze(text, { fileName: 'x.plan.md' }), today);
/** The server's words: the library's translator, in Swedish (each describe sets the locale). */
const SV = { t, locale: 'sv' };

describe('Plan overview (view model)', () => {
  before(() => setLocale('sv'));

  it('Should list parts and ambitions with the state of Varför, Vad and Hur, actions and actors', () => {
    const o = overviewOf(REFERENCE);
    assert.deepEqual(
      o.parts.map((p) => p.heading),
      ['Del 1. Utveckling som möjliggör', 'Del 2. En levande plats'],
    );
    const a11 = o.parts[0].ambitions[0];
    assert.equal(a11.number, '1.1');
    assert.deepEqual(
      a11.subsections.map((s) => [s.label, s.present, s.empty, s.actions]),
      [
        ['Varför', true, false, undefined],
        ['Vad', true, false, undefined],
        ['Hur', true, false, 4],
      ],
    );
    assert.deepEqual(a11.actors, ['Halmstads kommun']);
    const a21 = o.parts[1].ambitions[0];
    assert.equal(a21.findings.warning, 2, 'the two actions without actor');
    assert.equal(a11.loc.line, REFERENCE.split('\n').indexOf('### Ambition 1.1. Utbildning hela vägen'));
  });

  it('Should mark a missing Hur and count findings per ambition by severity', () => {
    const text = CLEAN.replace(/#### Hur\?\n\n(- .*\n)+/, '');
    const a = overviewOf(text).parts[0].ambitions[0];
    assert.deepEqual(
      a.subsections.find((s) => s.id === 'hur'),
      { id: 'hur', label: 'Hur', present: false, empty: false, actions: 0, findings: { error: 0, warning: 0, information: 0, hint: 0 }, loc: undefined },
    );
    assert.equal(a.findings.error, 1);
  });

  it('Should put collective actors apart in the responsibility matrix and count the actions bodies lead', () => {
    const o = overviewOf(CLEAN);
    const names = o.matrix.bodies.map((b) => b.name);
    const firstCollective = o.matrix.bodies.findIndex((b) => b.collective);
    assert.ok(firstCollective === -1 || o.matrix.bodies.slice(firstCollective).every((b) => b.collective), 'collective actors last');
    assert.ok(names.includes('Teknik- och fritidsnämnden'));
    const row = o.matrix.rows[0];
    const total = Object.values(row.cells).reduce((n, c) => n + c.actions, 0);
    assert.equal(total + row.withoutActor, o.parts[0].ambitions[0].actions.length);
    assert.ok(
      Object.values(o.matrix.rows.flatMap((r) => Object.values(r.cells))).some((c) => c.ansvar),
      'Ansvar lines are marked',
    );
  });

  it('Should say whether the plan is in force, expired or not yet valid', () => {
    assert.equal(overviewOf(CLEAN, '2026-06-01').validity.status, 'valid');
    assert.equal(overviewOf(CLEAN, '2029-01-01').validity.status, 'expired');
    assert.equal(overviewOf(CLEAN, '2024-12-31').validity.status, 'not-yet-valid');
    assert.equal(overviewOf(REFERENCE).validity.status, 'unknown');
    assert.match(renderOverviewBody(overviewOf(CLEAN, '2029-01-01'), { interactive: false, ...SV }), /class="validity expired">Har upphört att gälla/);
  });

  it('Should say that a Markdown file is not a plan', () => {
    const o = planOverview(analyze('# Anteckningar\n', { fileName: 'a.md' }), '2026-11-23');
    assert.equal(o.isPlan, false);
    assert.match(renderOverviewBody(o, { interactive: true, ...SV }), /ingen plan/);
  });
});

describe('Export', () => {
  before(() => setLocale('sv'));

  it('Should export the plan model in the documented schema', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'docs/plan-export.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    for (const text of [REFERENCE, CLEAN, HOSTILE]) {
      const data = JSON.parse(JSON.stringify(exportPlan(analyze(text, { fileName: 'x.plan.md' }), '2026-11-23')));
      assert.ok(validate(data), JSON.stringify(validate.errors));
    }
    const data = exportPlan(analyze(REFERENCE, { fileName: 'x.plan.md' }), '2026-11-23');
    const a11 = data.parts[0].ambitions[0];
    assert.equal(a11.number, '1.1');
    assert.ok(a11.texts.varfor.text.startsWith('Utveckling kan inte ske utan kunskap'));
    assert.equal(a11.actions.length, 4);
    assert.equal(a11.actions[0].actor, 'Halmstads kommun');
    assert.equal(a11.actions[0].collective, true);
    assert.ok(data.findings.some((f) => f.code === 'plan.ansvar.no-actor' && f.line > 200));
  });

  it('Should write a self-contained HTML page with no script and no external resource', () => {
    const html = renderOverviewPage(overviewOf(REFERENCE), '2026-11-23', SV);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'/);
    assert.ok(!/<script/i.test(html));
    assert.ok(!/(src|href)=["']?(https?:|\/\/)/i.test(html), 'no external resource');
    assert.match(html, /Ansvarsmatris/);
    assert.match(html, /Ambition|1\.1/);
  });
});

describe('Security: the plan’s text is untrusted', () => {
  before(() => setLocale('sv'));
  const o = overviewOf(HOSTILE);

  for (const interactive of [true, false]) {
    it(`Should render no markup from the document (${interactive ? 'webview' : 'export'})`, () => {
      const html = interactive ? renderOverviewBody(o, { interactive, ...SV }) : renderOverviewPage(o, '2026-11-23', SV);
      // Text is escaped, so every real tag comes from the renderer: check each one.
      const allowed = new Set([
        '!doctype',
        'html',
        'head',
        'meta',
        'title',
        'style',
        'body',
        'main',
        'footer',
        'header',
        'section',
        'div',
        'span',
        'p',
        'h1',
        'h2',
        'h3',
        'dl',
        'dt',
        'dd',
        'ul',
        'ol',
        'li',
        'details',
        'summary',
        'button',
        'code',
        'table',
        'thead',
        'tbody',
        'tr',
        'th',
        'td',
        'label',
        'select',
        'option',
      ]);
      for (const m of html.matchAll(/<([!a-zA-Z][\w-]*)([^>]*)>/g)) {
        assert.ok(allowed.has(m[1].toLowerCase()), `unexpected element <${m[1]}>`);
        assert.ok(!/\s(on\w+|href|src|srcdoc|action|formaction)\s*=/i.test(m[2]), `unexpected attribute in <${m[1]}${m[2]}>`);
      }
      assert.ok(!/<script/i.test(html), 'no script element');
      assert.ok(!/<!--/.test(html), 'no HTML comment from the document');
      assert.match(html, /&lt;script&gt;alert\(&#39;titel&#39;\)&lt;\/script&gt;/, 'the text is shown, escaped');
    });
  }

  it('Should escape attribute values built from bodies named in the document', () => {
    const html = renderOverviewBody(o, { interactive: true, ...SV });
    for (const m of html.matchAll(/data-body="([^"]*)"/g)) assert.ok(!/[<>"']/.test(m[1]));
  });

  it('Should put document text in no attribute: bodies are named in attributes by a key', () => {
    const html = renderOverviewBody(o, { interactive: true, ...SV });
    for (const m of html.matchAll(/\s[\w-]+="([^"]*)"/g)) assert.ok(!/[<>'`]|&(?!(amp|lt|gt|quot|#39|#96);)/.test(m[1]), `attribute value ${m[0]}`);
    const hostile = o.matrix.bodies.find((b) => b.name.includes('<script>'))!;
    assert.ok(hostile, 'the fixture names a hostile body');
    assert.match(bodyKey(hostile.name), /^[\p{L}\p{N} .,_-]+$/u);
    assert.ok(html.includes(`data-body="${bodyKey(hostile.name)}"`));
  });
});

describe('Findings per subsection', () => {
  it('Should count the findings inside each of Varför, Vad and Hur', () => {
    setLocale('sv');
    const o = planOverview(analyze(REFERENCE, { fileName: 'x.plan.md' }), '2026-11-23');
    const hur = o.parts[1].ambitions[0].subsections.find((s) => s.id === 'hur')!;
    assert.equal(hur.findings.warning, 2, 'the two actions without actor are in Hur');
    assert.equal(o.parts[1].ambitions[0].subsections.find((s) => s.id === 'varfor')!.findings.warning, 0);
  });
});

describe('Overview HTML (render module)', () => {
  before(() => setLocale('sv'));

  it('Should keep every hook the webview script uses: reveal buttons, parts, ambitions, matrix sort and filter', () => {
    const html = renderOverviewBody(overviewOf(REFERENCE), { interactive: true, ...SV });
    assert.match(html, /<section class="sections"[^>]*>.*<button type="button" class="reveal title" data-line="\d+" data-character="\d+"/s);
    assert.match(html, /<section class="part" data-line="\d+">\n<h3><button type="button" class="reveal title"/);
    assert.equal((html.match(/<li class="ambition" data-line="\d+" data-start="\d+">/g) ?? []).length, 4);
    assert.match(html, /<div class="ambition-head"><button type="button" class="reveal title"/);
    assert.match(html, /<details class="findings"><summary>/, 'findings folded in the webview');
    assert.match(html, /<table id="matrix">/);
    assert.match(html, /<tbody><tr data-line="\d+">/);
    const headers = [...html.matchAll(/<th scope="col" class="body[^"]*" data-body="([^"]*)"><button type="button" class="sort" data-body="([^"]*)"/g)];
    assert.ok(headers.length > 0);
    for (const m of headers) assert.equal(m[1], m[2], 'the sort button names its column');
    const options = [...html.matchAll(/<option value="([^"]*)">/g)].map((m) => m[1]);
    assert.deepEqual(options, ['', ...headers.map((m) => m[1])], 'one filter option per column, by the same key');
    for (const key of options.slice(1)) assert.match(html, new RegExp(`<td[^>]* data-body="${key}" data-count="\\d+"`));
    assert.match(html, /<select id="body-filter">/);
    assert.match(html, /<td class="empty[^"]*" data-body="[^"]*" data-count="0"><\/td>/);
  });

  it('Should write the export without buttons, with line numbers and findings unfolded', () => {
    const html = renderOverviewBody(overviewOf(REFERENCE), { interactive: false, ...SV });
    assert.ok(!/<button|<select/.test(html));
    assert.match(html, /<span class="title" data-line="\d+" data-character="\d+">.* <span class="line">rad \d+<\/span><\/span>/);
    assert.match(html, /<details class="findings" open>/);
  });

  it('Should name parts and items with the template’s nouns, capitalised, when it gives them', () => {
    const o = overviewOf(CLEAN);
    assert.match(renderOverviewBody(o, { interactive: true, ...SV }), /<h2 id="parts-h">Delar och ambitioner<\/h2>/, 'the built-in template’s nouns');
    o.labels = { ...o.labels, partPlural: 'fokusområden', itemPlural: 'strategier', partSingular: 'fokusområde', itemSingular: 'strategi' };
    o.looseAmbitions = [o.parts[0].ambitions[0]];
    const html = renderOverviewBody(o, { interactive: true, ...SV });
    assert.match(html, /<h2 id="parts-h">Fokusområden och strategier<\/h2>/);
    assert.match(html, /<h3>Strategier utan fokusområde<\/h3>/);
    assert.match(html, /i varje strategi\. A:/);
  });

  it('Should show the readability index (LIX) of sections and ambitions when the model has it', () => {
    const o = overviewOf(CLEAN);
    assert.ok(
      o.sections.some((s) => s.lix !== undefined),
      'the library computes LIX where there is enough text',
    );
    for (const s of o.sections) delete s.lix;
    for (const p of o.parts) for (const a of p.ambitions) delete a.lix;
    assert.ok(!renderOverviewBody(o, { interactive: true, ...SV }).includes('class="lix"'), 'nothing without a value');
    o.sections[0].lix = 42.4;
    o.parts[0].ambitions[0].lix = 57;
    const html = renderOverviewBody(o, { interactive: true, ...SV });
    const lix = [...html.matchAll(/<span class="lix" title="([^"]*)">([^<]*)<\/span>/g)];
    assert.deepEqual(
      lix.map((m) => m[2]),
      ['LIX 42', 'LIX 57'],
    );
    assert.match(lix[0][1], /^Läsbarhetsindex \(LIX\)/);
    assert.match(html, /<div class="ambition-head"><button[^>]*>.*?<\/button> <span class="lix"/);
  });

  it('Should speak English by default and the caller’s language when given its translator', () => {
    const o = overviewOf(CLEAN);
    o.labels = { ...o.labels, partPlural: undefined, itemPlural: undefined };
    assert.match(renderOverviewBody(o, { interactive: false }), /<h2 id="parts-h">Parts and ambitions<\/h2>/);
    assert.match(renderOverviewPage(o, '2026-11-23'), /<html lang="en">/);
    assert.match(renderOverviewPage(o, '2026-11-23', SV), /<html lang="sv">[\s\S]*Exporterad 2026-11-23\./);
  });

  it('Should import from the library nothing but the overview’s types', () => {
    const dir = join(ROOT, 'server/src/render');
    const offenders: string[] = [];
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      for (const m of readFileSync(join(dir, name), 'utf8').matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
        const [, , typeOnly, spec] = m;
        if (spec.startsWith('./') || ['hast', 'hastscript', 'hast-util-to-html'].includes(spec)) continue;
        if (spec === '../core/overview' && typeOnly) continue;
        offenders.push(`${name}: ${m[0].trim()}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('Should give every body its own key', () => {
    const names = ['Kommunstyrelsen', 'Barn- och ungdomsnämnden', 'a_b', 'a_5f_b', 'a b', 'a"b', "a'b", '<b>', '&lt;b&gt;'];
    const keys = names.map(bodyKey);
    assert.equal(new Set(keys).size, names.length);
    assert.equal(bodyKey('Barn- och ungdomsnämnden'), 'Barn- och ungdomsnämnden', 'ordinary names stay readable');
  });
});

describe('Overview HTML: the rough edges a writer met', () => {
  before(() => setLocale('sv'));
  it('Should say once that the validity is not given, and that hints do not show in Problems', () => {
    const html = renderOverviewBody(overviewOf(REFERENCE), { interactive: true, ...SV });
    const dd = /<dt>Giltighetstid<\/dt><dd>(.*?)<\/dd>/.exec(html)?.[1] ?? '';
    assert.equal(dd.replace(/<[^>]+>/g, ''), 'Inte angiven');
    assert.match(html, /tips visas i texten och här, inte i Problem-panelen/);
  });
});
