/**
 * The follow-up of one action: its GFM task box, a `Status:` line (a value of the template's and a
 * date) and a `Kommentar:` line, written as nested points under the action or as lines of its
 * paragraph:
 *
 *     - [x] Nämnden ska ta fram en strategi.
 *       - Status: klar (2025-11-30)
 *       - Kommentar: Antagen i november.
 */
import type { Paragraph } from 'mdast';
import type { Action } from '../model';
import { rangeOf } from '../parse';
import { escapeRe, trimEndWhere, type OffsetRange } from '../text';
import { splitLines, trimTrailing } from './indicators';
import { doneStatus, statusByText, type ResolvedFollowUp, type StatusSpec } from './spec';

export interface StatusLine {
  /** The value as written, without the date ("pågår"). */
  text: string;
  spec?: StatusSpec;
  /** The date as written, if any. */
  date?: string;
  /** The status line from its label to its end. */
  lineRange: OffsetRange;
  /** The value and the date: what a new status replaces. */
  valueRange: OffsetRange;
  textRange: OffsetRange;
  dateRange?: OffsetRange;
}

export interface CommentLine {
  text: string;
  lineRange: OffsetRange;
  valueRange: OffsetRange;
}

export interface ActionFollowUp {
  action: Action;
  /** The task box: true for `[x]`, false for `[ ]`, undefined without one. */
  checked?: boolean;
  /** The character inside the box (` ` or `x`). */
  boxAt?: number;
  status?: StatusLine;
  comment?: CommentLine;
  /** The status in force: the status line's when it names one, else the task box's. */
  effective?: StatusSpec;
  /** Where new nested lines go (the end of the action's first paragraph), and their indentation. */
  insertAt: number;
  indent: string;
}

const BOLD = '(?:\\*\\*|__)?';

const labelPatterns = new Map<string, RegExp>();

/** A label's line opening (`**Status:** `), compiled once per label (not global: `exec` keeps no state). */
export function labelPattern(label: string): RegExp {
  let re = labelPatterns.get(label);
  if (!re) labelPatterns.set(label, (re = new RegExp(`^\\s*${BOLD}${escapeRe(label)}${BOLD}\\s*:\\s*${BOLD}\\s*`, 'iu')));
  return re;
}

/** Candidate lines of a list item: the first paragraph's later lines, later paragraphs' lines, nested points' first lines. */
function itemLines(action: Action, text: string): Array<{ text: string; start: number }> {
  const li = action.item;
  if (!li) return [];
  const out: Array<{ text: string; start: number }> = [];
  li.children.forEach((c, i) => {
    if (c.type === 'paragraph') {
      const r = rangeOf(c);
      out.push(...splitLines(text.slice(r.start, r.end), r.start).slice(i === 0 ? 1 : 0));
    } else if (c.type === 'list')
      for (const sub of c.children) {
        const p = sub.children.find((x): x is Paragraph => x.type === 'paragraph');
        if (!p) continue;
        const r = rangeOf(p);
        out.push(splitLines(text.slice(r.start, r.end), r.start)[0]);
      }
  });
  return out;
}

/** A date at the end of a status line: `(2025-06-30)`, `, 2025-06-30`, `2025-06-30.` (matched on the line's last characters only). */
/** What may stand between a status's words and its date: space, punctuation, an opening bracket or a dash. */
const SEPARATORS = new Set([...',.;:(–—-'].map((c) => c.charCodeAt(0)));

const DATE_AT_END = /(\d[\d\-/.]{0,20}\d)\s{0,3}\)?\.?$/u;

function readStatus(line: { text: string; start: number }, head: RegExpExecArray, fu: ResolvedFollowUp): StatusLine {
  const valueStart = line.start + head[0].length;
  const rest = trimTrailing(line.text.slice(head[0].length));
  const valueRange = { start: valueStart, end: valueStart + rest.length };
  const tailAt = Math.max(0, rest.length - 30);
  const tail = DATE_AT_END.exec(rest.slice(tailAt));
  const d = tail && { index: tailAt + tail.index, 0: tail[0], 1: tail[1] };
  const words = trimEndWhere(d ? rest.slice(0, d.index) : rest, (c) => c <= 32 || c === 0xa0 || SEPARATORS.has(c));
  const st: StatusLine = {
    text: words,
    spec: statusByText(fu.statuses, words),
    lineRange: { start: line.start + (line.text.length - line.text.trimStart().length), end: valueRange.end },
    valueRange,
    textRange: { start: valueStart, end: valueStart + words.length },
  };
  if (d) {
    const at = valueStart + d.index + d[0].indexOf(d[1]);
    st.date = d[1];
    st.dateRange = { start: at, end: at + d[1].length };
  }
  return st;
}

/** The prefix of the line an action starts on, as spaces (blockquote markers kept): the indentation of its nested points. */
function indentOf(text: string, at: number): string {
  let ls = at;
  while (ls > 0 && text[ls - 1] !== '\n' && text[ls - 1] !== '\r') ls--;
  const m = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+/.exec(text.slice(ls, at + 1));
  return m ? m[0].replace(/[^\t>]/g, ' ') : '  ';
}

export function actionFollowUp(action: Action, text: string, fu: ResolvedFollowUp): ActionFollowUp {
  const li = action.item;
  const firstPara = li?.children.find((x): x is Paragraph => x.type === 'paragraph');
  const out: ActionFollowUp = {
    action,
    insertAt: firstPara ? rangeOf(firstPara).end : action.range.end,
    indent: indentOf(text, li ? rangeOf(li).start : action.range.start),
  };
  if (typeof li?.checked === 'boolean') {
    out.checked = li.checked;
    // The box is the first [ ] / [x] after the marker.
    const r = li ? rangeOf(li) : action.range;
    const m = /\[([ xX])\]/.exec(text.slice(r.start, Math.min(r.end, r.start + 40)));
    if (m) out.boxAt = r.start + m.index + 1;
  }
  const statusRe = labelPattern(fu.statusLabel);
  const commentRe = labelPattern(fu.commentLabel);
  for (const line of itemLines(action, text)) {
    const s = !out.status && statusRe.exec(line.text);
    if (s) {
      out.status = readStatus(line, s, fu);
      continue;
    }
    const c = !out.comment && commentRe.exec(line.text);
    if (c) {
      const rest = line.text.slice(c[0].length).trimEnd();
      const start = line.start + c[0].length;
      out.comment = {
        text: trimTrailing(rest),
        lineRange: { start: line.start + (line.text.length - line.text.trimStart().length), end: start + rest.length },
        valueRange: { start, end: start + rest.length },
      };
    }
  }
  out.effective = out.status?.spec ?? (out.checked === true ? doneStatus(fu.statuses) : out.checked === false ? fu.statuses[0] : undefined);
  return out;
}
