/**
 * The plan as a structure for people: the overview the preview, the tree view and the exports
 * show, and the export model for follow-up systems. JSON-serialisable, positions as lines.
 */
import type { Finding, Severity } from './findings';
import { collectFollowUp, followUpView, viewIndicator, type FollowUpView, type ViewIndicator } from './followup/index';

export type { FollowUpView, StatusCounts, ViewAction, ViewIndicator, ViewUnit } from './followup/index';
import type { Analysis } from './index';
import { local } from './l10n';
import { allAmbitions, isEmptySection, sectionBlocksDeep, unitActions, validity, valueForRole, type Ambition } from './model';
import { plainText, type SectionNode } from './parse';
import { sectionLix } from './readability';
import { keyForRole, levels, type LevelSpec, type Template } from './template';
import type { LineIndex, OffsetRange } from './text';

/** A place in the document: zero-based line and character, as LSP counts. */
export interface Loc {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export type SeverityCounts = Record<Severity, number>;

export interface OverviewFinding {
  code: string;
  severity: Severity;
  message: string;
  loc: Loc;
}

export interface OverviewSubsection {
  id: string;
  label: string;
  present: boolean;
  empty: boolean;
  /** The number of actions, for an actions subsection (Hur). */
  actions?: number;
  /** Findings within the subsection, by severity. */
  findings: SeverityCounts;
  loc?: Loc;
}

export interface OverviewAction {
  text: string;
  actor?: string;
  collective?: boolean;
  loc: Loc;
}

export interface OverviewAmbition {
  number?: string;
  title: string;
  heading: string;
  loc: Loc;
  subsections: OverviewSubsection[];
  actions: OverviewAction[];
  /** Bodies leading its actions, in order of first appearance. */
  actors: string[];
  /** Bodies named on its `Ansvar:` lines. */
  responsible: string[];
  findings: SeverityCounts;
  findingList: OverviewFinding[];
  /** Readability index of its text (LIX), when it has enough text. */
  lix?: number;
}

export interface OverviewPart {
  number?: number;
  title: string;
  heading: string;
  loc: Loc;
  ambitions: OverviewAmbition[];
  findings: SeverityCounts;
}

export interface OverviewSection {
  id?: string;
  title: string;
  loc: Loc;
  required: boolean;
  empty: boolean;
  findings: SeverityCounts;
  lix?: number;
}

export interface HeaderField {
  key: string;
  value: string;
  /** The template requires a value. */
  required: boolean;
  loc: Loc;
}

export type ValidityStatus = 'valid' | 'expired' | 'not-yet-valid' | 'unknown';

export interface MatrixBody {
  name: string;
  kind: string;
  collective: boolean;
  /** Not in the registry (named on an `Ansvar:` line or guessed as an actor). */
  unknown?: boolean;
}

export interface MatrixCell {
  /** Actions the body leads in this ambition. */
  actions: number;
  /** The body is named on the ambition's `Ansvar:` line. */
  ansvar: boolean;
  /** Where: the actions and Ansvar lines. */
  locs: Loc[];
}

export interface MatrixRow {
  ambition: string;
  title: string;
  loc: Loc;
  cells: Record<string, MatrixCell>;
  /** Actions with no actor. */
  withoutActor: number;
}

export interface PlanOverview {
  isPlan: boolean;
  documentType?: string;
  templateName?: string;
  title?: string;
  titleLoc?: Loc;
  header: HeaderField[];
  validity: { from?: string; to?: string; status: ValidityStatus };
  sections: OverviewSection[];
  parts: OverviewPart[];
  looseAmbitions: OverviewAmbition[];
  matrix: { bodies: MatrixBody[]; rows: MatrixRow[] };
  findings: OverviewFinding[];
  totals: SeverityCounts;
  labels: {
    part: string;
    item: string;
    subsections: Array<{ id: string; label: string }>;
    /** The template's nouns, localised and lower-case ("delar", "insatser"). */
    partSingular?: string;
    partPlural?: string;
    itemSingular?: string;
    itemPlural?: string;
  };
  /** The template has one level: its units are the rows (in `looseAmbitions`), with no parts around them. */
  flat?: boolean;
  /** Progress by status and the indicators, when the plan has any status or indicator. */
  followUp?: FollowUpView;
}

const zero = (): SeverityCounts => ({ error: 0, warning: 0, information: 0, hint: 0 });

function locOf(lines: LineIndex, r: OffsetRange): Loc {
  const s = lines.positionAt(r.start);
  const e = lines.positionAt(r.end);
  return { line: s.line, character: s.character, endLine: e.line, endCharacter: e.character };
}

function count(findings: Finding[], r: OffsetRange): SeverityCounts {
  const c = zero();
  for (const f of findings) if (f.range.start >= r.start && f.range.start <= r.end) c[f.severity]++;
  return c;
}

const capitalise = (s: string) => (s ? s[0].toLocaleUpperCase('sv') + s.slice(1) : s);

/** The level shown as the overview's rows: the second level, or the first when the template has one. */
function rowLevel(tpl: Template | undefined): LevelSpec | undefined {
  const lv = tpl ? levels(tpl) : [];
  return lv[1] ?? lv[0];
}

/** The overview; with `followUpYear`, its follow-up counts every action's status for that year (followup/year.ts). */
export function planOverview(analysis: Analysis, today: string, options: { followUpYear?: number } = {}): PlanOverview {
  const { plan, findings } = analysis;
  const lines = plan.md.lines;
  const tpl = plan.template;
  const lv = tpl ? levels(tpl) : [];
  const row = rowLevel(tpl);
  const subs = row?.subsections ?? [];
  const overview: PlanOverview = {
    isPlan: !!plan.planBy,
    documentType: plan.documentType,
    templateName: tpl ? local(tpl.name) : undefined,
    title: plan.title?.text,
    titleLoc: plan.title ? locOf(lines, plan.title.range) : undefined,
    header: [],
    validity: { status: 'unknown' },
    sections: [],
    parts: [],
    looseAmbitions: [],
    matrix: { bodies: [], rows: [] },
    findings: findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, loc: locOf(lines, f.range) })),
    totals: zero(),
    labels: {
      part: lv.length > 1 ? (lv[0].label ?? capitalise(local(lv[0].name))) : '',
      item: row ? (row.label ?? capitalise(local(row.name))) : '',
      subsections: subs.map((s) => ({ id: s.id, label: s.label })),
      partSingular: lv.length > 1 ? local(lv[0].name) : undefined,
      partPlural: lv.length > 1 ? local(lv[0].plural ?? lv[0].name) : undefined,
      itemSingular: row ? local(row.name) : undefined,
      itemPlural: row ? local(row.plural ?? row.name) : undefined,
    },
    flat: lv.length === 1,
  };
  for (const f of findings) overview.totals[f.severity]++;
  if (!plan.planBy) return overview;

  const entries = plan.frontMatter?.entries ?? [];
  const hidden = new Set([keyForRole(tpl, 'documentType'), keyForRole(tpl, 'title')]);
  const headerKeys = (tpl ? tpl.frontMatter.map((k) => k.key) : entries.map((e) => e.key)).filter((k) => !hidden.has(k));
  for (const key of headerKeys) {
    const e = entries.find((x) => x.key === key);
    const spec = tpl?.frontMatter.find((k) => k.key === key);
    if (e)
      overview.header.push({
        key,
        value: e.valueText,
        required: !!spec?.required && !spec.allowEmpty,
        loc: locOf(lines, { start: e.keyRange.start, end: Math.max(e.keyRange.end, e.valueRange.end) }),
      });
  }
  const from = valueForRole(plan, 'validFrom');
  const to = valueForRole(plan, 'validTo');
  const valid = validity(plan);
  overview.validity = {
    from,
    to,
    status: valid.from && today < valid.from ? 'not-yet-valid' : valid.to && today > valid.to ? 'expired' : valid.from || valid.to ? 'valid' : 'unknown',
  };

  const partSections = new Set(plan.parts.map((p) => p.section));
  for (const r of plan.recognized) {
    if (r.spec.kind === 'parts') continue;
    overview.sections.push({
      id: r.spec.id,
      title: r.section.heading.text,
      loc: locOf(lines, r.section.heading.range),
      required: !!r.spec.required,
      empty: isEmptySection(r.section),
      findings: count(findings, r.section.range),
      lix: sectionLix(r.section)?.value,
    });
  }
  for (const s of plan.unknown) {
    if (partSections.has(s)) continue;
    overview.sections.push({
      title: s.heading.text,
      loc: locOf(lines, s.heading.range),
      required: false,
      empty: isEmptySection(s),
      findings: count(findings, s.range),
    });
  }
  overview.sections.sort((a, b) => a.loc.line - b.loc.line);

  const ambition = (a: Ambition): OverviewAmbition => {
    const present = new Map(a.subsections.map((s) => [s.spec.id, s]));
    const actions = unitActions(a);
    const range = { start: a.section.range.start, end: Math.max(a.section.range.end, ...a.subsections.map((s) => s.section.range.end)) };
    const own = findings.filter((f) => f.range.start >= range.start && f.range.start <= range.end);
    const actors: string[] = [];
    for (const act of actions) if (act.actor && !actors.includes(act.actor.body.name)) actors.push(act.actor.body.name);
    const responsible: string[] = [];
    for (const l of a.ansvar)
      for (const m of l.mentions) {
        const name = m.body?.name ?? m.text;
        if (!responsible.includes(name)) responsible.push(name);
      }
    return {
      number: a.number,
      title: a.title,
      heading: a.section.heading.text,
      loc: locOf(lines, a.section.heading.range),
      lix: sectionLix(a.section)?.value,
      subsections: (a.spec.subsections ?? []).map((spec) => {
        const s = present.get(spec.id);
        return {
          id: spec.id,
          label: spec.label,
          present: !!s,
          empty: !!s?.empty,
          actions: spec.actions ? (s?.actions.length ?? 0) : undefined,
          findings: s ? count(own, s.section.range) : zero(),
          loc: s ? locOf(lines, s.section.heading.range) : undefined,
        };
      }),
      actions: actions.map((act) => ({ text: act.text, actor: act.actor?.body.name, collective: act.actor?.body.collective, loc: locOf(lines, act.range) })),
      actors,
      responsible,
      findings: count(own, range),
      findingList: own.map((f) => ({ code: f.code, severity: f.severity, message: f.message, loc: locOf(lines, f.range) })),
    };
  };
  if (lv.length === 1) overview.looseAmbitions = plan.parts.map(ambition);
  else {
    for (const p of plan.parts) {
      const range = { start: p.section.range.start, end: Math.max(p.section.range.end, ...p.children.map((a) => a.section.range.end)) };
      overview.parts.push({
        number: p.numbers[0],
        title: p.title,
        heading: p.section.heading.text,
        loc: locOf(lines, p.section.heading.range),
        ambitions: p.children.map(ambition),
        findings: count(findings, range),
      });
    }
    overview.looseAmbitions = plan.looseAmbitions.map(ambition);
  }
  overview.matrix = matrix(lv.length === 1 ? plan.parts : allAmbitions(plan), lines);
  const followUp = followUpView(plan, undefined, options.followUpYear);
  if (followUp.used) overview.followUp = followUp;
  return overview;
}

