/**
 * The overview as HTML: the body the Planöversikt webview shows, and a self-contained page for
 * export. Every piece of document text is escaped; nothing from the document becomes markup, a
 * link or a script. The exported page carries no script at all.
 */
import { getLocale, joinNames, t } from './l10n';
import type { Loc, MatrixBody, OverviewAmbition, OverviewFinding, PlanOverview, SeverityCounts } from './overview';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);
}

export interface RenderOptions {
  /** In the webview: places are buttons that reveal the text; matrix headers sort; a filter picks a body. */
  interactive: boolean;
}

const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;

function severityName(s: (typeof SEVERITIES)[number], n: number): string {
  switch (s) {
    case 'error':
      return n === 1 ? t('{0} error', n) : t('{0} errors', n);
    case 'warning':
      return n === 1 ? t('{0} warning', n) : t('{0} warnings', n);
    case 'information':
      return t('{0} information', n);
    case 'hint':
      return n === 1 ? t('{0} hint', n) : t('{0} hints', n);
  }
}

function badges(c: SeverityCounts): string {
  const parts = SEVERITIES.filter((s) => c[s] > 0).map((s) => `<span class="badge ${s}" title="${escapeHtml(severityName(s, c[s]))}">${c[s]}<span class="sr"> ${escapeHtml(severityName(s, c[s]))}</span></span>`);
  return parts.length ? `<span class="badges">${parts.join('')}</span>` : `<span class="badges ok" title="${escapeHtml(t('No findings'))}">✓<span class="sr"> ${escapeHtml(t('No findings'))}</span></span>`;
}

/** A place: a button that reveals it in the editor (webview), or its line number (export). */
function place(o: RenderOptions, loc: Loc | undefined, inner: string, cls = ''): string {
  if (!loc) return `<span class="${cls}">${inner}</span>`;
  const attrs = `data-line="${loc.line}" data-character="${loc.character}"`;
  if (o.interactive) return `<button type="button" class="reveal ${cls}" ${attrs} title="${escapeHtml(t('Line {0}', loc.line + 1))}">${inner}</button>`;
  return `<span class="${cls}" ${attrs}>${inner} <span class="line">${escapeHtml(t('line {0}', loc.line + 1))}</span></span>`;
}

function validityText(ov: PlanOverview): string {
  const { from, to, status } = ov.validity;
  const period = from || to ? `${escapeHtml(from ?? '…')}–${escapeHtml(to ?? '…')}` : escapeHtml(t('not given'));
  const label =
    status === 'expired' ? t('Expired') : status === 'not-yet-valid' ? t('Not yet in force') : status === 'valid' ? t('In force') : t('Validity unknown');
  return `${period} <span class="validity ${status}">${escapeHtml(label)}</span>`;
}

function ambitionHtml(a: OverviewAmbition, o: RenderOptions): string {
  const subs = a.subsections
    .map((s) => {
      const state = !s.present ? 'missing' : s.empty ? 'empty' : 'ok';
      const mark = state === 'ok' ? '✓' : state === 'empty' ? '○' : '✗';
      const say = state === 'ok' ? t('present') : state === 'empty' ? t('empty') : t('missing');
      const inner = `<span aria-hidden="true">${mark}</span> ${escapeHtml(s.label)}<span class="sr"> ${escapeHtml(say)}</span>`;
      return s.loc && o.interactive ? place(o, s.loc, inner, `sub ${state}`) : `<span class="sub ${state}" title="${escapeHtml(say)}">${inner}</span>`;
    })
    .join(' ');
  const actions = a.actions.length === 1 ? t('{0} action', 1) : t('{0} actions', a.actions.length);
  const actors = a.actors.length ? `<span class="actors">${escapeHtml(joinNames(a.actors))}</span>` : '';
  const responsible = a.responsible.length ? `<div class="responsible">${escapeHtml(t('Ansvar'))}: ${escapeHtml(a.responsible.join(', '))}</div>` : '';
  const findings = a.findingList.length
    ? `<details class="findings"${o.interactive ? '' : ' open'}><summary>${escapeHtml(t('Findings'))} (${a.findingList.length})</summary><ul>${a.findingList.map((f) => findingItem(f, o)).join('')}</ul></details>`
    : '';
  return `<li class="ambition" data-line="${a.loc.line}" data-start="${a.loc.line}">
  <div class="ambition-head">${place(o, a.loc, `<span class="num">${escapeHtml(a.number ?? '')}</span> ${escapeHtml(a.title || a.heading)}`, 'title')} ${badges(a.findings)}</div>
  <div class="ambition-body"><span class="vvh">${subs}</span> <span class="count">${escapeHtml(actions)}</span> ${actors}</div>${responsible}${findings}
</li>`;
}

