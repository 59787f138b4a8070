/**
 * The overview as a hast tree: the body the Planöversikt webview shows (interactive: places are
 * buttons, matrix headers sort, a select filters) and the same body for the exported page.
 *
 * Document text goes into text nodes only, which the serialiser escapes (./html.ts); attribute
 * values are ours: numbers, class names, translations and body keys. Nothing from the document
 * becomes markup, a link or a script.
 *
 * The webview script (client/src/webview/overview.ts) relies on: #content's `button.reveal` with
 * data-line/data-character; `.sections button.reveal[data-line]`, `.part[data-line]` (with its
 * h3), `.ambition[data-line]` with `.ambition-head` and its `details`; `table#matrix` with
 * `th[data-body]`/`td[data-body]` (+ data-count, `.empty`), `button.sort[data-body]`, `.gap`,
 * `tbody tr[data-line]`; and `select#body-filter` whose option values are the same body keys.
 */
import type { Element, Root } from 'hast';
import { h, type Child } from 'hastscript';
import type { Loc, MatrixBody, MatrixRow, OverviewAmbition, OverviewFinding, PlanOverview, SeverityCounts } from '../core/overview';
import { followUpSection } from './followup';
import { toHtmlString } from './html';
import { capitalise, english, joinNames, type Translate } from './text';

export interface RenderOptions {
  /** In the webview: places are buttons that reveal the text; matrix headers sort; a filter picks a body. */
  interactive: boolean;
  /** The translator (default: the English source text). */
  t?: Translate;
  /** The language of the text, e.g. `sv` (default `en`): for letter case. */
  locale?: string;
}

interface Ctx {
  interactive: boolean;
  t: Translate;
  locale: string;
}

const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;

/**
 * A body's name as an attribute value: letters, digits, space and `. , -` as they are, any other
 * character as `_hex_`. One key per name, so sorting and filtering match cells to headers.
 */
export function bodyKey(name: string): string {
  return name.replace(/[^\p{L}\p{N} .,-]/gu, (c) => `_${c.codePointAt(0)!.toString(16)}_`);
}

