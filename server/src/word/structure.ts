/**
 * The template's structure in an imported document: the title, the template's sections, its
 * levels of units (parts, items … by label, named headings or position) and their subsections,
 * recognised with the patterns the checker uses (core/plan.ts), written in the template's form
 * ("Ambition 1.2. Namn") at the template's heading depths (as a new document from the template
 * has them, core/skeleton.ts). Headings that match nothing keep their place in the tree and are
 * reported. Works on mdast; never drops or reorders text.
 */
import type { Heading, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { matchesSectionSpec, patternsFor, sectionKey } from '../core/plan';
import { levelMatch, levelNumbering, levels, type LevelSpec, type Template } from '../core/template';
import { q, t } from '../core/l10n';

export interface StructureResult {
  /** The title heading's text, if there is one. */
  title?: string;
  notes: string[];
}

interface Context {
  depth: number;
  /** The heading's depth in the Word document. */
  orig: number;
}

interface UnitContext extends Context {
  level: number;
  number?: string;
}

/** How well a template fits the headings: sections, units and subsections it recognises. */
export function templateScore(root: Root, template: Template): number {
  const pat = patternsFor(template);
  let score = 0;
  for (const h of headings(root)) {
    const text = toString(h).normalize('NFC').trim();
    if (template.sections.some((s) => s.kind !== 'parts' && matchesSectionSpec(s, text))) score += 2;
    else if (pat.levels.some((l) => l.labelled?.test(text) || l.names?.includes(sectionKey(text)))) score += 2;
    else if (pat.levels.some((l) => l.sub.some((s) => s.re.test(text)))) score += 1;
  }
  return score;
}

function headings(root: Root): Heading[] {
  return root.children.filter((c): c is Heading => c.type === 'heading');
}

/** Applies the template's structure to the headings of `root` (in place). */
export function applyStructure(root: Root, template: Template, options: { nestUnknown: boolean }): StructureResult {
  const pat = patternsFor(template);
  const levelList = levels(template);
  const base = levelList[0] && levelMatch(levelList[0]) === 'any' ? 3 : 2;
  const result: StructureResult = { notes: [] };
  const units: UnitContext[] = [];
  let last: Context | undefined;
  let container: Context | undefined;
  let titleDone = false;
  const unknown: string[] = [];
  /** Unit headings written in the template's form: the Word text's key → the new text. */
  const renamed = new Map<string, string>();

  for (const h of headings(root)) {
    const orig = h.depth;
    normalizeText(h);
    const text = toString(h).trim();
    const section = template.sections.find((s) => s.kind !== 'parts' && matchesSectionSpec(s, text));
    const unit = section ? undefined : matchUnit(text);
    const sub = section || unit ? undefined : matchSub(text);

    if (!titleDone && !section && !unit && sub === undefined && (orig === 1 || !last)) {
      titleDone = true;
      h.depth = 1;
      result.title = text;
      continue;
    }
    titleDone = true;
    if (section) {
      setDepth(h, 2);
      units.length = 0;
      container = undefined;
      last = { depth: 2, orig };
      continue;
    }
    if (unit) {
      // Under a heading that gathers the parts ("Fokusområden"), one level deeper.
      const depth = Math.min(6, base + unit.level + (container && levelMatch(levelList[0]) !== 'any' ? 1 : 0));
      setDepth(h, depth);
      units.length = unit.level;
      const ctx: UnitContext = { depth, orig, level: unit.level, number: unit.number };
      units.push(ctx);
      last = ctx;
      // An Innehåll line with the label ("Del 1 – Växa") follows its heading; bare numbers ("1.1 Skola") the checker reads as they are.
      if (unit.rewrite && rewritePrefix(h, unit.rewrite.drop, unit.rewrite.prefix) && /^\p{L}/u.test(text)) renamed.set(tocKey(text), toString(h));
      continue;
    }
    if (sub !== undefined) {
      const owner = units[sub];
      setDepth(h, Math.min(6, owner.depth + 1));
      units.length = sub + 1;
      last = { depth: owner.depth + 1, orig };
      continue;
    }
    const partsSpec = template.sections.find((s) => s.kind === 'parts');
    if (partsSpec && matchesSectionSpec(partsSpec, text)) {
      setDepth(h, 2);
      units.length = 0;
      container = { depth: 2, orig };
      last = container;
      continue;
    }
    // Any heading under the parts section is a unit of a level recognised by position.
    if (container && levelList[0] && levelMatch(levelList[0]) === 'any' && orig > container.orig && (!units[0] || orig <= units[0].orig)) {
      setDepth(h, base);
      units.length = 0;
      const ctx: UnitContext = { depth: base, orig, level: 0 };
      units.push(ctx);
      last = ctx;
      continue;
    }
    const depth = !last ? Math.max(2, orig) : options.nestUnknown ? last.depth + 1 : last.depth + (orig - last.orig);
    setDepth(h, Math.min(6, Math.max(2, depth)));
    unknown.push(text);
  }
  renameTocLines(root, template, renamed);
  if (unknown.length)
    result.notes.push(
      t('These headings match nothing in the template {0} and are kept as they are: {1}.', q(template.id), unknown.map((u) => q(u)).join(', ')),
    );
  return result;

  /** The unit heading `text` is, by label ("Del 1. Namn"), by number under its parent ("1.2 Namn") or by name. */
  function matchUnit(text: string): { level: number; number?: string; rewrite?: { drop: number; prefix: string } } | undefined {
    for (let level = 0; level < pat.levels.length; level++) {
      const lp = pat.levels[level];
      const spec = levelList[level];
      const m = lp.labelled?.exec(text) ?? (level > 0 && units[level - 1] ? bareMatch(lp.bare, text, level) : null);
      if (m) {
        const number = m[1];
        const title = m[2].trim();
        return { level, number, rewrite: { drop: text.length - m[2].length, prefix: formPrefix(spec, number, title) } };
      }
      if (lp.names?.length && lp.names.includes(sectionKey(text))) return { level };
    }
    return undefined;
  }

  function bareMatch(re: RegExp | undefined, text: string, level: number): RegExpExecArray | null {
    const m = re?.exec(text);
    return m && m[1].split('.').length === level + 1 ? m : null;
  }

  /** The level of the unit whose subsection `text` is (the nearest unit that has it). */
  function matchSub(text: string): number | undefined {
    for (let i = units.length - 1; i >= 0; i--) if (units[i] && pat.levels[units[i].level]?.sub.some((s) => s.re.test(text))) return i;
    return undefined;
  }
}

/** The template's form of a unit heading's start: "Del 1. ", "Insats: ". */
function formPrefix(level: LevelSpec, number: string | undefined, title: string): string {
  const label = level.label ?? '';
  if (!title) return number ? `${label} ${number}.` : label;
  if (number) return label ? `${label} ${number}. ` : `${number}. `;
  return label ? (levelNumbering(level) === 'none' ? `${label}: ` : `${label} `) : '';
}

function setDepth(h: Heading, depth: number): void {
  h.depth = Math.min(6, Math.max(1, depth)) as Heading['depth'];
}

/** Composes the heading's text (NFC) and trims it, so that patterns and offsets agree. */
function normalizeText(h: Heading): void {
  const texts: Array<{ type: 'text'; value: string }> = [];
  const walk = (n: RootContent | PhrasingContent) => {
    if (n.type === 'text') texts.push(n);
    else if ('children' in n) for (const c of n.children as PhrasingContent[]) walk(c);
  };
  for (const c of h.children) walk(c);
  for (const tx of texts) tx.value = tx.value.normalize('NFC').replace(/\s+/g, ' ');
  if (texts[0]) texts[0].value = texts[0].value.trimStart();
  if (texts.length) texts[texts.length - 1].value = texts[texts.length - 1].value.trimEnd();
}

/** A heading's or an Innehåll line's text as a key: white space folded, the page number after a tab left out. */
function tocKey(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\t[\t ]*\d{1,3}[\t ]*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The lines of an Innehåll that read exactly as a unit heading with its label did in the Word file
 * ("Del 1 – Växa") are written as the heading now is ("Del 1. Växa"), so that the import does not
 * make them disagree; a line that differed from its heading in Word still differs.
 */
function renameTocLines(root: Root, template: Template, renamed: Map<string, string>): void {
  if (!renamed.size) return;
  const toc = template.sections.filter((s) => s.kind === 'toc');
  let inToc = false;
  const visit = (n: RootContent) => {
    if (n.type === 'paragraph') {
      const only = n.children.length === 1 ? n.children[0] : undefined;
      if (only?.type !== 'text') return;
      const to = renamed.get(tocKey(only.value));
      const page = /\t[\t ]*\d{1,3}[\t ]*$/.exec(only.value)?.[0] ?? '';
      if (to !== undefined) only.value = to + page;
    } else if (n.type === 'list' || n.type === 'listItem') for (const c of n.children) visit(c);
  };
  for (const c of root.children) {
    if (c.type === 'heading') inToc = toc.some((s) => matchesSectionSpec(s, toString(c).trim()));
    else if (inToc) visit(c);
  }
}

/** Replaces the first `drop` characters of the heading's text by `prefix`, keeping the inline markup after them; whether it did. */
function rewritePrefix(h: Heading, drop: number, prefix: string): boolean {
  let left = drop;
  const out: PhrasingContent[] = [];
  for (const c of h.children) {
    if (left > 0 && c.type === 'text') {
      const cut = Math.min(left, c.value.length);
      left -= cut;
      if (cut < c.value.length) out.push({ ...c, value: c.value.slice(cut) });
      continue;
    }
    if (left > 0) {
      // The prefix runs into markup (a bold number): leave the heading as it was written.
      return false;
    }
    out.push(c);
  }
  h.children = [{ type: 'text', value: prefix }, ...out];
  return true;
}
