/**
 * The follow-up report for a year as a Word document, on the publishing's frame (docx.ts): the
 * template's look, the header block that identifies the plan, the footer with the diarienummer, the
 * document properties and the language. In it: what date the report reflects, the progress per part
 * and unit as a table of counts per status (the bar's numbers), and per unit its indicators and its
 * actions with status, date and comment, in Word's heading styles and tables with header rows.
 * The same view and words as the HTML report (render/followup.ts). No Node API.
 */
import { Document, Packer, Paragraph, TextRun, type ParagraphChild, type Table } from 'docx';
import type { FollowUpView, StatusCounts, ViewUnit } from '../core/overview';
import type { Publication } from '../core/publication';
import { actionStatusText, countsText, followUpTitle, reportBasis, yv } from '../render/followup';
import type { Translate } from '../render/text';
import { documentFrame, gridTable, headerBlock, HEADINGS, logoParagraph, xmlSafe, type Block, type DocxOptions } from './docx';
import { lookOf } from './look';

export interface FollowUpDocxInput {
  /** The publication of the plan: its header block, diarienummer, look and language. */
  pub: Publication;
  /** The follow-up view for the year (`planOverview(…, { followUpYear })`); undefined when the plan has no statuses or indicators. */
  followUp: FollowUpView | undefined;
  year: number;
  /** The date the report is made, YYYY-MM-DD. */
  generated: string;
  t: Translate;
  /** The name of the progress table's first column: the template's first level ("Del"). */
  rowTitle?: string;
}

const heading = (level: number, text: string) => new Paragraph({ heading: HEADINGS[Math.min(level, 6) - 1], children: [new TextRun(xmlSafe(text))] });
const para = (text: string) => new Paragraph({ children: [new TextRun(xmlSafe(text))] });
const cell = (text: string, bold = false): ParagraphChild[] =>
  text ? [new TextRun({ text: xmlSafe(text).replace(/[\r\n]+/g, ' '), bold: bold || undefined })] : [];

/** A table of text whose first row is the header row. */
function textTable(header: string[], rows: string[][]): Table {
  return gridTable([header.map((h) => cell(h, true)), ...rows.map((r) => r.map((c) => cell(c)))]);
}

/** The progress as numbers: a row per part or unit, a column per status, then without status and the total. */
function progressTable(fu: FollowUpView, rows: Array<{ name: string; counts: StatusCounts }>, first: string, t: Translate): Table {
  const ids = [...fu.statuses.map((s) => s.id), 'none'];
  const header = [first, ...fu.statuses.map((s) => s.label), t('no status'), t('Total')];
  return textTable(
    header,
    rows.map((r) => [r.name, ...ids.map((id) => String(r.counts[id] ?? 0)), String(ids.reduce((n, id) => n + (r.counts[id] ?? 0), 0))]),
  );
}

function unitBlocks(fu: FollowUpView, u: ViewUnit, level: number, t: Translate): Block[] {
  const out: Block[] = [heading(level, u.heading), para(countsText(fu, u.counts, t) || t('No actions'))];
  if (u.indicators.length) {
    out.push(
      heading(level + 1, t('Indicators')),
      textTable(
        [t('Indicator'), 'Kolada', t('Baseline'), t('Target'), t('Source')],
        u.indicators.map((i) => [i.name || '–', i.kolada ?? '', yv(i.baseline), yv(i.target), i.source ?? '']),
      ),
    );
  }
  if (u.actions.length) {
    out.push(
      heading(level + 1, t('Actions')),
      textTable(
        [t('Action'), t('Actor'), t('Status'), t('Date'), t('Comment')],
        u.actions.map((a) => [a.text, a.actor ?? '–', actionStatusText(fu, a, t), a.date ?? '', a.comment ?? '']),
      ),
    );
  }
  return out;
}

/** The units under their parts (by their place in the plan), or the units alone when the template has one level. */
function body(fu: FollowUpView, t: Translate): Block[] {
  if (!fu.parts.length) return fu.units.flatMap((u) => unitBlocks(fu, u, 2, t));
  const out: Block[] = [];
  fu.parts.forEach((p, i) => {
    const next = fu.parts[i + 1]?.loc.line ?? Infinity;
    out.push(heading(2, p.heading), para(countsText(fu, p.counts, t) || t('No actions')));
    for (const u of fu.units) if (u.loc.line > p.loc.line && u.loc.line < next) out.push(...unitBlocks(fu, u, 3, t));
  });
  const before = fu.units.filter((u) => u.loc.line < fu.parts[0].loc.line);
  return [...before.flatMap((u) => unitBlocks(fu, u, 2, t)), ...out];
}

/** The follow-up report as a Word document (.docx bytes). */
export async function followUpDocx(input: FollowUpDocxInput, o: Pick<DocxOptions, 'logo'> = {}): Promise<Uint8Array> {
  const { pub, followUp: fu, year, generated, t } = input;
  const title = followUpTitle(pub.title || undefined, year, t);
  const children: Block[] = [...logoParagraph(o.logo, lookOf(pub.look)), heading(1, title), headerBlock(pub), new Paragraph({})];
  if (!fu) children.push(para(t('The plan has no statuses or indicators yet.')));
  else {
    children.push(...reportBasis(fu, year, generated, t).map(para));
    children.push(
      heading(2, t('Progress')),
      progressTable(
        fu,
        [{ name: t('All actions'), counts: fu.total }, ...(fu.parts.length ? fu.parts : fu.units).map((u) => ({ name: u.heading, counts: u.counts }))],
        input.rowTitle ?? '',
        t,
      ),
      ...body(fu, t),
    );
    if (fu.bodies.length) children.push(heading(2, t('By responsible body')), progressTable(fu, fu.bodies, t('Responsible body'), t));
  }
  children.push(new Paragraph({ children: [new TextRun({ text: xmlSafe(t('Made {0} from the plan’s status lines.', generated)), italics: true })] }));
  const properties = {
    ...pub.properties,
    title,
    subject: t('Follow-up report'),
    description: reportBasis(fu ?? { later: 0 }, year, generated, t)[0],
  };
  return Packer.pack(new Document(documentFrame(pub, properties, children)), 'uint8array');
}
