/**
 * Follow-up in the overview and the yearly follow-up report: a bar per status (segments whose
 * widths are classes, no inline style, so the webview's CSP holds), counts, indicators baseline → target, and
 * for the report the actions with their status and comment. Document text goes into text nodes only.
 */
import type { Element } from 'hast';
import { h, type Child } from 'hastscript';
import type { FollowUpView, Loc, PlanOverview, StatusCounts, ViewAction, ViewIndicator, ViewUnit } from '../core/overview';
import { langTag, toHtmlString } from './html';
import { OVERVIEW_CSS } from './styles';
import { english, type Translate } from './text';

export interface FollowUpRenderOptions {
  interactive: boolean;
  t?: Translate;
  locale?: string;
}

interface Ctx {
  interactive: boolean;
  t: Translate;
}

type Status = FollowUpView['statuses'][number];

function kindOf(st: Status | undefined, index: number): string {
  if (!st) return 'none';
  return st.done ? 'done' : st.cancelled ? 'cancelled' : index === 0 ? 'start' : 'progress';
}

function keys(fu: FollowUpView): Array<{ id: string; label: string; kind: string }> {
  return [...fu.statuses.map((st, i) => ({ id: st.id, label: st.label, kind: kindOf(st, i) })), { id: 'none', label: '', kind: 'none' }];
}

/** An action's status as words; an action whose status is a later year's says so: "utan status (senare: klar, 2026-02-01)". */
export function actionStatusText(fu: FollowUpView, a: ViewAction, t: Translate): string {
  const label = fu.statuses.find((x) => x.id === a.status)?.label ?? t('no status');
  return a.later ? `${label} ${t('(later: {0}, {1})', a.later.label, a.later.date)}` : label;
}

/**
 * What the report reflects: the year's last day, how statuses are chosen, and how many actions
 * have a status of a later year.
 */
export function reportBasis(fu: Pick<FollowUpView, 'later' | 'asOf'>, year: number, generated: string, t: Translate): string[] {
  const out = [
    t(
      'Statuses at the end of {0} ({1}) as the plan records them on {2}: a status dated after {1} belongs to a later year and is not counted; an undated status or task box counts as current.',
      year,
      fu.asOf ?? `${year}-12-31`,
      generated,
    ),
  ];
  if (fu.later)
    out.push(t('{0} actions have a status dated after {1}; they are counted as without status for {2}.', fu.later, fu.asOf ?? `${year}-12-31`, year));
  return out;
}

/** The counts as words: "2 klar, 1 pågår, 3 utan status". */
export function countsText(fu: FollowUpView, c: StatusCounts, t: Translate): string {
  return keys(fu)
    .filter((k) => c[k.id])
    .map((k) => `${c[k.id]} ${k.id === 'none' ? t('no status') : k.label}`)
    .join(', ');
}

/** Whole percentages that add up to 100 (largest remainder), for the bar's segments. */
function percentages(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return counts.map(() => 0);
  const exact = counts.map((n) => (100 * n) / total);
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; k < 100 - out.reduce((a, b) => a + b, 0); k++) out[order[k % order.length][1]]++;
  return out;
}

/**
 * A stacked bar, one segment per status, its width a class (`w0`–`w100`, see styles.ts): no inline
 * style and no SVG, so the webview's CSP and the panel's rules hold. Its counts are its accessible name.
 */
export function statusBar(fu: FollowUpView, c: StatusCounts, t: Translate): Element {
  const ks = keys(fu);
  const widths = percentages(ks.map((k) => c[k.id] ?? 0));
  const total = Object.values(c).reduce((a, b) => a + b, 0);
  const label = total ? countsText(fu, c, t) : t('No actions');
  return h(
    'span',
    { className: ['fu-bar'], role: 'img', ariaLabel: label, title: label },
    ks.map((k, i) => (widths[i] ? h('span', { className: ['fu-seg', k.kind, `w${widths[i]}`] }) : null)),
  );
}

function place(c: Ctx, loc: Loc | undefined, inner: Child): Child {
  if (!loc || !c.interactive) return inner;
  return h('button', { type: 'button', className: ['reveal'], dataLine: loc.line, dataCharacter: loc.character, title: c.t('Line {0}', loc.line + 1) }, inner);
}

function legend(fu: FollowUpView, t: Translate): Element {
  return h(
    'ul',
    { className: ['fu-legend'] },
    keys(fu).map((k) => h('li', h('span', { className: ['fu-key', k.kind], ariaHidden: 'true' }), k.id === 'none' ? t('no status') : k.label)),
  );
}

function progressRow(fu: FollowUpView, name: Child, counts: StatusCounts, c: Ctx): Element {
  return h(
    'tr',
    h('th', { scope: 'row' }, name),
    h('td', statusBar(fu, counts, c.t), ' ', h('span', { className: ['fu-counts'] }, countsText(fu, counts, c.t))),
  );
}

/** A baseline or target as text: "2023: 14 %", or "–" when there is none. */
export const yv = (v: ViewIndicator['baseline']) => (v ? (v.year !== undefined ? `${v.year}: ${v.value}` : v.value) : '–');

