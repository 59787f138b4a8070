/**
 * The extension's custom requests (server/src/protocol.ts): templates, a new document from a
 * template, a template as text, the overview of a plan and its exports. plan/checkWorkspace is in
 * workspace.ts.
 */
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { exportPlan, getLocale, local, planOverview, t, templateAsMarkdown, templateSkeleton } from '../core/index';
import {
  ExportRequest,
  NewDocumentRequest,
  OverviewRequest,
  TemplatesRequest,
  TemplateTextRequest,
  type ExportParams,
  type ExportResult,
  type TemplateInfo,
  type TemplateTextResult,
} from '../protocol';
import { renderOverviewBody, renderOverviewPage } from '../render/index';
import type { Configuration } from './configuration';
import type { PlanDocuments } from './documents';
import { onRequest, today, uriToPath, type Guard } from './util';

export function registerRequests(connection: Connection, documents: PlanDocuments, configuration: Configuration, guard: Guard): void {
  /** The overview's words in the server's language (set by `initialize`). */
  const words = () => ({ t, locale: getLocale() });

  onRequest(connection, TemplatesRequest, (p) =>
    guard.run(
      'templates',
      (): TemplateInfo[] =>
        (configuration.templateSet(p.uri)?.all() ?? []).map((tpl) => ({
          id: tpl.id,
          name: local(tpl.name),
          description: local(tpl.description),
          origin: tpl.origin ?? 'builtin',
        })),
      [],
    ),
  );

  onRequest(connection, NewDocumentRequest, (p) =>
    guard.run(
      'newDocument',
      () => {
        const tpl = configuration.templateSet(p.uri)?.get(p.id);
        return tpl ? { snippet: templateSkeleton(tpl, today()) } : null;
      },
      null,
    ),
  );

  onRequest(connection, TemplateTextRequest, (p) =>
    guard.run(
      'templateText',
      (): TemplateTextResult => {
        let tpl = p.id ? configuration.templateSet(p.uri)?.get(p.id) : undefined;
        if (!tpl && p.uri) tpl = documents.analysisFor(p.uri)?.analysis.plan.template;
        return tpl ? { id: tpl.id, markdown: templateAsMarkdown(tpl) } : {};
      },
      {},
    ),
  );

  onRequest(connection, OverviewRequest, (p) =>
    guard.run(
      'overview',
      () => {
        const c = documents.analysisFor(p.uri);
        if (!c) return null;
        const overview = planOverview(c.analysis, today());
        return { uri: p.uri, version: c.version, overview, html: renderOverviewBody(overview, { interactive: true, ...words() }) };
      },
      null,
    ),
  );

  onRequest(connection, ExportRequest, (p: ExportParams) =>
    guard.run(
      'export',
      (): ExportResult | null => {
        const c = documents.analysisFor(p.uri);
        if (!c || !c.analysis.plan.planBy) return null;
        const base = path.basename(uriToPath(p.uri) ?? 'plan.md').replace(/(\.plan)?\.md$/i, '');
        if (p.format === 'json') return { content: JSON.stringify(exportPlan(c.analysis, today()), null, 2) + '\n', suggestedName: `${base}.json` };
        return { content: renderOverviewPage(planOverview(c.analysis, today()), today(), words()), suggestedName: `${base}.html` };
      },
      null,
    ),
  );
}
