/**
 * Reading back a worksheet for an earlier year: the plan holds each action's latest status, so a
 * sheet for year Y never replaces a status dated after Y (nor its comment or task box); those rows
 * are kept and reported, everything else is written as before. The year comes from the file: the
 * Excel sheet's title (and name), the CSV's Year column, else the row's own date.
 */
import * as assert from 'node:assert/strict';
import { analyze, levels, local, setLocale, t } from '../../server/src/core/index';
import { collectFollowUp, yearOfDate } from '../../server/src/core/followup/index';
import { applyEdits, applyWorksheet, worksheetFor, type FilledRow } from '../../server/src/core/followup/worksheet';
import { readWorksheet, worksheetCsv, worksheetXlsx } from '../../server/src/node/worksheet';
import { DATED, EXAMPLE, fill, rest } from '../helpers/followup';
import { seeded as random } from '../helpers/random';

const analyse = (text: string) => analyze(text, { fileName: 'x.plan.md' });
const levelNames = (text: string) => levels(analyse(text).plan.template!).map((l) => l.label ?? local(l.name));
const actionsOf = (text: string) => collectFollowUp(analyse(text).plan).units.flatMap((u) => u.actions);
const lines = (text: string, re: RegExp) => text.split(/\r?\n/).filter((l) => re.test(l));

/** The rows of a worksheet as a department returns them, some changed. */
function rowsOf(text: string, year: number, change: Record<number, Partial<FilledRow>>): FilledRow[] {
  return worksheetFor(analyse(text).plan, year).rows.map((r) => ({
    nr: r.nr,
    action: r.action,
    status: r.status,
    date: r.date,
    comment: r.comment,
    year,
    ...change[r.nr],
  }));
}

