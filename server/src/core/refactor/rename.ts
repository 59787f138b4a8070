/**
 * Rename a part or an ambition (or a unit of the template's own levels): its number or its title.
 * The heading, the Innehåll entries, every reference ("ambition 1.3") and every link to the heading
 * change with it; a new number also renumbers the units under it (2.1 becomes 5.1 when Del 2
 * becomes Del 5). Only numbers, titles and link targets are replaced: no other text is touched.
 */
import type { TextEdit } from '../fixes';
import { q, t } from '../l10n';
import { allUnits, type PlanModel, type Unit } from '../model';
import { findReferences, foreignReferences, siteAt, UnitIndex, unitSite, type PlanTargets, type Reference } from '../refs';
import { levelNumbering } from '../template';
import { slug, type OffsetRange } from '../text';

/** One unit's change: what other documents need to follow it. */
export interface UnitChange {
  level: number;
  number?: string;
  newNumber?: string;
  title: string;
  newTitle?: string;
}

export interface RenameResult {
  edits: TextEdit[];
  /** The units that change, for the other documents that refer to them. */
  changes: UnitChange[];
  /** Why the rename cannot be made (nothing is changed). */
  error?: string;
}

export interface PrepareResult {
  range: OffsetRange;
  placeholder: string;
}

/** What a rename at `offset` would rename: the number or the title, and its range there; or why nothing can be. */
export function prepareRename(plan: PlanModel, offset: number): PrepareResult | { error: string } {
  const site = siteAt(plan, offset);
  if (!site) return { error: t('Place the cursor on the heading of a part or an ambition, or on a reference to one, to rename it.') };
  if (!site.range) return { error: t('The heading {0} has its number or title in markup; rename it in the text.', q(site.unit.section.heading.text)) };
  return { range: site.range, placeholder: plan.md.text.slice(site.range.start, site.range.end) };
}

/** The edits that give the unit at `offset` the new number or title `newName`. */
export function renameAt(plan: PlanModel, offset: number, newName: string): RenameResult {
  const site = siteAt(plan, offset);
  const fail = (error: string): RenameResult => ({ edits: [], changes: [], error });
  if (!site) return fail(t('Place the cursor on the heading of a part or an ambition, or on a reference to one, to rename it.'));
  const name = newName.trim();
  if (site.part === 'title') {
    if (!name || /[\r\n]/.test(name)) return fail(t('Write the new title on one line.'));
    return renameUnits(plan, new Map([[site.unit, { title: name }]]));
  }
  const u = site.unit;
  if (!u.number || levelNumbering(u.spec) === 'none') return fail(t('{0} has no number to change.', q(u.section.heading.text)));
  if (!/^\d+(?:\.\d+)*$/.test(name) || name.split('.').length !== u.number.split('.').length)
    return fail(t('Write the new number in the form {0}.', u.number.replace(/\d+/g, 'N')));
  const index = new UnitIndex(allUnits(plan));
  if (name !== u.number && index.taken(name, u)) return fail(t('The number {0} is already used.', name));
  return renameUnits(plan, numberChanges(u, name));
}

/** The unit's new number, and its descendants' numbers with the new prefix. */
function numberChanges(u: Unit, number: string): Map<Unit, { number?: string }> {
  const out = new Map<Unit, { number?: string }>([[u, { number }]]);
  const old = u.number!;
  const walk = (x: Unit) => {
    for (const c of x.children) {
      if (c.number && (c.number === old || c.number.startsWith(old + '.'))) out.set(c, { number: number + c.number.slice(old.length) });
      walk(c);
    }
  };
  walk(u);
  return out;
}

/**
 * The edits for new numbers and titles of some units: their headings, their Innehåll entries,
 * the references to them and the links to their headings.
 */
export function renameUnits(plan: PlanModel, wanted: Map<Unit, { number?: string; title?: string }>, refs: Reference[] = findReferences(plan)): RenameResult {
  const text = plan.md.text;
  const edits: TextEdit[] = [];
  const changes: UnitChange[] = [];
  const headingText = new Map<Unit, string>();
  for (const [u, w] of wanted) {
    const site = unitSite(plan, u);
    const local: TextEdit[] = [];
    const number = w.number !== undefined && w.number !== u.number ? w.number : undefined;
    const title = w.title !== undefined && w.title !== u.title ? w.title : undefined;
    if (number !== undefined) {
      if (site.numberRange) local.push({ range: site.numberRange, newText: number });
      else if (!u.number && u.spec.label) {
        // No number yet: it goes after the label ("Del: Namn" → "Del 3: Namn").
        const at = u.section.heading.textRange.start + u.spec.label.length;
        if (text.slice(u.section.heading.textRange.start, at).toLocaleLowerCase('sv') === u.spec.label.toLocaleLowerCase('sv'))
          local.push({ range: { start: at, end: at }, newText: ` ${number}` });
      }
    }
    if (title !== undefined && site.titleRange) local.push({ range: site.titleRange, newText: title });
    if (!local.length && number === undefined && title === undefined) continue;
    edits.push(...local);
    const { start, end } = u.section.heading.textRange;
    headingText.set(u, applyWithin(text, start, end, local));
    changes.push({ level: u.level, number: u.number, newNumber: number, title: u.title, newTitle: title });
  }
  const byUnit = new Map([...wanted].map(([u, w]) => [u, w]));
  for (const r of refs) {
    const w = byUnit.get(r.unit);
    if (!w) continue;
    if (r.kind === 'anchor') {
      const now = headingText.get(r.unit);
      if (now !== undefined && slug(now) !== r.anchor) edits.push({ range: r.range, newText: slug(now) });
      continue;
    }
    if (w.number !== undefined && r.numberRange && w.number !== r.unit.number) edits.push({ range: r.numberRange, newText: w.number });
    if (w.title !== undefined && r.titleRange && w.title !== r.unit.title) edits.push({ range: r.titleRange, newText: w.title });
  }
  return { edits: dedupe(edits), changes };
}

/** The text from `start` to `end` with the edits inside it applied. */
function applyWithin(text: string, start: number, end: number, edits: TextEdit[]): string {
  let out = '';
  let at = start;
  for (const e of [...edits].sort((a, b) => a.range.start - b.range.start)) {
    out += text.slice(at, e.range.start) + e.newText;
    at = e.range.end;
  }
  return out + text.slice(at, end);
}

/** Edits in order, without repeats and without overlaps (the first wins). */
export function dedupe(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last.range.start === e.range.start && last.range.end === e.range.end && last.newText === e.newText) continue;
    if (last && e.range.start < last.range.end) continue;
    out.push(e);
  }
  return out;
}

/** The edits in another document's text that follow `changes` of the plan described by `targets`. */
export function foreignRenameEdits(text: string, targets: PlanTargets, changes: UnitChange[]): TextEdit[] {
  const byKey = new Map(changes.filter((c) => c.number).map((c) => [`${c.level}:${c.number}`, c]));
  const edits: TextEdit[] = [];
  for (const r of foreignReferences(text, targets)) {
    const c = byKey.get(`${r.level}:${r.number}`);
    if (!c) continue;
    if (c.newNumber !== undefined) edits.push({ range: r.numberRange, newText: c.newNumber });
    if (c.newTitle !== undefined && r.titleRange) edits.push({ range: r.titleRange, newText: c.newTitle });
  }
  return dedupe(edits);
}
