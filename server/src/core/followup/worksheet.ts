/**
 * The follow-up worksheet as data: one row per action with its actors, for the departments to fill
 * in; and the way back, a filled-in worksheet's statuses and comments as edits of the plan that
 * touch only the status and comment lines (and a task box's mark). Pure: the Excel and CSV files
 * are made and read in server/src/node/worksheet.ts.
 */
import type { PlanModel } from '../model';
import { fold, lineEnding, type OffsetRange } from '../text';
import { allActionFollowUps, collectFollowUp, type FollowUpModel } from './index';
import { statusByText } from './spec';
import type { ActionFollowUp } from './status';
import { statusInYear, yearOfDate } from './year';

export interface WorksheetRow {
  /** The action's place in the plan, 1-based, in document order: the key back. */
  nr: number;
  /** The headings of the units around the action, outermost first. */
  units: string[];
  action: string;
  actor: string;
  /** Bodies on the unit's `Ansvar:` lines. */
  responsible: string;
  status: string;
  date: string;
  comment: string;
}

export interface Worksheet {
  title: string;
  year: number;
  /** The status values the template allows, for the sheet's list. */
  statuses: string[];
  rows: WorksheetRow[];
}

/** A row read back from a filled-in worksheet: what a department wrote. */
export interface FilledRow {
  nr: number;
  action: string;
  status: string;
  date: string;
  comment: string;
  /** The year the worksheet is for, as the file says it (a Year column, or the sheet's title); undefined when it does not. */
  year?: number;
}

export interface PlanEdit {
  range: OffsetRange;
  newText: string;
}

export interface WorksheetApplied {
  edits: PlanEdit[];
  /** Actions whose status or comment changes. */
  changed: number;
  /** Rows that could not be used, with why (in English source text and arguments, for t()). */
  problems: Array<{ row: number; message: string; args: string[] }>;
  /**
   * Rows left unchanged because the plan's status is dated after the worksheet's year: the plan
   * holds its latest status, and an earlier year's sheet does not replace it (nor its comment or
   * box). Only rows that would have changed something; with why (English source text and arguments).
   */
  kept: Array<{ row: number; action: string; message: string; args: string[] }>;
}

function unitPath(a: ActionFollowUp, model: FollowUpModel): string[] {
  const unit = model.units.find((u) => u.actions.includes(a))?.unit;
  const out: string[] = [];
  for (let u = unit; u; u = u.parent) out.unshift(u.section.heading.text);
  return out;
}

/**
 * The worksheet for a year: the status, date and comment filled in are the year's, as in the
 * report (year.ts): a status dated after the year is left out, for the department to fill in.
 */