function matrix(ambitions: Ambition[], lines: LineIndex): PlanOverview['matrix'] {
  const bodies = new Map<string, MatrixBody>();
  const rows: MatrixRow[] = [];
  for (const m of ambitions) {
    const row: MatrixRow = {
      ambition: m.number ?? m.section.heading.text,
      title: m.title,
      loc: locOf(lines, m.section.heading.range),
      cells: {},
      withoutActor: 0,
    };
    const cell = (name: string) => (row.cells[name] ??= { actions: 0, ansvar: false, locs: [] });
    for (const act of unitActions(m)) {
      if (!act.actor) {
        row.withoutActor++;
        continue;
      }
      const b = act.actor.body;
      if (!bodies.has(b.name)) bodies.set(b.name, { name: b.name, kind: b.kind, collective: !!b.collective });
      const c = cell(b.name);
      c.actions++;
      c.locs.push(locOf(lines, act.actor.range));
    }
    for (const l of m.ansvar)
      for (const mention of l.mentions) {
        const name = mention.body?.name ?? mention.text;
        if (!bodies.has(name)) bodies.set(name, { name, kind: mention.body?.kind ?? '', collective: !!mention.body?.collective, unknown: !mention.body });
        const c = cell(name);
        c.ansvar = true;
        c.locs.push(locOf(lines, mention.range));
      }
    rows.push(row);
  }
  // Named bodies first, by how many actions they lead; collective actors apart, at the end.
  const total = (name: string) => rows.reduce((n, r) => n + (r.cells[name]?.actions ?? 0), 0);
  const sorted = [...bodies.values()].sort(
    (a, b) => Number(a.collective) - Number(b.collective) || total(b.name) - total(a.name) || a.name.localeCompare(b.name, 'sv'),
  );
  return { bodies: sorted, rows };
}

