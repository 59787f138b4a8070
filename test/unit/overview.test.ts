import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { analyze, exportPlan, planOverview, renderOverviewBody, renderOverviewPage, setLocale } from '../../server/src/core/index';

const ROOT = join(__dirname, '../..');
const REFERENCE = readFileSync(join(ROOT, 'examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md'), 'utf8');
const CLEAN = readFileSync(join(ROOT, 'examples/halmstad/ren-plan.plan.md'), 'utf8');
const HOSTILE = readFileSync(join(ROOT, 'test/fixtures-hostile/hostile.plan.md'), 'utf8');
const overviewOf = (text: string, today = '2026-11-23') => planOverview(analyze(text, { fileName: 'x.plan.md' }), today);

describe('Plan overview (view model)', () => {
  before(() => setLocale('sv'));

  it('Should list parts and ambitions with the state of Varför, Vad and Hur, actions and actors', () => {
    const o = overviewOf(REFERENCE);
    assert.deepEqual(o.parts.map((p) => p.heading), ['Del 1. Utveckling som möjliggör', 'Del 2. En levande plats']);
    const a11 = o.parts[0].ambitions[0];
    assert.equal(a11.number, '1.1');
    assert.deepEqual(a11.subsections.map((s) => [s.label, s.present, s.empty, s.actions]), [
      ['Varför', true, false, undefined],
      ['Vad', true, false, undefined],
      ['Hur', true, false, 4],
    ]);
    assert.deepEqual(a11.actors, ['Halmstads kommun']);
    const a21 = o.parts[1].ambitions[0];
    assert.equal(a21.findings.warning, 2, 'the two actions without actor');
    assert.equal(a11.loc.line, REFERENCE.split('\n').indexOf('### Ambition 1.1. Utbildning hela vägen'));
  });

  it('Should mark a missing Hur and count findings per ambition by severity', () => {
    const text = CLEAN.replace(/#### Hur\?\n\n(- .*\n)+/, '');
    const a = overviewOf(text).parts[0].ambitions[0];
    assert.deepEqual(a.subsections.find((s) => s.id === 'hur'), { id: 'hur', label: 'Hur', present: false, empty: false, actions: 0, findings: { error: 0, warning: 0, information: 0, hint: 0 }, loc: undefined });
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
    assert.ok(Object.values(o.matrix.rows.flatMap((r) => Object.values(r.cells))).some((c) => c.ansvar), 'Ansvar lines are marked');
  });

  it('Should say whether the plan is in force, expired or not yet valid', () => {
    assert.equal(overviewOf(CLEAN, '2026-06-01').validity.status, 'valid');
    assert.equal(overviewOf(CLEAN, '2029-01-01').validity.status, 'expired');
    assert.equal(overviewOf(CLEAN, '2024-12-31').validity.status, 'not-yet-valid');
    assert.equal(overviewOf(REFERENCE).validity.status, 'unknown');
    assert.match(renderOverviewBody(overviewOf(CLEAN, '2029-01-01'), { interactive: false }), /class="validity expired">Har upphört att gälla/);
  });

  it('Should say that a Markdown file is not a plan', () => {
    const o = planOverview(analyze('# Anteckningar\n', { fileName: 'a.md' }), '2026-11-23');
    assert.equal(o.isPlan, false);
    assert.match(renderOverviewBody(o, { interactive: true }), /ingen plan/);
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
    const html = renderOverviewPage(overviewOf(REFERENCE), '2026-11-23');
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
      const html = interactive ? renderOverviewBody(o, { interactive }) : renderOverviewPage(o, '2026-11-23');
      // Text is escaped, so every real tag comes from the renderer: check each one.
      const allowed = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'footer', 'header', 'section', 'div', 'span', 'p', 'h1', 'h2', 'h3', 'dl', 'dt', 'dd', 'ul', 'ol', 'li', 'details', 'summary', 'button', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'label', 'select', 'option']);
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
    const html = renderOverviewBody(o, { interactive: true });
    for (const m of html.matchAll(/data-body="([^"]*)"/g)) assert.ok(!/[<>"']/.test(m[1]));
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
