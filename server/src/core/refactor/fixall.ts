/**
 * Fix all: every safe quick fix at once (the `source.fixAll.plan` code action, also on save). A fix
 * is safe when it has one right answer that needs no judgement and adds no new finding; the list
 * below names them, with why. Guesses ("did you mean …"), empty sections and headings (which are
 * findings of their own), other wording, and numbers (which references depend on; see
 * renumber.ts) are left to the writer.
 */
import { analyze, type AnalyzeOptions } from '../index';
import { fixesForFinding, type TextEdit } from '../fixes';
import type { Finding } from '../findings';

/** The codes whose preferred fix fix-all applies, and why each is safe. */
export const SAFE_FIXES: ReadonlyMap<string, string> = new Map([
  ['plan.style.year-range', 'A year range written with a hyphen gets the en dash: the same years.'],
  ['plan.style.skall', '“skall” becomes “ska”: the same word in today’s form.'],
  ['plan.toc.title-mismatch', 'An Innehåll entry gets its heading’s wording; the heading is what the reader finds.'],
  ['plan.toc.missing-entry', 'A heading missing from Innehåll gets its entry; nothing else changes.'],
]);

/** The preferred fixes' edits of the safe findings, without overlaps, inserts at one place kept in order. */
export function safeEdits(text: string, findings: Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const f of findings) {
    if (!SAFE_FIXES.has(f.code)) continue;
    const fix = fixesForFinding(text, f).find((x) => x.preferred);
    if (fix) chosen.push(...fix.edits);
  }
  chosen.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const out: TextEdit[] = [];
  for (const e of chosen) {
    const last = out[out.length - 1];
    if (last && e.range.start === e.range.end && last.range.start === e.range.start && last.range.end === e.range.end) {
      // Several entries inserted at one place: one edit, in the order of the findings.
      if (!last.newText.includes(e.newText)) last.newText += e.newText;
      continue;
    }
    if (last && (e.range.start < last.range.end || (e.range.start === last.range.start && e.range.start !== e.range.end))) continue;
    out.push({ range: { ...e.range }, newText: e.newText });
  }
  return out;
}

/** The text with the edits applied (non-overlapping, in any order). */
export function applyAll(text: string, edits: TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.range.start - b.range.start)) {
    out += text.slice(at, e.range.start) + e.newText;
    at = Math.max(at, e.range.end);
  }
  return out + text.slice(at);
}

/** How many rounds fix-all makes at most (a fix may bring out another: an entry added, then its wording). */
const ROUNDS = 8;

function counts(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(f.code, (m.get(f.code) ?? 0) + 1);
  return m;
}

/** Whether `after` has fewer findings of the safe codes than `before`, and no more of any code. */
function better(before: Finding[], after: Finding[]): boolean {
  const b = counts(before);
  const a = counts(after);
  for (const [code, n] of a) if (n > (b.get(code) ?? 0)) return false;
  const safe = (m: Map<string, number>) => [...SAFE_FIXES.keys()].reduce((sum, code) => sum + (m.get(code) ?? 0), 0);
  return safe(a) < safe(b);
}

/** How long (ms) fix-all may go on analysing once it has made one round: a very large document gets what one round gives. */
export const FIX_ALL_BUDGET_MS = 5000;

/**
 * The edits of fix-all on a text: the safe fixes of its findings, kept only when the text then has
 * fewer findings of the safe codes and no more of any code (an entry added where Innehåll does not
 * read it, in a damaged document, is not kept). All safe fixes are tried together first, and a code
 * at a time when that does not improve the text; then again on the result until nothing improves.
 * Running it on its own result therefore changes nothing. One round's edits are returned as they
 * are; after more rounds, one edit replaces the span that changed.
 */
export function fixAll(text: string, options: AnalyzeOptions, first?: Finding[]): TextEdit[] {
  const started = Date.now();
  let current = text;
  let findings = first ?? analyze(text, options).findings;
  let only: TextEdit[] | undefined;
  let rounds = 0;
  /** Applies the edits when they improve the text. */
  const attempt = (edits: TextEdit[]): boolean => {
    if (!edits.length) return false;
    const next = applyAll(current, edits);
    const after = analyze(next, options).findings;
    if (!better(findings, after)) return false;
    only = rounds === 0 ? edits : undefined;
    rounds++;
    current = next;
    findings = after;
    return true;
  };
  for (let round = 0; round < ROUNDS && (round === 0 || Date.now() - started < FIX_ALL_BUDGET_MS); round++) {
    const all = safeEdits(current, findings);
    if (!all.length) break;
    if (attempt(all)) continue;
    let changed = false;
    for (const code of SAFE_FIXES.keys())
      changed =
        attempt(
          safeEdits(
            current,
            findings.filter((f) => f.code === code),
          ),
        ) || changed;
    if (!changed) break;
  }
  if (current === text) return [];
  return only && applyAll(text, only) === current ? only : [spanEdit(text, current)];
}

/** One edit from `a` to `b`: the span between their common start and common end. */
export function spanEdit(a: string, b: string): TextEdit {
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return { range: { start, end: endA }, newText: b.slice(start, endB) };
}