// ---------------------------------------------------------------- export for follow-up systems

export interface PlanExport {
  /** 2 added indicators, statuses and comments; everything of version 1 is unchanged. */
  formatVersion: 2;
  generator: string;
  exported: string;
  document: {
    type?: string;
    title?: string;
    frontMatter: Record<string, string>;
    validity: { from?: string; to?: string; status: ValidityStatus };
  };
  parts: Array<{ number?: number; title: string; ambitions: ExportAmbition[] }>;
  looseAmbitions: ExportAmbition[];
  findings: Array<{ code: string; severity: Severity; message: string; line: number; column: number }>;
}

export interface ExportAmbition {
  number?: string;
  title: string;
  /** Subsection text by the template's subsection id (varfor, vad, hur …). */
  texts: Record<string, { label: string; text: string }>;
  actions: Array<{
    text: string;
    actor?: string;
    collective?: boolean;
    subItems: string[];
    line: number;
    /** The status in force (the status line's, else the task box's), by the template's id and label. */
    status?: { id: string; label: string; date?: string };
    /** The task box: ticked or not; absent without one. */
    checked?: boolean;
    comment?: string;
  }>;
  indicators: Array<Omit<ViewIndicator, 'loc'> & { line: number }>;
  responsibleBodies: string[];
  line: number;
}