export function worksheetFor(plan: PlanModel, year: number, model = collectFollowUp(plan)): Worksheet {
  const rows = allActionFollowUps(model).map((a, i): WorksheetRow => {
    const later = !!statusInYear(a, year).later;
    const unit = model.units.find((u) => u.actions.includes(a))?.unit;
    const responsible: string[] = [];
    for (let u = unit; u; u = u.parent)
      for (const l of u.ansvar) for (const m of l.mentions) if (!responsible.includes(m.body?.name ?? m.text)) responsible.push(m.body?.name ?? m.text);
    return {
      nr: i + 1,
      units: unitPath(a, model),
      action: a.action.text,
      actor: a.action.actor?.body.name ?? a.action.unknownActor?.text ?? '',
      responsible: responsible.join(', '),
      status: later ? '' : (a.status?.spec?.label ?? a.status?.text ?? (a.checked !== undefined ? (a.effective?.label ?? '') : '')),
      date: later ? '' : (a.status?.date ?? ''),
      comment: later ? '' : (a.comment?.text ?? ''),
    };
  });
  return { title: plan.title?.text ?? '', year, statuses: model.spec.statuses.map((s) => s.label), rows };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const same = (a: string, b: string) => fold(oneLine(a)) === fold(oneLine(b));

/** An action's text for a message: its first words (cut at a space). */
function shortText(s: string): string {
  if (s.length <= 64) return s;
  const at = s.lastIndexOf(' ', 60);
  return `${s.slice(0, at > 30 ? at : 60).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * Whether the plan's status is later than the row's year: dated after the worksheet's year (the
 * row's `year`), or, when the file does not say its year, after the year of the row's date; a row
 * with neither does not replace a dated status. Undefined when the row may replace it.
 */
function laterThanRow(a: ActionFollowUp, row: FilledRow, date: string): { message: string; args: string[] } | undefined {
  const planYear = yearOfDate(a.status?.date);
  if (!a.status || planYear === undefined) return undefined;
  const year = row.year ?? yearOfDate(date);
  const status = `${a.status.spec?.label ?? a.status.text} (${a.status.date})`;
  const action = shortText(oneLine(a.action.text));
  if (year === undefined)
    return {
      message: 'Row {0}: the plan’s status {1} for “{2}” is dated, and neither the worksheet nor the row says a year; it is kept.',
      args: [String(row.nr), status, action],
    };
  if (planYear <= year) return undefined;
  return {
    message: 'Row {0}: the plan’s status {1} for “{2}” is dated after {3} and is kept, with its comment.',
    args: [String(row.nr), status, action, String(year)],
  };
}

/**
 * The edits that write a filled-in worksheet's statuses and comments into the plan. A row names its
 * action by number and text; a row whose text no longer matches is looked up by text, and left out
 * when that fails. An empty status or comment leaves the plan's as it is, and so does a status
 * (with its date) that is the plan's already. A worksheet for a year never replaces a status dated
 * after that year: the plan holds the latest status, so such a row is left out, its status, comment
 * and box as they are, and reported in `kept` (when it would have changed something). A row's own
 * date after the year does not matter: the status is written as the department gives it.
 */
export function applyWorksheet(plan: PlanModel, rows: FilledRow[], model = collectFollowUp(plan)): WorksheetApplied {
  const text = plan.md.text;
  const eol = lineEnding(text);
  const actions = allActionFollowUps(model);
  const out: WorksheetApplied = { edits: [], changed: 0, problems: [], kept: [] };
  const used = new Set<ActionFollowUp>();
  for (const row of rows) {
    let a: ActionFollowUp | undefined = actions[row.nr - 1];
    if (!a || (row.action && !same(a.action.text, row.action))) {
      const byText = actions.filter((x) => row.action && same(x.action.text, row.action));
      a = byText.length === 1 ? byText[0] : undefined;
    }
    if (!a) {
      out.problems.push({ row: row.nr, message: 'Row {0}: the action {1} is not in the plan any more.', args: [String(row.nr), row.action] });
      continue;
    }
    if (used.has(a)) {
      out.problems.push({ row: row.nr, message: 'Row {0}: the action is on an earlier row too; the earlier row is used.', args: [String(row.nr)] });
      continue;
    }
    used.add(a);
    const statusText = oneLine(row.status);
    const date = oneLine(row.date);
    const comment = oneLine(row.comment);
    const spec = statusText ? statusByText(model.spec.statuses, statusText) : undefined;
    if (statusText && !spec) {
      out.problems.push({
        row: row.nr,
        message: 'Row {0}: the status {1} is not one of the template’s ({2}).',
        args: [String(row.nr), statusText, model.spec.statuses.map((s) => s.label).join(', ')],
      });
    }
    const edits: PlanEdit[] = [];
    const lines: string[] = [];
    if (spec) {
      const value = date ? `${spec.label} (${date})` : spec.label;
      const current = a.status ? text.slice(a.status.valueRange.start, a.status.valueRange.end) : undefined;
      // A task box alone is its status: the sheet showing it back, undated, changes nothing.
      const unchanged = a.status ? a.status.spec === spec && (a.status.date ?? '') === date : a.checked !== undefined && a.effective === spec && !date;
      if (!unchanged && current !== value) {
        if (a.status) edits.push({ range: a.status.valueRange, newText: value });
        else lines.push(`${model.spec.statusLabel}: ${value}`);
      }
      if (a.boxAt !== undefined && a.checked !== !!spec.done) edits.push({ range: { start: a.boxAt, end: a.boxAt + 1 }, newText: spec.done ? 'x' : ' ' });
    }
    if (comment && !(a.comment && same(a.comment.text, comment))) {
      if (a.comment) edits.push({ range: a.comment.valueRange, newText: comment });
      else if (a.status && !lines.length)
        edits.push({
          range: { start: a.status.lineRange.end, end: a.status.lineRange.end },
          newText: `${eol}${a.indent}- ${model.spec.commentLabel}: ${comment}`,
        });
      else lines.push(`${model.spec.commentLabel}: ${comment}`);
    }
    if (lines.length) edits.push({ range: { start: a.insertAt, end: a.insertAt }, newText: lines.map((l) => `${eol}${a.indent}- ${l}`).join('') });
    if (!edits.length) continue;
    const later = laterThanRow(a, row, date);
    if (later) {
      out.kept.push({ row: row.nr, action: a.action.text, ...later });
      continue;
    }
    out.edits.push(...edits);
    out.changed++;
  }
  out.edits.sort((x, y) => x.range.start - y.range.start || x.range.end - y.range.end);
  return out;
}

/** The text with the edits made (they do not overlap). */
export function applyEdits(text: string, edits: PlanEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((x, y) => x.range.start - y.range.start)) {
    out += text.slice(at, e.range.start) + e.newText;
    at = e.range.end;
  }
  return out + text.slice(at);
}