function severityName(s: (typeof SEVERITIES)[number], n: number, t: Translate): string {
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

function severityWord(s: string, t: Translate): string {
  return s === 'error' ? t('Error') : s === 'warning' ? t('Warning') : s === 'information' ? t('Information') : t('Hint');
}

/** A class list, or none. */
const cls = (...names: Array<string | false | undefined>): string[] | undefined => {
  const list = names.filter((n): n is string => !!n);
  return list.length ? list : undefined;
};

/** Text only screen readers read. */
const sr = (text: string) => h('span', { className: ['sr'] }, ` ${text}`);

/** Block elements one per line, so the HTML reads well. */
const lines = (...nodes: Child[]): Child[] => nodes.flatMap((n, i) => (i ? ['\n', n] : [n]));

function badges(c: SeverityCounts, { t }: Ctx): Element {
  const present = SEVERITIES.filter((s) => c[s] > 0);
  if (!present.length) return h('span', { className: ['badges', 'ok'], title: t('No findings') }, '✓', sr(t('No findings')));
  return h(
    'span',
    { className: ['badges'] },
    present.map((s) => h('span', { className: ['badge', s], title: severityName(s, c[s], t) }, String(c[s]), sr(severityName(s, c[s], t)))),
  );
}

function lix(n: number | undefined, { t }: Ctx): Element | null {
  if (n === undefined || !Number.isFinite(n)) return null;
  return h(
    'span',
    { className: ['lix'], title: t('Readability index (LIX): below 30 very easy, 30–40 easy, 40–50 medium, 50–60 hard, above 60 very hard.') },
    t('LIX {0}', Math.round(n)),
  );
}

/** A place: a button that reveals it in the editor (webview), or its line number (export). */
function place(c: Ctx, loc: Loc | undefined, inner: Child, classes: string[] = []): Element {
  if (!loc) return h('span', { className: cls(...classes) }, inner);
  if (c.interactive)
    return h(
      'button',
      { type: 'button', className: ['reveal', ...classes], dataLine: loc.line, dataCharacter: loc.character, title: c.t('Line {0}', loc.line + 1) },
      inner,
    );
  return h(
    'span',
    { className: cls(...classes), dataLine: loc.line, dataCharacter: loc.character },
    inner,
    ' ',
    h('span', { className: ['line'] }, c.t('line {0}', loc.line + 1)),
  );
}

function validity(ov: PlanOverview, { t }: Ctx): Child {
  const { from, to, status } = ov.validity;
  // With no dates the status says it all: "Okänd giltighetstid", not "inte angiven" beside it.
  if (!from && !to) return h('span', { className: ['validity', status] }, t('Not given'));
  const period = `${from ?? '…'}–${to ?? '…'}`;
  const label =
    status === 'expired' ? t('Expired') : status === 'not-yet-valid' ? t('Not yet in force') : status === 'valid' ? t('In force') : t('Validity unknown');
  return [period, ' ', h('span', { className: ['validity', status] }, label)];
}

function findingItem(f: OverviewFinding, c: Ctx): Element {
  return h(
    'li',
    { className: ['finding', f.severity] },
    place(c, f.loc, [h('span', { className: ['sev'] }, severityWord(f.severity, c.t)), ` ${f.message} `, h('code', f.code)]),
  );
}

function ambition(a: OverviewAmbition, c: Ctx): Element {
  const { t } = c;
  const subs = a.subsections.map((s) => {
    const state = !s.present ? 'missing' : s.empty ? 'empty' : 'ok';
    const mark = state === 'ok' ? '✓' : state === 'empty' ? '○' : '✗';
    const say = state === 'ok' ? t('present') : state === 'empty' ? t('empty') : t('missing');
    const inner = [h('span', { ariaHidden: 'true' }, mark), ` ${s.label}`, sr(say)];
    return s.loc && c.interactive ? place(c, s.loc, inner, ['sub', state]) : h('span', { className: ['sub', state], title: say }, inner);
  });
  const actions = a.actions.length === 1 ? t('{0} action', 1) : t('{0} actions', a.actions.length);
  const title = [h('span', { className: ['num'] }, a.number ?? ''), ` ${a.title || a.heading}`];
  const amLix = lix(a.lix, c);
  return h(
    'li',
    { className: ['ambition'], dataLine: a.loc.line, dataStart: a.loc.line },
    '\n  ',
    h('div', { className: ['ambition-head'] }, place(c, a.loc, title, ['title']), amLix ? [' ', amLix] : null, ' ', badges(a.findings, c)),
    '\n  ',
    h(
      'div',
      { className: ['ambition-body'] },
      h(
        'span',
        { className: ['vvh'] },
        subs.flatMap((s, i) => (i ? [' ', s] : [s])),
      ),
      ' ',
      h('span', { className: ['count'] }, actions),
      ' ',
      a.actors.length ? h('span', { className: ['actors'] }, joinNames(a.actors, t)) : null,
    ),
    a.responsible.length ? h('div', { className: ['responsible'] }, `${t('Ansvar')}: ${a.responsible.join(', ')}`) : null,
    a.findingList.length
      ? h(
          'details',
          { className: ['findings'], open: !c.interactive },
          h('summary', `${t('Findings')} (${a.findingList.length})`),
          h(
            'ul',
            a.findingList.map((f) => findingItem(f, c)),
          ),
        )
      : null,
    '\n',
  );
}

function matrix(ov: PlanOverview, c: Ctx): Element | null {
  const { t } = c;
  const { bodies, rows } = ov.matrix;
  if (!rows.length) return null;
  const named = bodies.filter((b) => !b.collective);
  const collective = bodies.filter((b) => b.collective);
  const apart = (b: MatrixBody) => (b.collective ? 'collective' : undefined);
  const head = (b: MatrixBody) => {
    const label = [b.name, b.unknown ? [' ', h('span', { className: ['unknown'], title: t('Not in the registry') }, '?')] : null];
    const key = bodyKey(b.name);
    return h(
      'th',
      { scope: 'col', className: cls('body', apart(b)), dataBody: key },
      c.interactive ? h('button', { type: 'button', className: ['sort'], dataBody: key, title: t('Sort the rows by this body') }, label) : label,
    );
  };
  const cell = (r: MatrixRow, b: MatrixBody) => {
    const x = r.cells[b.name];
    if (!x) return h('td', { className: cls('empty', apart(b)), dataBody: bodyKey(b.name), dataCount: 0 });
    const say = `${t('{0} leads {1} actions', b.name, x.actions)}${x.ansvar ? ', ' + t('named on the Ansvar line') : ''}`;
    const text = [
      x.actions ? String(x.actions) : null,
      x.ansvar ? h('span', { className: ['ansvar'], title: t('Named on the Ansvar line') }, 'A') : null,
      sr(say),
    ];
    return h('td', { className: cls(apart(b)), dataBody: bodyKey(b.name), dataCount: x.actions }, place(c, x.locs[0], text, ['cell']));
  };
  const gap = (tag: 'th' | 'td') => (collective.length ? h(tag, { ...(tag === 'th' ? { scope: 'col' } : {}), className: ['gap'], ariaHidden: 'true' }) : null);
  const filter = c.interactive
    ? h(
        'label',
        { className: ['filter'] },
        `${t('Body')} `,
        h(
          'select',
          { id: 'body-filter' },
          h('option', { value: '' }, t('All bodies')),
          bodies.map((b) => h('option', { value: bodyKey(b.name) }, b.name)),
        ),
      )
    : null;
  const item = ov.labels.itemSingular ?? ov.labels.item.toLocaleLowerCase(c.locale);
  const row = (r: MatrixRow) =>
    h(
      'tr',
      { dataLine: r.loc.line },
      h('th', { scope: 'row' }, place(c, r.loc, [h('span', { className: ['num'] }, r.ambition), ` ${r.title}`], ['title'])),
      named.map((b) => cell(r, b)),
      gap('td'),
      collective.map((b) => cell(r, b)),
      h('td', { className: cls('noactor', !!r.withoutActor && 'warn'), dataCount: r.withoutActor }, r.withoutActor ? String(r.withoutActor) : ''),
    );
  return h(
    'section',
    { className: ['matrix'], ariaLabelledBy: 'matrix-h' },
    ...lines(
      h('h2', { id: 'matrix-h' }, t('Responsibility matrix')),
      h(
        'p',
        { className: ['hint'] },
        t('How many actions each body leads in each {0}; A: named on the Ansvar line. Collective actors stand apart on the right.', item),
      ),
      filter,
      h(
        'div',
        { className: ['table-wrap'] },
        h(
          'table',
          { id: 'matrix' },
          '\n',
          h(
            'thead',
            h(
              'tr',
              h('th', { scope: 'col' }, ov.labels.item),
              named.map(head),
              gap('th'),
              collective.map(head),
              h('th', { scope: 'col', className: ['noactor'] }, t('Without actor')),
            ),
          ),
          '\n',
          h('tbody', ...lines(...rows.map(row))),
          '\n',
        ),
      ),
    ),
  );
}

function headings(ov: PlanOverview, { t, locale }: Ctx): { parts: string; loose: string } {
  const { partPlural, itemPlural, partSingular } = ov.labels;
  return {
    parts:
      ov.flat && itemPlural
        ? capitalise(itemPlural, locale)
        : partPlural && itemPlural
          ? t('{0} and {1}', capitalise(partPlural, locale), itemPlural)
          : t('Parts and ambitions'),
    loose: itemPlural && partSingular ? t('{0} outside any {1}', capitalise(itemPlural, locale), partSingular) : t('Outside any part'),
  };
}

/** The overview's body (without <html>) as hast nodes: shared by the webview and the export. */
export function overviewTree(ov: PlanOverview, o: RenderOptions): Root {
  const c: Ctx = { interactive: o.interactive, t: o.t ?? english, locale: o.locale ?? 'en' };
  const { t } = c;
  if (!ov.isPlan)
    return h(
      null,
      h('p', { className: ['notplan'] }, t('This file is not a plan: its front matter has no dokumenttyp and its name does not end in .plan.md.')),
    );
  const totals = SEVERITIES.filter((s) => ov.totals[s] > 0).map((s) => severityName(s, ov.totals[s], t));
  const header = ov.header
    .filter((f) => !/^gäller-(från|till)$/.test(f.key))
    .map((f) => h('div', h('dt', f.key), h('dd', f.value ? f.value : f.required ? h('span', { className: ['missing'] }, t('missing')) : '–')));
  const sections = ov.sections.map((s) => {
    const sLix = lix(s.lix, c);
    return h(
      'li',
      { className: cls(s.empty && 'empty') },
      place(c, s.loc, s.title, ['title']),
      s.empty ? [' ', h('span', { className: ['tag'] }, t('empty'))] : null,
      sLix ? [' ', sLix] : null,
      ' ',
      badges(s.findings, c),
    );
  });
  const heading = headings(ov, c);
  const parts = ov.parts.map((p) =>
    h(
      'section',
      { className: ['part'], dataLine: p.loc.line },
      ...lines(
        '',
        h('h3', place(c, p.loc, p.heading, ['title']), ' ', badges(p.findings, c)),
        h('ol', { className: ['ambitions'] }, ...lines(...p.ambitions.map((a) => ambition(a, c)))),
        '',
      ),
    ),
  );
  const loose = !ov.looseAmbitions.length
    ? null
    : ov.flat
      ? h(
          'section',
          { className: ['part'] },
          h(
            'ol',
            { className: ['ambitions'] },
            ov.looseAmbitions.map((a) => ambition(a, c)),
          ),
        )
      : h(
          'section',
          { className: ['part', 'loose'] },
          h('h3', heading.loose),
          h(
            'ol',
            { className: ['ambitions'] },
            ov.looseAmbitions.map((a) => ambition(a, c)),
          ),
        );
  return h(
    null,
    ...lines(
      h(
        'header',
        { className: ['card'], dataLine: 0 },
        ...lines(
          '',
          h('div', { className: ['doctype'] }, ov.templateName ?? ov.documentType ?? ''),
          h('h1', place(c, ov.titleLoc, ov.title || t('(no title)'), ['title'])),
          h('dl', header, h('div', h('dt', t('Validity')), h('dd', validity(ov, c)))),
          h(
            'p',
            { className: ['totals'] },
            totals.length ? totals.join(', ') : t('No findings'),
            ov.totals.hint > 0 ? [' ', h('span', { className: ['hint'] }, t('(hints show in the text and here, not in the Problems panel)'))] : null,
          ),
          '',
        ),
      ),
      h('section', { className: ['sections'], ariaLabelledBy: 'sections-h' }, h('h2', { id: 'sections-h' }, t('Sections')), h('ul', sections)),
      h('section', { className: ['structure'], ariaLabelledBy: 'parts-h' }, h('h2', { id: 'parts-h' }, heading.parts), ...lines(...parts), loose),
      matrix(ov, c),
      followUpSection(ov, c),
      h(
        'section',
        { className: ['all-findings'], ariaLabelledBy: 'findings-h' },
        h('h2', { id: 'findings-h' }, `${t('Findings')} (${ov.findings.length})`),
        h(
          'ul',
          ov.findings.map((f) => findingItem(f, c)),
        ),
      ),
    ),
  );
}

/** The overview's body as HTML: what plan/overview sends the webview. */
export function renderOverviewBody(ov: PlanOverview, o: RenderOptions): string {
  return toHtmlString(overviewTree(ov, o));
}
