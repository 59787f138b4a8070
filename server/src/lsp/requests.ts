/**
 * The extension's custom requests (server/src/protocol.ts): templates, a new document from a
 * template, a template as text, the overview of a plan and its exports. plan/checkWorkspace is in
 * workspace.ts.
 */
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
import type { Configuration } from './configuration';
import type { PlanDocuments } from './documents';
import { baseName, onRequest, today, type Guard } from './util';

/** The HTML renderer (hast-util-to-html), loaded at the first overview or export rather than when the server starts. */
const renderer = () => import('../render/index');

export function registerRequests(connection: Connection, documents: PlanDocuments, configuration: Configuration, guard: Guard): void {
  /** The overview's words in the server's language (set by `initialize`). */
  const words = () => ({ t, locale: getLocale() });

  // Each waits for the configuration: a request right after (re)start must see the workspace's templates.
  onRequest(connection, TemplatesRequest, (p) =>
    guard
      .runAsync(
        'templates',
        async (): Promise<TemplateInfo[]> => {
          await configuration.whenLoaded();
          return (configuration.templateSet(p.uri)?.all() ?? []).map((tpl) => ({
            id: tpl.id,
            name: local(tpl.name),
            description: local(tpl.description),
            origin: tpl.origin ?? 'builtin',
          }));
        },
        [],
      )
      .then((r) => r ?? []),
  );

  onRequest(connection, NewDocumentRequest, (p) =>
    guard
      .runAsync(
        'newDocument',
        async () => {
          await configuration.whenLoaded();
          const tpl = configuration.templateSet(p.uri)?.get(p.id);
          return tpl ? { snippet: templateSkeleton(tpl, today()) } : null;
        },
        null,
      )
      .then((r) => r ?? null),
  );

  onRequest(connection, TemplateTextRequest, (p) =>
    guard
      .runAsync(
        'templateText',
        async (): Promise<TemplateTextResult> => {
          await configuration.whenLoaded();
          let tpl = p.id ? configuration.templateSet(p.uri)?.get(p.id) : undefined;
          if (!tpl && p.uri) {
            const c = await documents.analysisFor(p.uri);
            tpl = c && documents.templateOf(c);
          }
          return tpl ? { id: tpl.id, markdown: templateAsMarkdown(tpl) } : {};
        },
        {},
      )
      .then((r) => r ?? {}),
  );

  onRequest(connection, OverviewRequest, (p) =>
    guard
      .runAsync(
        'overview',
        async () => {
          const c = await documents.analysisFor(p.uri);
          if (!c) return null;
          const day = today();
          const overview = await documents.onModel(c, { kind: 'overview', today: day }, (a) => planOverview(a, day));
          const { renderOverviewBody } = await renderer();
          return { uri: p.uri, version: c.version, overview, html: renderOverviewBody(overview, { interactive: true, ...words() }) };
        },
        null,
      )
      .then((r) => r ?? null),
  );

  onRequest(connection, ExportRequest, (p: ExportParams) =>
    guard
      .runAsync(
        'export',
        async (): Promise<ExportResult | null> => {
          const c = await documents.analysisFor(p.uri);
          if (!c || c.status !== 'checked' || !c.isPlan) return null;
          const base = baseName(p.uri).replace(/(\.plan)?\.md$/i, '');
          const day = today();
          if (p.format === 'json') {
            const data = await documents.onModel(c, { kind: 'export', today: day }, (a) => exportPlan(a, day));
            return { content: JSON.stringify(data, null, 2) + '\n', suggestedName: `${base}.json` };
          }
          const overview = await documents.onModel(c, { kind: 'overview', today: day }, (a) => planOverview(a, day));
          const { renderOverviewPage } = await renderer();
          return { content: renderOverviewPage(overview, day, words()), suggestedName: `${base}.html` };
        },
        null,
      )
      .then((r) => r ?? null),
  );
}
