/**
 * The first page's header: a table of labels and values ("Dokumenttyp | Plan", a cell with
 * "Beslutad av" over "Fullmäktige", a row of labels over a row of values) or "Label: value"
 * paragraphs before the first heading. Which texts are labels is the caller's (the templates'
 * front-matter keys); the header's nodes are taken out of the tree, and what in them is not a
 * pair stays in the text as paragraphs.
 */
import type { Element, Root, RootContent } from 'hast';
import { cellParagraphs, childElements, cleanText, isElement, tableRows } from './hast';

export interface HeaderPair {
  label: string;
  value: string;
  /** Whether the label is one of the known ones (else it came from a table that held known ones). */
  known: boolean;
}

export interface HeaderResult {
  pairs: HeaderPair[];
  /** Texts of the header that are not label–value pairs: kept in the document. */
  leftovers: string[];
}

/** How many paragraphs at the start of a document may hold "Label: value" fields. */
const FIELD_SCAN = 30;
const LABEL_VALUE = /^([^:]{1,60}?)\s*:\s*(.+)$/s;

/**
 * Finds the header in the top of the document (before the first heading below the title),
 * removes it from `root` and returns its pairs. `isLabel` says whether a text names a field.
 */
export function takeHeader(root: Root, isLabel: (text: string) => boolean): HeaderResult {
  const result: HeaderResult = { pairs: [], leftovers: [] };
  const top: RootContent[] = [];
  let h1 = 0;
  for (const c of root.children) {
    if (isElement(c, ['h2', 'h3', 'h4', 'h5', 'h6']) || (isElement(c, 'h1') && ++h1 > 1)) break;
    top.push(c);
    if (top.length >= FIELD_SCAN) break;
  }
  const table = top.find((c): c is Element => isElement(c, 'table') && tablePairs(c, isLabel).pairs.some((p) => p.known));
  if (table) {
    const found = tablePairs(table, isLabel);
    result.pairs.push(...found.pairs);
    result.leftovers.push(...found.leftovers);
    const at = root.children.indexOf(table);
    root.children.splice(
      at,
      1,
      ...found.leftovers.map((text): Element => ({ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: text }] })),
    );
  }
  for (const c of top) {
    if (!isElement(c, 'p')) continue;
    const m = LABEL_VALUE.exec(cleanText(c));
    if (!m || !isLabel(m[1])) continue;
    result.pairs.push({ label: m[1].trim(), value: m[2].trim(), known: true });
    root.children.splice(root.children.indexOf(c), 1);
  }
  return result;
}

function tablePairs(table: Element, isLabel: (text: string) => boolean): HeaderResult {
  const pairs: HeaderPair[] = [];
  const leftovers: string[] = [];
  const rows = tableRows(table).map((r) => childElements(r, ['td', 'th']).map(cellParagraphs));
  const labelOnly = (cell: string[]) => cell.length === 1 && isLabel(cell[0]);
  const knownRows = rows.filter((r) => r.length === 2 && labelOnly(r[0]) && !labelOnly(r[1])).length;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const next = rows[i + 1];
    // A row of labels over a row of values (not over another row of labels: "Diarienummer | (empty)" rows).
    if (
      next &&
      row.length > 1 &&
      row.length === next.length &&
      row.every((c) => c.length === 0 || labelOnly(c)) &&
      row.some(labelOnly) &&
      !next.some(labelOnly)
    ) {
      row.forEach((c, j) => {
        if (c.length) pairs.push({ label: c[0], value: next[j].join(', '), known: true });
        else if (next[j].length) leftovers.push(next[j].join(' '));
      });
      i++;
      continue;
    }
    // Label | value, also with an unknown label in a table of known ones.
    if (row.length === 2 && row[0].length === 1 && (labelOnly(row[0]) || (knownRows >= 2 && row[0][0].split(' ').length <= 4 && !labelOnly(row[1])))) {
      pairs.push({ label: row[0][0].replace(/:\s*$/, ''), value: row[1].join(', '), known: isLabel(row[0][0]) });
      continue;
    }
    for (const cell of row) {
      if (!cell.length) continue;
      // A cell with the label over its value.
      if (cell.length >= 2 && isLabel(cell[0])) {
        pairs.push({ label: cell[0].replace(/:\s*$/, ''), value: cell.slice(1).join(', '), known: true });
        continue;
      }
      // "Label: value" in a cell.
      const m = cell.length === 1 ? LABEL_VALUE.exec(cell[0]) : null;
      if (m && isLabel(m[1])) {
        pairs.push({ label: m[1].trim(), value: m[2].trim(), known: true });
        continue;
      }
      // A label with an empty value.
      if (labelOnly(cell)) {
        pairs.push({ label: cell[0].replace(/:\s*$/, ''), value: '', known: true });
        continue;
      }
      leftovers.push(cell.join(' '));
    }
  }
  return { pairs, leftovers };
}