function findingItem(f: OverviewFinding, o: RenderOptions): string {
  return `<li class="finding ${f.severity}">${place(o, f.loc, `<span class="sev">${escapeHtml(severityWord(f.severity))}</span> ${escapeHtml(f.message)} <code>${escapeHtml(f.code)}</code>`)}</li>`;
}

function severityWord(s: string): string {
  return s === 'error' ? t('Error') : s === 'warning' ? t('Warning') : s === 'information' ? t('Information') : t('Hint');
}

function matrixHtml(ov: PlanOverview, o: RenderOptions): string {
  const { bodies, rows } = ov.matrix;
  if (!rows.length) return '';
  const named = bodies.filter((b) => !b.collective);
  const collective = bodies.filter((b) => b.collective);
  const head = (b: MatrixBody) => {
    const label = `${escapeHtml(b.name)}${b.unknown ? ` <span class="unknown" title="${escapeHtml(t('Not in the registry'))}">?</span>` : ''}`;
    return `<th scope="col" class="body ${b.collective ? 'collective' : ''}" data-body="${escapeHtml(b.name)}">${o.interactive ? `<button type="button" class="sort" data-body="${escapeHtml(b.name)}" title="${escapeHtml(t('Sort by {0}', b.name))}">${label}</button>` : label}</th>`;
  };
  const cell = (r: (typeof rows)[number], b: MatrixBody) => {
    const c = r.cells[b.name];
    if (!c) return `<td class="empty ${b.collective ? 'collective' : ''}" data-body="${escapeHtml(b.name)}" data-count="0"></td>`;
    const text = `${c.actions || ''}${c.ansvar ? `<span class="ansvar" title="${escapeHtml(t('Named on the Ansvar line'))}">A</span>` : ''}`;
    const say = `${t('{0} leads {1} actions', b.name, c.actions)}${c.ansvar ? ', ' + t('named on the Ansvar line') : ''}`;
    return `<td class="${b.collective ? 'collective' : ''}" data-body="${escapeHtml(b.name)}" data-count="${c.actions}">${place(o, c.locs[0], `${text}<span class="sr"> ${escapeHtml(say)}</span>`, 'cell')}</td>`;
  };
  const filter = o.interactive
    ? `<label class="filter">${escapeHtml(t('Body'))} <select id="body-filter"><option value="">${escapeHtml(t('All bodies'))}</option>${bodies.map((b) => `<option value="${escapeHtml(b.name)}">${escapeHtml(b.name)}</option>`).join('')}</select></label>`
    : '';
  const sep = collective.length ? `<th scope="col" class="gap" aria-hidden="true"></th>` : '';
  const gapCell = collective.length ? '<td class="gap" aria-hidden="true"></td>' : '';
  return `<section class="matrix" aria-labelledby="matrix-h">
<h2 id="matrix-h">${escapeHtml(t('Responsibility matrix'))}</h2>
<p class="hint">${escapeHtml(t('How many actions each body leads in each {0}; A: named on the Ansvar line. Collective actors stand apart on the right.', ov.labels.item.toLocaleLowerCase(getLocale())))}</p>
${filter}
<div class="table-wrap"><table id="matrix">
<thead><tr><th scope="col">${escapeHtml(ov.labels.item)}</th>${named.map(head).join('')}${sep}${collective.map(head).join('')}<th scope="col" class="noactor">${escapeHtml(t('Without actor'))}</th></tr></thead>
<tbody>${rows
    .map(
      (r) =>
        `<tr data-line="${r.loc.line}"><th scope="row">${place(o, r.loc, `<span class="num">${escapeHtml(r.ambition)}</span> ${escapeHtml(r.title)}`, 'title')}</th>${named.map((b) => cell(r, b)).join('')}${gapCell}${collective.map((b) => cell(r, b)).join('')}<td class="noactor ${r.withoutActor ? 'warn' : ''}" data-count="${r.withoutActor}">${r.withoutActor || ''}</td></tr>`,
    )
    .join('\n')}</tbody>
</table></div>
</section>`;
}