/** Whether the action's i-th nested point is its status or comment line (not a point of its own). */
function isFollowUpItem(f: ReturnType<typeof collectFollowUp>['units'][number]['actions'][number], i: number): boolean {
  const sub = f.action.item?.children.filter((c) => c.type === 'list').flatMap((l) => l.children)[i];
  if (!sub?.position) return false;
  const start = sub.position.start.offset ?? -1;
  const end = sub.position.end.offset ?? -1;
  const inside = (r?: { start: number }) => !!r && r.start >= start && r.start <= end;
  return inside(f.status?.lineRange) || inside(f.comment?.lineRange);
}

function sectionText(s: SectionNode): string {
  return sectionBlocksDeep(s)
    .map((b) => plainText(b).trim())
    .filter(Boolean)
    .join('\n\n');
}

/** The plan model for follow-up systems (documented in docs/plan-export.schema.json). */
export function exportPlan(analysis: Analysis, today: string, generator = 'plan-lsp'): PlanExport {
  const o = planOverview(analysis, today);
  const { plan } = analysis;
  const lines = plan.md.lines;
  const fu = collectFollowUp(plan);
  const fuByAction = new Map(fu.units.flatMap((u) => u.actions.map((x) => [x.action, x] as const)));
  const fuByUnit = new Map(fu.units.map((u) => [u.unit, u]));
  const amb = (a: Ambition): ExportAmbition => {
    const texts: ExportAmbition['texts'] = {};
    for (const s of a.subsections) texts[s.spec.id] = { label: s.spec.label, text: sectionText(s.section) };
    const responsible: string[] = [];
    for (const act of unitActions(a)) if (act.actor && !responsible.includes(act.actor.body.name)) responsible.push(act.actor.body.name);
    for (const l of a.ansvar) for (const m of l.mentions) if (!responsible.includes(m.body?.name ?? m.text)) responsible.push(m.body?.name ?? m.text);
    return {
      number: a.number,
      title: a.title,
      texts,
      actions: unitActions(a).map((act) => {
        const f = fuByAction.get(act);
        return {
          text: act.text,
          actor: act.actor?.body.name,
          collective: act.actor?.body.collective || undefined,
          subItems: f ? act.subItems.filter((_, i) => !isFollowUpItem(f, i)) : act.subItems,
          line: lines.positionAt(act.range.start).line + 1,
          status: f?.effective ? { id: f.effective.id, label: f.effective.label, date: f.status?.date } : undefined,
          checked: f?.checked,
          comment: f?.comment?.text || undefined,
        };
      }),
      indicators: (fuByUnit.get(a)?.indicators ?? []).map((i) => {
        const { loc, ...rest } = viewIndicator(i, lines);
        return { ...rest, line: loc.line + 1 };
      }),
      responsibleBodies: responsible,
      line: lines.positionAt(a.section.heading.range.start).line + 1,
    };
  };
  const frontMatter: Record<string, string> = {};
  for (const e of plan.frontMatter?.entries ?? []) frontMatter[e.key] = e.valueText;
  return {
    formatVersion: 2,
    generator,
    exported: today,
    document: { type: plan.documentType, title: o.title, frontMatter, validity: o.validity },
    parts: plan.parts.map((p) => ({ number: p.numbers[0], title: p.title, ambitions: p.children.map(amb) })),
    looseAmbitions: plan.looseAmbitions.map(amb),
    findings: o.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, line: f.loc.line + 1, column: f.loc.character + 1 })),
  };
}