function indicatorTable(list: ViewIndicator[], c: Ctx): Element {
  const { t } = c;
  return h(
    'div',
    { className: ['table-wrap'] },
    h(
      'table',
      { className: ['indicators'] },
      h('thead', h('tr', h('th', t('Indicator')), h('th', 'Kolada'), h('th', t('Baseline')), h('th', '→'), h('th', t('Target')), h('th', t('Source')))),
      h(
        'tbody',
        list.map((i) =>
          h(
            'tr',
            h('td', place(c, i.loc, i.name || '–')),
            h('td', i.kolada ?? ''),
            h('td', yv(i.baseline)),
            h('td', '→'),
            h('td', yv(i.target)),
            h('td', i.source ?? ''),
          ),
        ),
      ),
    ),
  );
}

const unitName = (u: ViewUnit) => u.heading;

/** The report's title: "Uppföljning 2025: Plan för cykling 2025–2028". */
export function followUpTitle(planTitle: string | undefined, year: number, t: Translate): string {
  return t('Follow-up {0}: {1}', year, planTitle ?? t('(no title)'));
}

/** The follow-up section of the overview: progress per part, per unit and per body, and the indicators. */
export function followUpSection(ov: PlanOverview, o: FollowUpRenderOptions): Element | null {
  const fu = ov.followUp;
  if (!fu) return null;
  const c: Ctx = { interactive: o.interactive, t: o.t ?? english };
  const { t } = c;
  const indicators = fu.units.filter((u) => u.indicators.length);
  return h(
    'section',
    { className: ['followup'], ariaLabelledBy: 'followup-h' },
    h('h2', { id: 'followup-h' }, t('Follow-up')),
    legend(fu, t),
    h(
      'div',
      { className: ['table-wrap'] },
      h(
        'table',
        { className: ['progress'] },
        h('caption', { className: ['sr'] }, t('Progress by status')),
        h(
          'tbody',
          progressRow(fu, h('strong', t('All actions')), fu.total, c),
          fu.parts.map((p) => progressRow(fu, place(c, p.loc, unitName(p)), p.counts, c)),
          fu.units.map((u) => progressRow(fu, place(c, u.loc, unitName(u)), u.counts, c)),
        ),
      ),
    ),
    fu.bodies.length
      ? [
          h('h3', t('By responsible body')),
          h(
            'div',
            { className: ['table-wrap'] },
            h(
              'table',
              { className: ['progress'] },
              h(
                'tbody',
                fu.bodies.map((b) => progressRow(fu, b.name, b.counts, c)),
              ),
            ),
          ),
        ]
      : null,
    indicators.length
      ? [h('h3', t('Indicators')), ...indicators.flatMap((u) => [h('h4', place(c, u.loc, unitName(u))), indicatorTable(u.indicators, c)])]
      : null,
  );
}

/**
 * The follow-up report for a year: a page without script, to save, print or send on. The overview
 * should be made for the year (`planOverview(analysis, today, { followUpYear: year })`).
 */
export function renderFollowUpReport(ov: PlanOverview, year: number, generated: string, o: Omit<FollowUpRenderOptions, 'interactive'> = {}): string {
  const t = o.t ?? english;
  const c: Ctx = { interactive: false, t };
  const fu = ov.followUp;
  const title = followUpTitle(ov.title, year, t);
  const body: Element[] = [h('h1', title)];
  if (!fu) body.push(h('p', t('The plan has no statuses or indicators yet.')));
  else {
    body.push(
      ...reportBasis(fu, year, generated, t).map((line) => h('p', { className: ['hint'] }, line)),
      legend(fu, t),
      h('h2', t('Progress')),
      h(
        'table',
        { className: ['progress'] },
        h(
          'tbody',
          progressRow(fu, h('strong', t('All actions')), fu.total, c),
          fu.parts.map((p) => progressRow(fu, unitName(p), p.counts, c)),
        ),
      ),
    );
    for (const u of fu.units) {
      body.push(h('h2', unitName(u)), h('p', statusBar(fu, u.counts, t), ' ', h('span', { className: ['fu-counts'] }, countsText(fu, u.counts, t))));
      if (u.indicators.length) body.push(h('h3', t('Indicators')), indicatorTable(u.indicators, c));
      if (u.actions.length)
        body.push(
          h('h3', t('Actions')),
          h(
            'table',
            { className: ['actions'] },
            h('thead', h('tr', h('th', t('Action')), h('th', t('Actor')), h('th', t('Status')), h('th', t('Date')), h('th', t('Comment')))),
            h(
              'tbody',
              u.actions.map((a) =>
                h('tr', h('td', a.text), h('td', a.actor ?? '–'), h('td', actionStatusText(fu, a, t)), h('td', a.date ?? ''), h('td', a.comment ?? '')),
              ),
            ),
          ),
        );
    }
    if (fu.bodies.length)
      body.push(
        h('h2', t('By responsible body')),
        h(
          'table',
          { className: ['progress'] },
          h(
            'tbody',
            fu.bodies.map((b) => progressRow(fu, b.name, b.counts, c)),
          ),
        ),
      );
  }
  const head = h(
    'head',
    h('meta', { charSet: 'utf-8' }),
    h('meta', { httpEquiv: 'Content-Security-Policy', content: "default-src 'none'; style-src 'unsafe-inline'; img-src data:" }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', title),
    h('style', `${OVERVIEW_CSS}\n.followup td { vertical-align: top; }`),
  );
  return toHtmlString(
    h(
      null,
      { type: 'doctype' },
      '\n',
      h(
        'html',
        { lang: langTag(o.locale) },
        head,
        h('body', h('main', { className: ['followup'] }, body), h('footer', { className: ['hint'] }, t('Made {0} from the plan’s status lines.', generated))),
      ),
      '\n',
    ),
  );
}
