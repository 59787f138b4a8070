/**
 * The plan as the source of its follow-up: indicators per unit, the status of every action and the
 * progress per part, unit and responsible body. Pure data, JSON-serialisable once converted with
 * `followUpView` (positions as lines).
 */
import { local } from '../l10n';
import { allUnits, unitActions, type PlanModel, type Unit } from '../model';
import { levels, type Template } from '../template';
import type { LineIndex, OffsetRange } from '../text';
import { unitIndicators, type Indicator } from './indicators';
import { resolveFollowUp, type ResolvedFollowUp } from './spec';
import { actionFollowUp, type ActionFollowUp } from './status';
import { statusInYear, yearEnd } from './year';

export * from './spec';
export * from './indicators';
export * from './status';
export * from './year';

export interface UnitFollowUp {
  unit: Unit;
  indicators: Indicator[];
  actions: ActionFollowUp[];
}

export interface FollowUpModel {
  spec: ResolvedFollowUp;
  /** Every unit at every level, in document order. */
  units: UnitFollowUp[];
}

export function followUpSpecOf(template: Template | undefined): ResolvedFollowUp {
  return resolveFollowUp(template?.followUp);
}

export function collectFollowUp(plan: PlanModel): FollowUpModel {
  const spec = followUpSpecOf(plan.template);
  return { spec, units: allUnits(plan).map((unit) => unitFollowUp(unit, plan.md.text, spec)) };
}

/** One unit's follow-up: its indicators and the status of each of its actions. */
export function unitFollowUp(unit: Unit, text: string, spec: ResolvedFollowUp): UnitFollowUp {
  return { unit, indicators: unitIndicators(unit, text), actions: unitActions(unit).map((a) => actionFollowUp(a, text, spec)) };
}

/** Every action's follow-up, in document order, each once. */
export function allActionFollowUps(model: FollowUpModel): ActionFollowUp[] {
  return model.units.flatMap((u) => u.actions).sort((a, b) => a.action.range.start - b.action.range.start);
}

// ---------------------------------------------------------------- the view: counts and indicators as data

/** Actions by status id; `none` counts actions with no status. */
export type StatusCounts = Record<string, number>;

