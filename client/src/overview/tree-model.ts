/**
 * The Planstruktur tree as plain data, made from the server's PlanOverview: sections and parts in
 * document order, parts → ambitions → Varför/Vad/Hur. No `vscode` import: the provider
 * (structure.ts) turns nodes into TreeItems, the unit tests check the shape.
 */
import type { Loc, OverviewAmbition, OverviewSubsection, PlanOverview, SeverityCounts } from '../../../server/src/protocol';

/** pass: fine; warning / error: by the findings within; missing: a subsection that is not there. */
export type NodeStatus = 'pass' | 'warning' | 'error' | 'missing';

export interface StructureNode {
  /** Unique within one tree and stable across edits that do not rename headings. */
  id: string;
  kind: 'section' | 'part' | 'loose' | 'ambition' | 'subsection';
  label: string;
  description: string;
  tooltip?: string;
  status?: NodeStatus;
  loc?: Loc;
  children: StructureNode[];
}

/** vscode.l10n.t or a stand-in: English source text with {0} arguments. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

const SEP = ' · ';

function statusOf(c: SeverityCounts): NodeStatus {
  return c.error > 0 ? 'error' : c.warning > 0 ? 'warning' : 'pass';
}

/** Findings and hints counted apart: hints show in the text and the overview, not in the Problems panel. */
function findingsText(c: SeverityCounts, t: Translate): string | undefined {
  const n = c.error + c.warning + c.information;
  const findings = n ? (n === 1 ? t('{0} finding', n) : t('{0} findings', n)) : undefined;
  const hints = c.hint ? (c.hint === 1 ? t('{0} hint', c.hint) : t('{0} hints', c.hint)) : undefined;
  return findings && hints ? `${findings}, ${hints}` : (findings ?? hints);
}

function actionsText(n: number, t: Translate): string {
  return n === 1 ? t('{0} action', n) : t('{0} actions', n);
}

function join(parts: Array<string | undefined>): string {
  return parts.filter((p): p is string => !!p).join(SEP);
}

function subsectionNode(s: OverviewSubsection, parentId: string, t: Translate): StructureNode {
  const byFindings = s.findings ? statusOf(s.findings) : 'pass';
  const status: NodeStatus = !s.present ? 'missing' : byFindings !== 'pass' ? byFindings : s.empty ? 'warning' : 'pass';
  const description = !s.present ? t('missing') : s.empty ? t('empty') : s.actions !== undefined ? actionsText(s.actions, t) : '';
  return { id: `${parentId}/${s.id}`, kind: 'subsection', label: s.label, description, status, loc: s.loc, children: [] };
}

function ambitionNode(a: OverviewAmbition, id: string, t: Translate): StructureNode {
  const missing = a.subsections.filter((s) => !s.present).map((s) => s.label);
  const status = statusOf(a.findings);
  return {
    id,
    kind: 'ambition',
    label: a.number ? `${a.number} ${a.title || a.heading}` : a.title || a.heading,
    description: join([actionsText(a.actions.length, t), missing.length ? t('lacks {0}', missing.join(', ')) : undefined, findingsText(a.findings, t)]),
    tooltip: a.findingList.length ? a.findingList.map((f) => `${f.message} (${f.code})`).join('\n') : undefined,
    status: status === 'pass' && missing.length ? 'warning' : status,
    loc: a.loc,
    children: a.subsections.map((s) => subsectionNode(s, id, t)),
  };
}

/** The tree's top level; empty when the document is not a plan (the view then shows its welcome). */
export function structureNodes(ov: PlanOverview | undefined, t: Translate): StructureNode[] {
  if (!ov?.isPlan) return [];
  const used = new Set<string>();
  const unique = (id: string) => {
    let u = id;
    for (let i = 2; used.has(u); i++) u = `${id}#${i}`;
    used.add(u);
    return u;
  };
  const ambitions = (list: OverviewAmbition[], parentId: string) => list.map((a) => ambitionNode(a, unique(`${parentId}/a:${a.number ?? a.heading}`), t));
  const top: Array<StructureNode & { line: number }> = [];
  for (const s of ov.sections) {
    top.push({
      id: unique(`s:${s.id ?? s.title}`),
      kind: 'section',
      label: s.title,
      description: join([s.empty ? t('empty') : undefined, findingsText(s.findings, t)]),
      status: statusOf(s.findings),
      loc: s.loc,
      children: [],
      line: s.loc.line,
    });
  }
  for (const p of ov.parts) {
    const id = unique(`p:${p.number ?? p.heading}`);
    top.push({
      id,
      kind: 'part',
      label: p.heading,
      description: join([itemCount(ov, p.ambitions.length, t), findingsText(p.findings, t)]),
      status: statusOf(p.findings),
      loc: p.loc,
      children: ambitions(p.ambitions, id),
      line: p.loc.line,
    });
  }
  if (ov.flat) top.push(...ambitions(ov.looseAmbitions, 'flat').map((node, i) => ({ ...node, line: ov.looseAmbitions[i].loc.line })));
  else if (ov.looseAmbitions.length) {
    const id = unique('loose');
    top.push({
      id,
      kind: 'loose',
      label: t('Outside any part'),
      description: '',
      children: ambitions(ov.looseAmbitions, id),
      line: ov.looseAmbitions[0].loc.line,
    });
  }
  return top.sort((a, b) => a.line - b.line).map(({ line: _line, ...node }) => node);
}

/** "3 ambitioner", "1 insats": the count with the template's noun (Swedish and English take the singular for one only). */
function itemCount(ov: PlanOverview, n: number, t: (m: string, ...a: Array<string | number>) => string): string {
  const { itemSingular, itemPlural } = ov.labels;
  if (itemSingular && itemPlural) return `${n} ${n === 1 ? itemSingular : itemPlural}`;
  return n === 1 ? t('{0} ambition', 1) : t('{0} ambitions', n);
}
