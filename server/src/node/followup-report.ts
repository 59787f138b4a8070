/**
 * The follow-up report for a year as a file, HTML or Word: shared by the language server
 * (plan/followUpReport) and plan-check (--followup-report). Both formats are made from the same
 * overview for the year (statuses dated after it set aside, core/followup/year.ts).
 */
import { getLocale, planOverview, publication, t, type Analysis } from '../core/index';
import { levelTitle } from '../core/followup/index';
import { followUpDocx } from '../publish/followup';
import { renderFollowUpReport } from '../render/index';
import { templateLogo } from './images';

export type FollowUpReportFormat = 'html' | 'docx';

/** The report's bytes (Word) or text (HTML), in the user's language. */
export async function followUpReportFile(analysis: Analysis, year: number, format: FollowUpReportFormat, today: string): Promise<Uint8Array | string> {
  const overview = planOverview(analysis, today, { followUpYear: year });
  const locale = getLocale();
  if (format === 'html') return renderFollowUpReport(overview, year, today, { t, locale });
  const pub = publication(analysis.plan, { language: locale === 'en' ? 'en' : 'sv' });
  return followUpDocx({ pub, followUp: overview.followUp, year, generated: today, t, rowTitle: levelTitle(analysis.plan, 0) }, { logo: templateLogo(pub) });
}