export interface ViewLoc {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export interface ViewIndicator {
  name: string;
  kolada?: string;
  baseline?: { year?: number; value: string };
  target?: { year?: number; value: string };
  source?: string;
  loc: ViewLoc;
}

export interface ViewAction {
  text: string;
  actor?: string;
  status?: string;
  date?: string;
  comment?: string;
  checked?: boolean;
  /** The plan's status when it is dated after the view's year (then `status`, `date`, `comment` and `checked` are empty). */
  later?: { status?: string; label: string; date: string };
  loc: ViewLoc;
}

export interface ViewUnit {
  number?: string;
  title: string;
  heading: string;
  /** 0 for parts, 1 for the next level … */
  level: number;
  loc: ViewLoc;
  counts: StatusCounts;
  indicators: ViewIndicator[];
  actions: ViewAction[];
}

export interface FollowUpView {
  statuses: Array<{ id: string; label: string; done?: boolean; cancelled?: boolean }>;
  total: StatusCounts;
  /** The units of the first level with their actions and those of their children. */
  parts: ViewUnit[];
  /** The rows: the units of the second level (the first when the template has one). */
  units: ViewUnit[];
  bodies: Array<{ name: string; counts: StatusCounts }>;
  /** Whether the plan has any status or indicator at all. */
  used: boolean;
  /** The follow-up year the statuses are counted for, and its last day; absent for the plan as it stands. */
  year?: number;
  asOf?: string;
  /** Actions whose status is dated after the year: counted as without status. */
  later: number;
}

function locOf(lines: LineIndex, r: OffsetRange): ViewLoc {
  const s = lines.positionAt(r.start);
  const e = lines.positionAt(r.end);
  return { line: s.line, character: s.character, endLine: e.line, endCharacter: e.character };
}

function emptyCounts(view: Pick<FollowUpView, 'statuses'>): StatusCounts {
  const c: StatusCounts = { none: 0 };
  for (const s of view.statuses) c[s.id] = 0;
  return c;
}

export function viewIndicator(i: Indicator, lines: LineIndex): ViewIndicator {
  return {
    name: i.name,
    kolada: i.kolada?.id,
    baseline: i.baseline && { year: i.baseline.year, value: i.baseline.value },
    target: i.target && { year: i.target.year, value: i.target.value },
    source: i.source,
    loc: locOf(lines, i.range),
  };
}

/** An action in the view: its status for the year when one is given (see year.ts), else as the plan stands. */
export function viewAction(a: ActionFollowUp, lines: LineIndex, year?: number): ViewAction {
  const s = statusInYear(a, year);
  return {
    text: a.action.text,
    actor: a.action.actor?.body.name,
    status: s.effective?.id,
    date: s.date,
    comment: s.comment,
    checked: s.checked,
    later: s.later && { status: s.later.status?.id, label: s.later.text, date: s.later.date },
    loc: locOf(lines, a.action.range),
  };
}

/** Progress and indicators; with a year, every action's status is that year's (year.ts). */
export function followUpView(plan: PlanModel, model = collectFollowUp(plan), year?: number): FollowUpView {
  const lines = plan.md.lines;
  const view: FollowUpView = {
    statuses: model.spec.statuses.map((s) => ({ id: s.id, label: s.label, done: s.done || undefined, cancelled: s.cancelled || undefined })),
    total: {},
    parts: [],
    units: [],
    bodies: [],
    used: false,
    later: 0,
  };
  if (year !== undefined) {
    view.year = year;
    view.asOf = yearEnd(year);
  }
  view.total = emptyCounts(view);
  const count = (c: StatusCounts, a: ActionFollowUp) => c[statusInYear(a, year).effective?.id ?? 'none']++;
  const byUnit = new Map(model.units.map((u) => [u.unit, u]));
  const deep = (u: Unit): ActionFollowUp[] => [...(byUnit.get(u)?.actions ?? []), ...u.children.flatMap(deep)];
  const unitView = (u: Unit): ViewUnit => {
    const counts = emptyCounts(view);
    const actions = deep(u);
    for (const a of actions) count(counts, a);
    const own = byUnit.get(u);
    const indicators = [...(own?.indicators ?? []), ...u.children.flatMap((c) => byUnit.get(c)?.indicators ?? [])];
    return {
      number: u.number,
      title: u.title,
      heading: u.section.heading.text,
      level: u.level,
      loc: locOf(lines, u.section.heading.range),
      counts,
      indicators: indicators.map((i) => viewIndicator(i, lines)),
      actions: actions.map((a) => viewAction(a, lines, year)),
    };
  };
  const lv = plan.template ? levels(plan.template) : [];
  const units = model.units.map((u) => u.unit);
  const rows = units.filter((u) => u.level === (lv.length > 1 ? 1 : 0));
  if (lv.length > 1) view.parts = units.filter((u) => u.level === 0).map(unitView);
  view.units = rows.map(unitView);
  const bodies = new Map<string, StatusCounts>();
  for (const a of allActionFollowUps(model)) {
    count(view.total, a);
    if (a.status || a.checked !== undefined || a.comment) view.used = true;
    if (statusInYear(a, year).later) view.later++;
    const name = a.action.actor?.body.name;
    if (!name) continue;
    if (!bodies.has(name)) bodies.set(name, emptyCounts(view));
    count(bodies.get(name)!, a);
  }
  if (model.units.some((u) => u.indicators.length)) view.used = true;
  view.bodies = [...bodies].map(([name, counts]) => ({ name, counts })).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return view;
}

/** The name of a unit's level, for headings of reports ("Ambition"). */
export function levelTitle(plan: PlanModel, level: number): string {
  const lv = plan.template ? levels(plan.template)[level] : undefined;
  return lv ? (lv.label ?? local(lv.name)) : '';
}