describe('Follow-up: a worksheet for an earlier year keeps later statuses', () => {
  before(() => setLocale('sv'));

  it('Should keep a status dated after the year, with its comment and box, and say so; write the others', () => {
    const plan = analyse(DATED).plan;
    const rows = rowsOf(DATED, 2025, {
      1: { status: 'pågår', date: '2025-06-01', comment: 'Försenad' },
      2: { status: 'klar', date: '2026-01-20' },
      3: { status: 'klar', date: '2025-03-01' },
      4: { status: 'pågår' },
    });
    const r = applyWorksheet(plan, rows);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.kept.map((k) => [k.row, t(k.message, ...k.args)]),
      [
        [
          1,
          'Rad 1: planens status klar (2026-02-01) för ”Teknik- och fritidsnämnden ska ta fram en plan för utbyggnad…” är daterad efter 2025 och behålls, med sin kommentar.',
        ],
      ],
    );
    assert.equal(r.changed, 3);
    const after = applyEdits(DATED, r.edits);
    assert.ok(
      after.includes(
        '- [x] Teknik- och fritidsnämnden ska ta fram en plan för utbyggnad av cykelnätet med en tydlig prioritering.\n  - Status: klar (2026-02-01)\n  - Kommentar: Utbyggnadsplanen antogs',
      ),
      'the later status, its ticked box and its comment stay',
    );
    assert.ok(
      after.includes('- [x] Teknik- och fritidsnämnden ansvarar för att bygga ut cykelvägar enligt planen.\n  - Status: klar (2026-01-20)'),
      'a row dated after the year is written as given',
    );
    assert.ok(
      after.includes('- [x] Byggnadsnämnden ska säkra plats för cykelvägar i nya detaljplaner.\n  - Status: klar (2025-03-01)'),
      'an earlier status is replaced',
    );
    assert.ok(after.includes('  - Status: pågår\n'), 'an undated status is replaced');
    // The same rows as a worksheet for 2026: the status is that year's, and is replaced.
    const later = applyWorksheet(plan, rowsOf(DATED, 2026, { 1: { status: 'pågår', date: '2026-06-01', comment: 'Försenad' } }));
    assert.deepEqual(later.kept, []);
    assert.ok(
      applyEdits(DATED, later.edits).includes(
        '- [ ] Teknik- och fritidsnämnden ska ta fram en plan för utbyggnad av cykelnätet med en tydlig prioritering.\n  - Status: pågår (2026-06-01)\n  - Kommentar: Försenad',
      ),
    );
  });

  it('Should neither edit nor report a row that says what the plan says, or leaves the later status blank', () => {
    const plan = analyse(DATED).plan;
    const same = applyWorksheet(
      plan,
      rowsOf(DATED, 2025, { 1: { status: 'KLAR', date: '2026-02-01', comment: 'Utbyggnadsplanen antogs av teknik- och fritidsnämnden i oktober.' } }),
    );
    assert.deepEqual([same.edits, same.kept, same.changed], [[], [], 0]);
    const blank = applyWorksheet(plan, rowsOf(DATED, 2024, {}));
    assert.deepEqual([blank.edits, blank.kept], [[], []], 'the 2024 sheet shows the later statuses blank; read back untouched, nothing changes');
  });

  it('Should read the year from the Excel sheet and the CSV’s Year column, and fall back on the row’s date without one', async () => {
    const plan = analyse(DATED).plan;
    const ws = worksheetFor(plan, 2025);
    const xlsx = await readWorksheet(await worksheetXlsx(ws, levelNames(DATED), t), t);
    assert.deepEqual([...new Set(xlsx.map((r) => r.year))], [2025], 'from the title “Uppföljning 2025: Plan för cykling 2025–2028”, not the plan’s years');
    const csv = (await worksheetCsv(ws, levelNames(DATED), t)).toString('utf8');
    const [head, first] = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    assert.ok(head.endsWith(';Kommentar;År'), head);
    assert.ok(first.endsWith(';2025'), first);
    setLocale('en');
    try {
      assert.ok((await worksheetCsv(ws, levelNames(DATED), t)).toString('utf8').split(/\r?\n/)[0].endsWith(';Comment;Year'));
    } finally {
      setLocale('sv');
    }
    const back = await readWorksheet(Buffer.from(csv), t);
    assert.deepEqual([...new Set(back.map((r) => r.year))], [2025]);
    // A CSV made before the Year column: the row's date stands for the year, and an undated row keeps a dated status.
    const old = csv.replace(/;[^;\r\n]*(?=\r?\n|$)/g, '');
    assert.ok(old.split(/\r?\n/)[0].endsWith(';Kommentar'));
    const rows = (await readWorksheet(Buffer.from(old), t)).map((r) => ({ ...r, status: 'pågår', date: r.nr === 1 ? '2025-05-05' : '', comment: '' }));
    assert.ok(rows.every((r) => r.year === undefined));
    const r = applyWorksheet(plan, rows);
    assert.deepEqual(
      r.kept.map((k) => t(k.message, ...k.args)),
      [
        'Rad 1: planens status klar (2026-02-01) för ”Teknik- och fritidsnämnden ska ta fram en plan för utbyggnad…” är daterad efter 2025 och behålls, med sin kommentar.',
        'Rad 2: planens status pågår (2025-12-01) för ”Teknik- och fritidsnämnden ansvarar för att bygga ut…” är daterad, och varken underlaget eller raden anger något år; den behålls.',
        'Rad 3: planens status pågår (2024-05-01) för ”Byggnadsnämnden ska säkra plats för cykelvägar i nya…” är daterad, och varken underlaget eller raden anger något år; den behålls.',
        'Rad 5: planens status klar (2025-06-30) för ”Barn- och ungdomsnämnden ska kartlägga hur elever tar sig…” är daterad, och varken underlaget eller raden anger något år; den behålls.',
        'Rad 6: planens status pågår (2025-11-30) för ”Teknik- och fritidsnämnden ska bygga om de korsningar vid…” är daterad, och varken underlaget eller raden anger något år; den behålls.',
      ],
      'the undated status (row 4), the unreadable date (row 7) and the task boxes are written',
    );
    assert.equal(r.changed, 11 - 5);
  });

  it('Should never change a later-dated status and change everything else as before, on random plans and sheets (Excel and CSV, LF and CRLF)', async () => {
    const next = random(20261126);
    const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
    const day = (year: number) => `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    const statuses = ['inte påbörjad', 'pågår', 'klar', 'avbruten', 'Pågår', 'ej påbörjad', ''];
    const comments = [
      '',
      'Klart; se "bilaga 2".',
      'Fördröjt\nväntar på beslut',
      '=SUMMA(A1:A9)',
      'Utbyggnadsplanen antogs av teknik- och fritidsnämnden i oktober.',
    ];
    const norm = (s: string) => s.toLocaleLowerCase('sv').replace('ej påbörjad', 'inte påbörjad');
    let guardedSeen = 0;
    let keptSeen = 0;
    for (let round = 0; round < 12; round++) {
      const year = 2024 + (round % 3);
      // The plan's statuses dated before, within and after the year, undated, or as they were.
      const dated = (round % 2 ? DATED : EXAMPLE).replace(/^(\s*- Status: [^(\n]*?)(?: \(([^)\n]*)\))?$/gm, (line, head: string) => {
        const x = next();
        return x < 0.2 ? line : x < 0.35 ? head : `${head} (${day(year + (x < 0.55 ? -1 : x < 0.75 ? 0 : 1))})`;
      });
      const base = round % 4 >= 2 ? dated.replace(/\n/g, '\r\n') : dated;
      const format = round % 3 === round % 2 ? 'xlsx' : 'csv';
      const plan = analyse(base).plan;
      const old = actionsOf(base);
      const ws = worksheetFor(plan, year);
      const file = format === 'xlsx' ? await worksheetXlsx(ws, levelNames(base), t) : await worksheetCsv(ws, levelNames(base), t);
      const answers = new Map<number, { status: string; date: string; comment: string }>();
      const filled = await fill(file, format, (nr) => {
        const a = { status: pick(statuses), date: next() < 0.6 ? day(next() < 0.85 ? year : year + 1) : '', comment: pick(comments) };
        answers.set(nr, a);
        return a;
      });
      const read = await readWorksheet(filled);
      assert.ok(
        read.every((r) => r.year === year),
        `round ${round}: every row carries the sheet’s year (${format})`,
      );
      const applied = applyWorksheet(plan, read);
      assert.deepEqual(applied.problems, [], `round ${round}`);
      const guarded = (i: number) => (yearOfDate(old[i].status?.date) ?? -Infinity) > year;
      const wouldChange = (i: number) => {
        const want = answers.get(i + 1)!;
        const o = old[i];
        return (
          (!!want.status && (norm(want.status) !== o.effective?.label || want.date !== (o.status?.date ?? ''))) ||
          (!!want.comment && want.comment.replace(/\s+/g, ' ') !== o.comment?.text)
        );
      };
      assert.deepEqual(
        applied.kept.map((k) => k.row),
        old.map((_, i) => i + 1).filter((nr) => guarded(nr - 1) && wouldChange(nr - 1)),
        `round ${round}: exactly the later-dated statuses the sheet would change are kept and reported`,
      );
      guardedSeen += old.filter((_, i) => guarded(i)).length;
      keptSeen += applied.kept.length;

      // Every edit replaces a status value, a comment value or a box of an action not kept, or inserts a line: nothing else, no text dropped.
      const replaceable = new Set<string>();
      old.forEach((a, i) => {
        if (guarded(i)) return;
        for (const r of [a.status?.valueRange, a.comment?.valueRange, a.boxAt === undefined ? undefined : { start: a.boxAt, end: a.boxAt + 1 }])
          if (r) replaceable.add(`${r.start}:${r.end}`);
      });
      for (const e of applied.edits) {
        if (e.range.start === e.range.end) assert.match(e.newText, /^\r?\n\s*- (?:Status|Kommentar): \S/, `round ${round}: an insertion is a new line`);
        else assert.ok(replaceable.has(`${e.range.start}:${e.range.end}`), `round ${round}: the edit ${JSON.stringify(e)} replaces a value`);
      }
      const after = applyEdits(base, applied.edits);
      assert.equal(rest(after), rest(base), `round ${round}: only status and comment lines and task boxes change`);
      assert.ok(lines(after, /^\s*- Status:/).length >= lines(base, /^\s*- Status:/).length);
      assert.ok(lines(after, /^\s*- Kommentar:/).length >= lines(base, /^\s*- Kommentar:/).length);
      if (base.includes('\r\n')) assert.ok(!/[^\r]\n/.test(after), `round ${round}: CRLF kept`);

      const now = actionsOf(after);
      assert.equal(now.length, old.length);
      now.forEach((a, i) => {
        const o = old[i];
        const want = answers.get(i + 1)!;
        const what = `round ${round}, action ${i + 1}`;
        if (guarded(i)) {
          assert.deepEqual(
            [a.status?.text, a.status?.date, a.comment?.text, a.checked],
            [o.status?.text, o.status?.date, o.comment?.text, o.checked],
            `${what}: the later status stays`,
          );
          return;
        }
        assert.equal(a.effective?.label, want.status ? norm(want.status) : o.effective?.label, what);
        if (want.status) assert.equal(a.status?.date, want.date || undefined, `${what}: date`);
        assert.equal(a.comment?.text, want.comment ? want.comment.replace(/\s+/g, ' ') : o.comment?.text, `${what}: comment`);
        if (a.checked !== undefined && want.status) assert.equal(a.checked, norm(want.status) === 'klar');
      });
      const again = applyWorksheet(analyse(after).plan, await readWorksheet(filled));
      assert.deepEqual(again.edits, [], `round ${round}: reading the same sheet again changes nothing`);
      assert.deepEqual(
        again.kept.map((k) => k.row),
        applied.kept.map((k) => k.row),
        `round ${round}: and reports the same kept rows`,
      );
    }
    assert.ok(guardedSeen > 10 && keptSeen > 5, `the rounds meet later statuses (${guardedSeen}) and keep some (${keptSeen})`);
  });
});
