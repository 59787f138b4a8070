/** Follow-up: indicators and statuses read from the plan, progress, the worksheet round trip, the report and the export. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import {
  analyze,
  completions,
  exportPlan,
  hover,
  levels,
  loadTemplate,
  local,
  planOverview,
  setLocale,
  t,
  TemplateSet,
  DEFAULT_REGISTRY,
} from '../../server/src/core/index';
import { collectFollowUp, resolveIndicators, parseIndicatorLine } from '../../server/src/core/followup/index';
import { applyEdits, applyWorksheet, worksheetFor } from '../../server/src/core/followup/worksheet';
import { readWorksheet, worksheetCsv, worksheetXlsx, WorksheetError } from '../../server/src/node/worksheet';
import { renderFollowUpReport, renderOverviewBody } from '../../server/src/render/index';
import { seeded as random } from '../helpers/random';
import { fill, rest } from '../helpers/followup';

const ROOT = join(__dirname, '../..');
const EXAMPLE = readFileSync(join(ROOT, 'examples/uppfoljning/cykelplan.plan.md'), 'utf8');
const CLEAN = readFileSync(join(ROOT, 'examples/halmstad/ren-plan.plan.md'), 'utf8');
const SV = { t, locale: 'sv' };
const analyse = (text: string) => analyze(text, { fileName: 'x.plan.md' });

describe('Follow-up: indicators and statuses in the plan', () => {
  before(() => setLocale('sv'));

  it('Should read the line form of the issue with name, Kolada id, baseline, target and source', () => {
    const spec = resolveIndicators({});
    const line = 'Indikator: Andel elever med gymnasieexamen inom 4 år (Kolada N17461); utgångsläge 2019: 72 %; mål 2024: 80 %; källa: Kolada';
    const ind = parseIndicatorLine(line, 10, spec)!;
    assert.equal(ind.name, 'Andel elever med gymnasieexamen inom 4 år');
    assert.deepEqual(ind.kolada, { id: 'N17461', range: { start: 10 + line.indexOf('N17461'), end: 10 + line.indexOf('N17461') + 6 }, valid: true });
    assert.deepEqual([ind.baseline?.year, ind.baseline?.value, ind.target?.year, ind.target?.value, ind.source], [2019, '72 %', 2024, '80 %', 'Kolada']);
    assert.deepEqual(ind.problems, []);
    assert.equal(parseIndicatorLine('Indikatorer är viktiga.', 0, spec), undefined);
  });

  it('Should read indicators in lines and tables, and statuses from status lines and task boxes', () => {
    const fu = collectFollowUp(analyse(EXAMPLE).plan);
    const a11 = fu.units.find((u) => u.unit.number === '1.1')!;
    const a12 = fu.units.find((u) => u.unit.number === '1.2')!;
    assert.deepEqual(
      a11.indicators.map((i) => [i.form, i.name, i.target?.year]),
      [
        ['line', 'Andel av invånarnas resor som görs med cykel', 2028],
        ['line', 'Kilometer sammanhängande cykelväg', 2028],
      ],
    );
    assert.deepEqual(
      a12.indicators.map((i) => [i.form, i.kolada?.id, i.baseline?.year, i.baseline?.value]),
      [
        ['table', undefined, 2024, '38 %'],
        ['table', 'N17461', 2023, '72 %'],
      ],
    );
    assert.deepEqual(
      a11.actions.map((a) => [a.checked, a.effective?.id, a.status?.date, a.comment?.text]),
      [
        [true, 'klar', '2025-10-15', 'Utbyggnadsplanen antogs av teknik- och fritidsnämnden i oktober.'],
        [false, 'pagar', '2025-12-01', 'Tre av tolv sträckor är byggda.'],
        [false, 'pagar', '2025-12-01', undefined],
        [false, 'ej-paborjad', undefined, undefined],
      ],
    );
    // A task box alone gives a status: ticked is the first done status, unticked the first.
    const boxes = collectFollowUp(analyse(CLEAN.replace('- Teknik- och fritidsnämnden ska ta fram', '- [x] Teknik- och fritidsnämnden ska ta fram')).plan);
    assert.equal(boxes.units.flatMap((u) => u.actions).find((a) => a.checked)?.effective?.id, 'klar');
  });

  it('Should not read indicators where the template declares none, nor change what the existing examples report', () => {
    const riktlinje = readFileSync(join(ROOT, 'examples/halmstad/riktlinje-for-sociala-medier.md'), 'utf8');
    assert.deepEqual(
      analyze(riktlinje + '\nIndikator: X (Kolada N1); mål 1990: 1\n', { fileName: 'r.md' }).findings.filter((f) => f.code.startsWith('plan.indicator')),
      [],
    );
    assert.deepEqual(analyse(CLEAN).findings, []);
    assert.deepEqual(analyse(EXAMPLE).findings, []);
  });

  it('Should validate the template’s follow-up fields: the schema, and a status id used twice', () => {
    const tpl = (extra: object) => JSON.stringify({ id: 'x', name: 'X', frontMatter: [{ key: 'dokumenttyp', type: 'documenttype' }], sections: [], ...extra });
    const ok = loadTemplate(
      tpl({
        followUp: {
          statuses: [
            { id: 'a', label: 'A' },
            { id: 'b', label: 'B', done: true },
          ],
        },
      }),
      'x.planmall.json',
    );
    assert.deepEqual(ok.findings, []);
    const twice = loadTemplate(
      tpl({
        followUp: {
          statuses: [
            { id: 'a', label: 'A' },
            { id: 'a', label: 'B' },
          ],
        },
      }),
      'x.planmall.json',
    );
    assert.deepEqual(
      twice.findings.map((f) => [f.code, f.message]),
      [['template.invalid', 'Status-id ”a” används två gånger.']],
    );
    const bad = loadTemplate(tpl({ followUp: { statuses: [] }, parts: undefined }), 'x.planmall.json');
    assert.deepEqual(
      bad.findings.map((f) => f.code),
      ['template.schema'],
    );
  });

  it('Should count progress per part, ambition and responsible body', () => {
    const o = planOverview(analyse(EXAMPLE), '2026-01-15');
    const fu = o.followUp!;
    assert.deepEqual(fu.total, { none: 4, 'ej-paborjad': 1, pagar: 3, klar: 2, avbruten: 1 });
    assert.deepEqual(
      fu.parts.map((p) => [p.heading, p.counts]),
      [
        ['Del 1. Fler väljer cykeln', { none: 0, 'ej-paborjad': 1, pagar: 3, klar: 2, avbruten: 1 }],
        ['Del 2. En plats att cykla till', { none: 4, 'ej-paborjad': 0, pagar: 0, klar: 0, avbruten: 0 }],
      ],
    );
    assert.deepEqual(
      fu.units.map((u) => [u.number, u.counts.klar, u.counts.pagar, u.counts.avbruten, u.counts['ej-paborjad'], u.counts.none, u.indicators.length]),
      [
        ['1.1', 1, 2, 0, 1, 0, 2],
        ['1.2', 1, 1, 1, 0, 0, 2],
        ['2.1', 0, 0, 0, 0, 4, 0],
      ],
    );
    assert.deepEqual(fu.bodies.find((b) => b.name === 'Teknik- och fritidsnämnden')?.counts, { none: 1, 'ej-paborjad': 0, pagar: 2, klar: 1, avbruten: 0 });
    assert.equal(planOverview(analyse(CLEAN), '2026-01-15').followUp, undefined, 'no follow-up section for a plan without statuses');
  });

  it('Should show the progress bars and indicators in the overview, and the report for a year', () => {
    const o = planOverview(analyse(EXAMPLE.replace('Tre av tolv sträckor är byggda.', '<script>alert(1)</script>')), '2026-01-15');
    const body = renderOverviewBody(o, { interactive: true, ...SV });
    assert.match(body, /<section class="followup"/);
    assert.match(
      body,
      /<span class="fu-bar" role="img" aria-label="1 inte påbörjad, 2 pågår, 1 klar" title="[^"]*"><span class="fu-seg start w25"><\/span><span class="fu-seg progress w50"><\/span><span class="fu-seg done w25"><\/span><\/span>/,
    );
    assert.match(body, /<td>2023: 14 %<\/td><td>→<\/td><td>2028: 20 %<\/td>/);
    assert.doesNotMatch(body, /style=/, 'no inline style: the webview’s CSP forbids it');
    assert.doesNotMatch(renderOverviewBody(planOverview(analyse(CLEAN), '2026-01-15'), { interactive: true, ...SV }), /followup/);
    const report = renderFollowUpReport(o, 2025, '2026-01-15', SV);
    assert.match(report, /<title>Uppföljning 2025: Plan för cykling 2025–2028<\/title>/);
    assert.match(report, /<td>N17461<\/td>/);
    assert.match(report, /<td>Teknik- och fritidsnämnden<\/td><td>pågår<\/td><td>2025-12-01<\/td><td>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/td>/);
    assert.doesNotMatch(report, /<script/);
  });

  it('Should complete status values and an indicator line, and explain them on hover', () => {
    const ctx = { registry: DEFAULT_REGISTRY, templates: new TemplateSet() };
    const plan = analyse(EXAMPLE).plan;
    const at = EXAMPLE.indexOf('Status: pågår (2025-12-01)') + 'Status: '.length;
    const values = completions(plan, at, ctx);
    assert.deepEqual(
      values.map((c) => c.label),
      ['inte påbörjad', 'pågår', 'klar', 'avbruten'],
    );
    assert.deepEqual(values[1].range, { start: at, end: at });
    const text = EXAMPLE.replace('#### Varför är ambitionen viktig?', 'Ind\n\n#### Varför är ambitionen viktig?');
    const off = text.indexOf('Ind\n') + 3;
    const line = completions(analyse(text).plan, off, ctx).find((c) => c.kind === 'snippet' && c.label.startsWith('Indikator'));
    assert.ok(line?.insertText.startsWith('Indikator: ${1:namn} (Kolada ${2:N00000}); utgångsläge ${3:2024}'), line?.insertText);
    assert.ok(line!.insertText.includes('mål ${5:2028}'));
    const h = hover(plan, EXAMPLE.indexOf('N17461') + 2, DEFAULT_REGISTRY);
    assert.match(h!.contents, /Nyckeltal N17461 i Kolada/);
    assert.match(h!.contents, /Utgångsläge 2023: 72 % → Mål 2028: 80 %/);
    const hs = hover(plan, EXAMPLE.indexOf('Status: avbruten') + 3, DEFAULT_REGISTRY);
    assert.match(hs!.contents, /Status: avbruten/);
    assert.match(hs!.contents, /Per 2025-09-01/);
  });
});

describe('Follow-up: the JSON export', () => {
  before(() => setLocale('sv'));

  it('Should carry indicators, statuses and comments in format 2, valid against its schema', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'docs/plan-export.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const data = JSON.parse(JSON.stringify(exportPlan(analyse(EXAMPLE), '2026-01-15'))) as ReturnType<typeof exportPlan>;
    const valid: boolean = validate(data);
    assert.ok(valid, JSON.stringify(validate.errors));
    assert.equal(data.formatVersion, 2);
    const a11 = data.parts[0].ambitions[0];
    assert.deepEqual(a11.indicators[0], {
      name: 'Andel av invånarnas resor som görs med cykel',
      baseline: { year: 2023, value: '14 %' },
      target: { year: 2028, value: '20 %' },
      source: 'resvaneundersökningen',
      line: EXAMPLE.split('\n').findIndex((l) => l.startsWith('Indikator: Andel av invånarnas')) + 1,
    });
    assert.deepEqual(a11.actions[0].status, { id: 'klar', label: 'klar', date: '2025-10-15' });
    assert.equal(a11.actions[0].checked, true);
    assert.equal(a11.actions[0].comment, 'Utbyggnadsplanen antogs av teknik- och fritidsnämnden i oktober.');
    assert.deepEqual(a11.actions[0].subItems, [], 'status and comment lines are not points of their own');
    // A change to the export that the schema does not describe fails validation.
    (a11.actions[0].status as Record<string, unknown>).extra = true;
    const stillValid: boolean = validate(data);
    assert.equal(stillValid, false);
  });
});

describe('Follow-up: the worksheet round trip', () => {
  before(() => setLocale('sv'));

  const levelNames = (text: string) => levels(analyse(text).plan.template!).map((l) => l.label ?? local(l.name));
  it('Should make a sheet with every action and its actors, as Excel and CSV', async () => {
    const ws = worksheetFor(analyse(EXAMPLE).plan, 2025);
    assert.equal(ws.rows.length, 11);
    assert.deepEqual(ws.rows[0].units, ['Del 1. Fler väljer cykeln', 'Ambition 1.1. Ett sammanhängande cykelnät']);
    assert.equal(ws.rows[0].actor, 'Teknik- och fritidsnämnden');
    assert.equal(ws.rows[0].responsible, 'Kommunstyrelsen, Teknik- och fritidsnämnden');
    const csv = (await worksheetCsv(ws, levelNames(EXAMPLE), t)).toString('utf8');
    assert.ok(csv.startsWith('\uFEFFNr;Del;Ambition;Åtgärd;Aktör;Ansvariga;Status;Datum;Kommentar'), csv.slice(0, 80));
    const back = await readWorksheet(await worksheetXlsx(ws, levelNames(EXAMPLE), t), t);
    assert.deepEqual(
      back.map((r) => [r.nr, r.status, r.date]),
      ws.rows.map((r) => [r.nr, r.status, r.date]),
    );
    assert.equal(applyWorksheet(analyse(EXAMPLE).plan, back).edits.length, 0, 'an unchanged sheet changes nothing');
  });

  it('Should write random statuses and comments back, changing only status and comment lines (Excel and CSV, LF and CRLF, dates in and after the year)', async () => {
    const next = random(20251126);
    const statuses = ['inte påbörjad', 'pågår', 'klar', 'avbruten', 'KLAR', 'ej påbörjad', ''];
    const comments = [
      '',
      'Klart; se rapporten, "bilaga 2".',
      'Två av fem <b>klara</b>',
      'Fördröjt\nväntar på beslut',
      'Åtgärden är ersatt',
      '=SUMMA(A1:A9)',
      '-5 % mot i fjol',
    ];
    for (let round = 0; round < 8; round++) {
      const base = round % 2 ? EXAMPLE.replace(/\n/g, '\r\n') : EXAMPLE;
      const format = round % 4 < 2 ? 'xlsx' : 'csv';
      const plan = analyse(base).plan;
      const ws = worksheetFor(plan, 2025);
      const file = format === 'xlsx' ? await worksheetXlsx(ws, levelNames(base), t) : await worksheetCsv(ws, levelNames(base), t);
      if (format === 'csv') assert.ok(!/(^|;)[=+@-]/m.test(file.toString('utf8')), 'no cell of the plan’s text starts like a formula');
      const answers = new Map<number, { status: string; date: string; comment: string }>();
      const filled = await fill(file, format, (nr) => {
        const a = {
          status: statuses[Math.floor(next() * statuses.length)],
          // Mostly in the sheet's year; now and then early the next (a row's date after the year is written as given).
          date: next() < 0.5 ? `${next() < 0.8 ? 2025 : 2026}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-15` : '',
          comment: comments[Math.floor(next() * comments.length)],
        };
        answers.set(nr, a);
        return a;
      });
      const applied = applyWorksheet(plan, await readWorksheet(filled));
      assert.deepEqual(applied.problems, [], `round ${round}`);
      assert.deepEqual(applied.kept, [], `round ${round}: no status of the example is dated after 2025, so none is kept`);
      assert.ok(applied.changed > 0 && applied.edits.length > 0, `round ${round}: the sheet changes something`);
      const after = applyEdits(base, applied.edits);
      assert.equal(rest(after), rest(base), `round ${round}: only status and comment lines and task boxes change`);
      assert.equal(after.includes('\r\n'), base.includes('\r\n'));
      if (base.includes('\r\n')) assert.ok(!/[^\r]\n/.test(after), `round ${round}: CRLF kept`);
      const old = collectFollowUp(plan).units.flatMap((u) => u.actions);
      const now = analyse(after);
      const actions = collectFollowUp(now.plan).units.flatMap((u) => u.actions);
      assert.equal(actions.length, old.length);
      actions.forEach((a, i) => {
        const want = answers.get(i + 1)!;
        const label = want.status ? want.status.toLocaleLowerCase('sv').replace('ej påbörjad', 'inte påbörjad') : old[i].effective?.label;
        assert.equal(a.effective?.label, label, `round ${round}, action ${i + 1}`);
        if (want.status) assert.equal(a.status?.date, want.date || undefined, `round ${round}, action ${i + 1}: date`);
        assert.equal(a.comment?.text, want.comment ? want.comment.replace(/\s+/g, ' ') : old[i].comment?.text, `round ${round}, action ${i + 1}: comment`);
        if (a.checked !== undefined && want.status) assert.equal(a.checked, want.status.toLowerCase() === 'klar');
      });
      assert.deepEqual(
        now.findings.filter((f) => f.code.startsWith('plan.status')),
        [],
        `round ${round}: the statuses written are valid and agree with the boxes`,
      );
      assert.equal(applyWorksheet(now.plan, await readWorksheet(filled)).edits.length, 0, `round ${round}: reading the same sheet again changes nothing`);
    }
  });

  it('Should write a CSV cell of the plan that begins like a formula as text, and read it back unchanged', async () => {
    const text = EXAMPLE.replace('Kommentar: Tre av tolv sträckor är byggda.', 'Kommentar: =HYPERLINK("http://x";"klicka")');
    const plan = analyse(text).plan;
    const csv = await worksheetCsv(worksheetFor(plan, 2025), levelNames(text), t);
    assert.ok(csv.toString('utf8').includes(`;"'=HYPERLINK(""http://x"";""klicka"")"`), 'an apostrophe before the =');
    const back = await readWorksheet(csv, t);
    assert.equal(back[1].comment, '=HYPERLINK("http://x";"klicka")');
    assert.deepEqual(applyWorksheet(plan, back).edits, []);
  });

  it('Should report rows it cannot use, and refuse a file that is no worksheet', async () => {
    const plan = analyse(EXAMPLE).plan;
    const r = applyWorksheet(plan, [
      { nr: 1, action: 'En åtgärd som inte finns', status: 'klar', date: '', comment: '' },
      { nr: 2, action: '', status: 'snart', date: '', comment: '' },
    ]);
    assert.deepEqual(
      r.problems.map((p) => t(p.message, ...p.args)),
      [
        'Rad 1: åtgärden En åtgärd som inte finns finns inte längre i planen.',
        'Rad 2: statusen snart är inte en av mallens (inte påbörjad, pågår, klar, avbruten).',
      ],
    );
    assert.deepEqual(r.edits, []);
    await assert.rejects(readWorksheet(Buffer.from('a,b\n1,2\n')), WorksheetError);
    await assert.rejects(readWorksheet(Buffer.from([0x50, 0x4b, 3, 4, 0, 0])), WorksheetError);
    await assert.rejects(readWorksheet(Buffer.from([0, 1, 2, 0])), WorksheetError);
  });
});
