/**
 * The exported overview: a self-contained page with the overview and the matrix, to print or
 * save as PDF. No script, no external resource, a Content-Security-Policy that allows neither.
 */
import { h } from 'hastscript';
import type { PlanOverview } from '../core/overview';
import { langTag, toHtmlString } from './html';
import { overviewTree, type RenderOptions } from './overview';
import { OVERVIEW_CSS } from './styles';
import { english } from './text';

export const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The page; `generated` is the export's date, shown in the footer. */
export function renderOverviewPage(ov: PlanOverview, generated: string, o: Omit<RenderOptions, 'interactive'> = {}): string {
  const t = o.t ?? english;
  const title = ov.title ? `${ov.title} – ${t('Plan overview')}` : t('Plan overview');
  const head = h(
    'head',
    '\n',
    h('meta', { charSet: 'utf-8' }),
    '\n',
    h('meta', { httpEquiv: 'Content-Security-Policy', content: EXPORT_CSP }),
    '\n',
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    '\n',
    h('title', title),
    '\n',
    h('style', `${OVERVIEW_CSS}\ndetails > ul { display: block; }`),
    '\n',
  );
  const body = h(
    'body',
    '\n',
    h('main', '\n', overviewTree(ov, { ...o, interactive: false }).children, '\n'),
    '\n',
    h('footer', { className: ['hint'] }, t('Exported {0}.', generated)),
    '\n',
  );
  return toHtmlString(h(null, { type: 'doctype' }, '\n', h('html', { lang: langTag(o.locale) }, '\n', head, '\n', body, '\n'), '\n'));
}
