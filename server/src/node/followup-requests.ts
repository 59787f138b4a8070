/**
 * The follow-up requests (server/src/protocol.ts): the worksheet for a year as Excel or CSV, the
 * follow-up report as HTML or Word, and a filled-in worksheet read back as edits of the plan, which the
 * client shows as a diff and applies only when the writer accepts them.
 */
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { analyze, levels, local, t, type Analysis } from '../core/index';
import { applyEdits, applyWorksheet, worksheetFor } from '../core/followup/worksheet';
import { FollowUpApplyRequest, FollowUpReportRequest, FollowUpWorksheetRequest, type FollowUpApplyResult, type FollowUpFileResult } from '../protocol';
import type { PlanDocuments } from '../lsp/documents';
import { loadApart } from './apart';
import { uriToPath } from './host';
import { onRequest, today, type Guard } from '../lsp/util';

/**
 * exceljs, loaded when a worksheet is first asked for. The build makes it a bundle of its own
 * (dist/worksheet.js, `loadApart`): neither the server's start nor the analysis workers need it.
 */
const worksheets = () => loadApart('worksheet.js', () => import('../node/worksheet'));

/** The largest worksheet read back (bytes): a worksheet of a plan is far smaller. */
const MAX_WORKSHEET = 20_000_000;

function baseName(uri: string): string {
  return path.basename(uriToPath(uri) ?? 'plan.md').replace(/(\.plan)?\.md$/i, '');
}

function validYear(y: unknown): number {
  const n = Number(y);
  return Number.isInteger(n) && n >= 1900 && n <= 2200 ? n : new Date().getFullYear();
}

export function registerFollowUpRequests(connection: Connection, documents: PlanDocuments, guard: Guard): void {
  /** The plan model of an open plan that its worker checked within the budget. */
  const model = async (uri: string): Promise<{ analysis: Analysis; version: number } | undefined> => {
    const c = await documents.analysisFor(uri);
    if (!c || c.status !== 'checked' || !c.isPlan) return undefined;
    return { analysis: c.analysis ?? analyze(c.text, c.options), version: c.version };
  };

  onRequest(connection, FollowUpWorksheetRequest, (p) =>
    guard
      .runAsync(
        'followUpWorksheet',
        async (): Promise<FollowUpFileResult | null> => {
          const m = await model(p.uri);
          if (!m) return null;
          const year = validYear(p.year);
          const ws = worksheetFor(m.analysis.plan, year);
          const tpl = m.analysis.plan.template;
          const names = tpl ? levels(tpl).map((l) => l.label ?? local(l.name)) : [];
          const { worksheetCsv, worksheetXlsx } = await worksheets();
          const data = p.format === 'csv' ? await worksheetCsv(ws, names, t) : await worksheetXlsx(ws, names, t);
          return {
            content: data.toString('base64'),
            encoding: 'base64',
            suggestedName: `${baseName(p.uri)}-${t('follow-up')}-${year}.${p.format === 'csv' ? 'csv' : 'xlsx'}`,
          };
        },
        null,
      )
      .then((r) => r ?? null),
  );

  onRequest(connection, FollowUpReportRequest, (p) =>
    guard
      .runAsync(
        'followUpReport',
        async (): Promise<FollowUpFileResult | null> => {
          const m = await model(p.uri);
          if (!m) return null;
          const year = validYear(p.year);
          const format = p.format === 'docx' ? 'docx' : 'html';
          // Word and the web page are loaded when first asked for (the server's start).
          const { followUpReportFile } = await import('./followup-report');
          const data = await followUpReportFile(m.analysis, year, format, today());
          return {
            content: typeof data === 'string' ? data : Buffer.from(data).toString('base64'),
            encoding: typeof data === 'string' ? 'utf8' : 'base64',
            suggestedName: `${baseName(p.uri)}-${t('follow-up')}-${year}.${format}`,
          };
        },
        null,
      )
      .then((r) => r ?? null),
  );

  onRequest(connection, FollowUpApplyRequest, (p) =>
    guard
      .runAsync(
        'followUpApply',
        async (): Promise<FollowUpApplyResult | null> => {
          const m = await model(p.uri);
          if (!m) return null;
          const { plan } = m.analysis;
          const bytes = Buffer.from(String(p.content ?? ''), 'base64');
          const none = (problem: string): FollowUpApplyResult => ({
            version: m.version,
            edits: [],
            proposed: plan.md.text,
            changed: 0,
            problems: [problem],
            kept: [],
          });
          if (bytes.length > MAX_WORKSHEET) return none(t('The file is too large to be a worksheet.'));
          const { readWorksheet, WorksheetError } = await worksheets();
          let rows;
          try {
            rows = await readWorksheet(bytes, t);
          } catch (e) {
            if (e instanceof WorksheetError) return none(e.message);
            throw e;
          }
          const applied = applyWorksheet(plan, rows);
          const lines = plan.md.lines;
          return {
            version: m.version,
            edits: applied.edits.map((e) => ({ range: { start: lines.positionAt(e.range.start), end: lines.positionAt(e.range.end) }, newText: e.newText })),
            proposed: applyEdits(plan.md.text, applied.edits),
            changed: applied.changed,
            problems: applied.problems.map((x) => t(x.message, ...x.args)),
            kept: applied.kept.map((x) => t(x.message, ...x.args)),
          };
        },
        null,
      )
      .then((r) => r ?? null),
  );
}