/** The overview's body (without <html>): shared by the webview and the export. */
export function renderOverviewBody(ov: PlanOverview, o: RenderOptions): string {
  if (!ov.isPlan) return `<p class="notplan">${escapeHtml(t('This file is not a plan: its front matter has no dokumenttyp and its name does not end in .plan.md.'))}</p>`;
  const totals = SEVERITIES.filter((s) => ov.totals[s] > 0).map((s) => severityName(s, ov.totals[s]));
  const header = ov.header
    .filter((h) => !/^gäller-(från|till)$/.test(h.key))
    .map((h) => `<div><dt>${escapeHtml(h.key)}</dt><dd>${h.value ? escapeHtml(h.value) : h.required ? `<span class="missing">${escapeHtml(t('missing'))}</span>` : '–'}</dd></div>`)
    .join('');
  const sections = ov.sections
    .map((s) => `<li class="${s.empty ? 'empty' : ''}">${place(o, s.loc, escapeHtml(s.title), 'title')}${s.empty ? ` <span class="tag">${escapeHtml(t('empty'))}</span>` : ''} ${badges(s.findings)}</li>`)
    .join('');
  const parts = ov.parts
    .map(
      (p) => `<section class="part" data-line="${p.loc.line}">
<h3>${place(o, p.loc, escapeHtml(p.heading), 'title')} ${badges(p.findings)}</h3>
<ol class="ambitions">${p.ambitions.map((a) => ambitionHtml(a, o)).join('\n')}</ol>
</section>`,
    )
    .join('\n');
  const loose = ov.looseAmbitions.length ? `<section class="part loose"><h3>${escapeHtml(t('Outside any part'))}</h3><ol class="ambitions">${ov.looseAmbitions.map((a) => ambitionHtml(a, o)).join('')}</ol></section>` : '';
  return `<header class="card" data-line="0">
<div class="doctype">${escapeHtml(ov.templateName ?? ov.documentType ?? '')}</div>
<h1>${place(o, ov.titleLoc, escapeHtml(ov.title || t('(no title)')), 'title')}</h1>
<dl>${header}<div><dt>${escapeHtml(t('Validity'))}</dt><dd>${validityText(ov)}</dd></div></dl>
<p class="totals">${totals.length ? escapeHtml(totals.join(', ')) : escapeHtml(t('No findings'))}</p>
</header>
<section class="sections" aria-labelledby="sections-h"><h2 id="sections-h">${escapeHtml(t('Sections'))}</h2><ul>${sections}</ul></section>
<section class="structure" aria-labelledby="parts-h"><h2 id="parts-h">${escapeHtml(t('Parts and ambitions'))}</h2>${parts}${loose}</section>
${matrixHtml(ov, o)}
<section class="all-findings" aria-labelledby="findings-h"><h2 id="findings-h">${escapeHtml(t('Findings'))} (${ov.findings.length})</h2><ul>${ov.findings.map((f) => findingItem(f, o)).join('')}</ul></section>`;
}

