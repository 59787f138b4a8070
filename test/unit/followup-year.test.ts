/**
 * The follow-up for one year: a status dated after the year is a later year's (the action has no
 * status for the year, its task box and comment set aside), a status dated within or before it or
 * undated counts, a task box without a status line counts as current; the report says so, and the
 * worksheet for the year agrees with it.
 */
import * as assert from 'node:assert/strict';
import { analyze, planOverview, setLocale, t } from '../../server/src/core/index';
import { yearEnd, yearOfDate } from '../../server/src/core/followup/index';
import { applyWorksheet, worksheetFor } from '../../server/src/core/followup/worksheet';
import { renderFollowUpReport } from '../../server/src/render/index';
import { DATED } from '../helpers/followup';

const analyse = (text: string) => analyze(text, { fileName: 'x.plan.md' });
const SV = { t, locale: 'sv' };

describe('Follow-up for a year', () => {
  before(() => setLocale('sv'));

  it('Should read the year of a status date, and the last day of a year', () => {
    assert.equal(yearOfDate('2025-06-30'), 2025);
    assert.equal(yearOfDate('30/6 2025'), 2025);
    assert.equal(yearOfDate('1.9.25'), undefined);
    assert.equal(yearOfDate(undefined), undefined);
    assert.equal(yearEnd(2025), '2025-12-31');
  });

  it('Should count a status dated after the year as none, and one dated within or before it, undated or a task box as the year’s', () => {
    const a = analyse(DATED);
    const count = (year?: number) => planOverview(a, '2026-03-01', year === undefined ? {} : { followUpYear: year }).followUp!;
    const y2025 = count(2025);
    assert.deepEqual(y2025.total, { none: 4, 'ej-paborjad': 1, pagar: 3, klar: 2, avbruten: 1 });
    assert.equal(y2025.later, 1);
    assert.equal(y2025.asOf, '2025-12-31');
    const first = y2025.units[0].actions[0];
    assert.deepEqual(
      [first.status, first.date, first.comment, first.checked, first.later],
      [undefined, undefined, undefined, undefined, { status: 'klar', label: 'klar', date: '2026-02-01' }],
      'the later status, its ticked box and its comment are not the year’s',
    );
    const ofUnit = (fu: typeof y2025, n: number) => fu.units[n].actions.map((x) => x.status ?? 'none');
    assert.deepEqual(ofUnit(y2025, 0), ['none', 'pagar', 'pagar', 'ej-paborjad'], '2026, 2025, 2024, undated');
    assert.deepEqual(ofUnit(y2025, 1), ['klar', 'pagar', 'avbruten'], 'a date whose year cannot be read counts as undated');
    assert.deepEqual(ofUnit(y2025, 2), ['klar', 'none', 'none', 'none'], 'a ticked box without a status line is current');

    const y2024 = count(2024);
    assert.deepEqual(y2024.total, { none: 7, 'ej-paborjad': 1, pagar: 1, klar: 1, avbruten: 1 });
    assert.equal(y2024.later, 4);
    assert.deepEqual(ofUnit(y2024, 0), ['none', 'none', 'pagar', 'ej-paborjad']);

    const y2026 = count(2026);
    assert.deepEqual(y2026.total, { none: 3, 'ej-paborjad': 1, pagar: 3, klar: 3, avbruten: 1 });
    assert.equal(y2026.later, 0);
    const now = count();
    assert.deepEqual(now.total, y2026.total, 'without a year: the plan as it stands');
    assert.equal(now.year, undefined);
    assert.equal(now.parts[0].counts.klar, 2);
  });

  it('Should say in the report which date it reflects and which statuses are a later year’s', () => {
    const report = renderFollowUpReport(planOverview(analyse(DATED), '2026-03-01', { followUpYear: 2025 }), 2025, '2026-03-01', SV);
    assert.match(report, /Status vid utgången av 2025 \(2025-12-31\) enligt planen 2026-03-01/);
    assert.match(report, /Åtgärder med en status daterad efter 2025-12-31: 1\./);
    assert.match(report, /<td>utan status \(senare: klar, 2026-02-01\)<\/td><td><\/td><td><\/td>/);
    assert.doesNotMatch(report, /Utbyggnadsplanen antogs/, 'the later status’s comment is left out');
    assert.match(report, /<td>pågår<\/td><td>2024-05-01<\/td>/);
    const later = renderFollowUpReport(planOverview(analyse(DATED), '2026-03-01', { followUpYear: 2026 }), 2026, '2026-03-01', SV);
    assert.match(later, /<td>klar<\/td><td>2026-02-01<\/td><td>Utbyggnadsplanen antogs/);
    assert.doesNotMatch(later, /daterad efter 2026-12-31: /);
  });

  it('Should fill in the worksheet with the year’s statuses, as the report counts them, and read an untouched sheet back as no change', () => {
    const plan = analyse(DATED).plan;
    const fu = planOverview(analyse(DATED), '2026-03-01', { followUpYear: 2025 }).followUp!;
    for (const year of [2024, 2025, 2026]) {
      const ws = worksheetFor(plan, year);
      const view = planOverview(analyse(DATED), '2026-03-01', { followUpYear: year }).followUp!;
      const label = (id: string | undefined) => view.statuses.find((s) => s.id === id)?.label ?? '';
      const actions = view.units.flatMap((u) => u.actions);
      assert.deepEqual(
        ws.rows.map((r) => [r.status, r.date, r.comment]),
        actions.map((a) => [label(a.status), a.date ?? '', a.comment ?? '']),
        `${year}: the worksheet and the report agree`,
      );
      const rows = ws.rows.map((r) => ({ nr: r.nr, action: r.action, status: r.status, date: r.date, comment: r.comment }));
      assert.deepEqual(applyWorksheet(plan, rows).edits, [], `${year}: an untouched sheet changes nothing, later statuses stay`);
    }
    assert.deepEqual(
      worksheetFor(plan, 2025)
        .rows.slice(0, 3)
        .map((r) => [r.status, r.date, r.comment]),
      [
        ['', '', ''],
        ['pågår', '2025-12-01', 'Tre av tolv sträckor är byggda.'],
        ['pågår', '2024-05-01', ''],
      ],
    );
    assert.equal(fu.units[2].actions[0].checked, true);
  });
});
