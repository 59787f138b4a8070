/**
 * Quick fixes, read back from a finding's code and data. An edit only inserts text or replaces the
 * finding's own range with a suggestion: the writer's other text is never touched.
 */
import type { Finding } from './findings';
import { q, t } from './l10n';
import { CODES_BY_NAME } from './rules/index';
import { lineEnding, type OffsetRange } from './text';

export interface TextEdit {
  range: OffsetRange;
  newText: string;
}

export interface Fix {
  title: string;
  /** The finding it fixes. */
  finding: Finding;
  edits: TextEdit[];
  preferred?: boolean;
}

function oneLine(s: string): string {
  const line = s.trim().split('\n')[0];
  return line.length > 60 ? line.slice(0, 57) + '…' : line;
}

/** The fixes for the findings that touch `range` (offsets), in the order of the findings. */
export function fixesFor(text: string, findings: Finding[], range: OffsetRange): Fix[] {
  const out: Fix[] = [];
  for (const f of findings) {
    if (f.range.end < range.start || f.range.start > range.end) continue;
    out.push(...fixesForFinding(text, f));
  }
  return out;
}

export function fixesForFinding(text: string, f: Finding): Fix[] {
  const d = f.data;
  if (!d) return [];
  const fixes: Fix[] = [];
  const spec = CODES_BY_NAME.get(f.code);
  if (spec?.fixes?.includes('insert') && typeof d.insertText === 'string' && typeof d.insertAt === 'number' && d.insertAt >= 0 && d.insertAt <= text.length) {
    // Keep what surrounds the insertion on its own lines.
    let newText = d.insertText;
    if (d.insertAt > 0 && !/[\r\n]/.test(text[d.insertAt - 1]) && !newText.startsWith('\n')) newText = '\n' + newText;
    // In the document's own line endings (CRLF from Windows, CR alone from old Mac files).
    const eol = lineEnding(text);
    if (eol !== '\n') newText = newText.replace(/\r?\n/g, eol);
    const title = spec.insertTitle ? spec.insertTitle(d) : t('Insert {0}', q(oneLine(d.insertText.replace(/^[#\s]+/, ''))));
    fixes.push({ title, finding: f, edits: [{ range: { start: d.insertAt, end: d.insertAt }, newText }], preferred: true });
  }
  if (spec?.fixes?.includes('replace')) {
    const options = [...new Set([d.replacement, ...(d.suggestions ?? [])].filter((x): x is string => typeof x === 'string' && x.length > 0))];
    const current = text.slice(f.range.start, f.range.end);
    // An Innehåll entry written as a link is left alone: replacing it would drop the link.
    // Nor one pasted from Word with dot leaders and a page number.
    if (f.code === 'plan.toc.title-mismatch' && (/[[\]()]/.test(current) || /\.{2,}|\t/.test(current))) return fixes;
    options.slice(0, 3).forEach((option, i) => {
      if (option === current) return;
      const title = spec.replaceTitle && option === d.replacement ? spec.replaceTitle(d) : t('Replace with {0}', q(option));
      fixes.push({ title, finding: f, edits: [{ range: f.range, newText: option }], preferred: i === 0 });
    });
  }
  return fixes;
}

/** Applies edits (non-overlapping) to a text: for tests and the command line. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}