/** Styles for both: VS Code's theme variables in the webview, with plain fallbacks for the export. */
export const OVERVIEW_CSS = `
:root { --fg: var(--vscode-foreground, #1f1f1f); --bg: var(--vscode-editor-background, #ffffff); --muted: var(--vscode-descriptionForeground, #5f6368);
  --border: var(--vscode-panel-border, #d0d7de); --card: var(--vscode-sideBar-background, #f6f8fa); --focus: var(--vscode-focusBorder, #0969da);
  --error: var(--vscode-editorError-foreground, #b3261e); --warning: var(--vscode-editorWarning-foreground, #8a5a00); --info: var(--vscode-editorInfo-foreground, #0b5cad);
  --ok: var(--vscode-testing-iconPassed, #1a7f37); --link: var(--vscode-textLink-foreground, #0b5cad); --hl: var(--vscode-editor-selectionHighlightBackground, #fff3b0); }
body { color: var(--fg); background: var(--bg); font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 14px); line-height: 1.45; margin: 0; padding: 0 1rem 2rem; }
h1 { font-size: 1.35em; margin: .2em 0; } h2 { font-size: 1.1em; margin: 1.4em 0 .4em; border-bottom: 1px solid var(--border); } h3 { font-size: 1em; margin: 1em 0 .3em; }
.card { border: 1px solid var(--border); background: var(--card); border-radius: 6px; padding: .6rem .9rem; margin-top: 1rem; }
.doctype { text-transform: uppercase; letter-spacing: .06em; font-size: .8em; color: var(--muted); }
dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .2rem 1rem; margin: .4rem 0; }
dt { font-size: .8em; color: var(--muted); } dd { margin: 0; }
.validity { border: 1px solid currentColor; border-radius: 3px; padding: 0 .3em; font-size: .85em; margin-left: .3em; }
.validity.expired, .validity.not-yet-valid { color: var(--error); font-weight: bold; } .validity.valid { color: var(--ok); } .validity.unknown { color: var(--muted); }
.missing { color: var(--error); font-style: italic; }
button.reveal, button.sort { background: none; border: none; color: inherit; font: inherit; padding: 0; cursor: pointer; text-align: left; }
button.reveal:hover .title, button.reveal.title:hover, button.sort:hover { text-decoration: underline; color: var(--link); }
button:focus-visible, select:focus-visible, summary:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
ul, ol { padding-left: 1.2rem; } .sections ul { columns: 2 16rem; } .sections li { break-inside: avoid; } .sections li button.reveal { display: inline; }
.ambitions { list-style: none; padding-left: .2rem; } .ambitions > li { margin: .35rem 0; padding: .25rem .4rem; border-left: 3px solid transparent; }
.num { font-variant-numeric: tabular-nums; font-weight: 600; }
.ambition-body { font-size: .92em; color: var(--muted); }
.sub { display: inline-block; margin-right: .35em; } .sub.ok { color: var(--ok); } .sub.missing { color: var(--error); font-weight: bold; } .sub.empty { color: var(--warning); }
.actors { margin-left: .4em; } .responsible { font-size: .9em; color: var(--muted); }
.badges { margin-left: .4em; } .badges.ok { color: var(--ok); }
.badge { display: inline-block; min-width: 1.3em; text-align: center; border-radius: 9px; padding: 0 .35em; margin-right: .2em; font-size: .8em; border: 1px solid currentColor; }
.badge.error { color: var(--error); } .badge.warning { color: var(--warning); } .badge.information, .badge.hint { color: var(--info); }
.all-findings ul, details.findings ul { list-style: none; padding-left: .4rem; } .finding { margin: .15rem 0; } .finding button.reveal { display: block; width: 100%; }
.finding.error .sev { color: var(--error); } .finding.warning .sev { color: var(--warning); } .finding .sev { font-weight: 600; }
code { font-size: .85em; color: var(--muted); }
.table-wrap { overflow-x: auto; } table { border-collapse: collapse; font-size: .9em; }
th, td { border: 1px solid var(--border); padding: .2rem .4rem; } td { text-align: center; min-width: 2.2em; }
thead th { vertical-align: bottom; font-weight: 600; } tbody th { text-align: left; font-weight: normal; } th.collective, td.collective { background: var(--card); font-style: italic; }
th.gap, td.gap { border: none; min-width: .6em; padding: 0; } td.noactor.warn { color: var(--warning); font-weight: bold; }
.ansvar { font-size: .75em; margin-left: .15em; border: 1px solid currentColor; border-radius: 2px; padding: 0 .15em; }
.unknown { color: var(--error); }
.line { color: var(--muted); font-size: .8em; }
.tag { font-size: .8em; color: var(--warning); }
.hint { color: var(--muted); font-size: .9em; }
.current { border-left-color: var(--focus) !important; background: var(--hl); }
tr.current th { background: var(--hl); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.hidden { display: none; }
@media (forced-colors: active) { .badge, .validity, .sub { forced-color-adjust: none; border: 1px solid CanvasText; color: CanvasText; } .current { outline: 2px solid Highlight; } }
@media print { body { padding: 0; } details { display: block; } details > summary { display: none; } .table-wrap { overflow: visible; } }
`;

/** A self-contained page for export: the overview and the matrix, no script, no external resource. */
export function renderOverviewPage(ov: PlanOverview, generated: string): string {
  const lang = getLocale();
  const title = ov.title ? `${ov.title} – ${t('Plan overview')}` : t('Plan overview');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${OVERVIEW_CSS}
details > ul { display: block; }</style>
</head>
<body>
<main>
${renderOverviewBody(ov, { interactive: false })}
</main>
<footer class="hint">${escapeHtml(t('Exported {0}.', generated))}</footer>
</body>
</html>
`;
}
