/**
 * plan/publish: the plan as the formal document, as Word (base64) or as a web page, from the
 * publication the worker that holds the plan's model makes (the same data on the server's thread
 * otherwise). Images are read beside the plan, for a document on disk.
 */
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { publication, type Publication } from '../core/index';
import { imageLoader, templateLogo } from './images';
import { PublishRequest, type PublishParams, type PublishResult } from '../protocol';
import type { PlanDocuments } from '../lsp/documents';
import { uriToPath } from './host';
import { onRequest, type Guard } from '../lsp/util';

/** Word and the web page (docx, hast), loaded when a plan is first published rather than at the server's start. */
const publishing = () => import('../publish/index');

export function registerPublish(connection: Connection, documents: PlanDocuments, guard: Guard): void {
  onRequest(connection, PublishRequest, (p: PublishParams) =>
    guard
      .runAsync(
        'publish',
        async (): Promise<PublishResult | null> => {
          if (p.format !== 'docx' && p.format !== 'html') return null;
          const c = await documents.analysisFor(p.uri);
          if (!c || c.status !== 'checked' || !c.isPlan) return null;
          const pub = await documents.onModel<Publication>(c, { kind: 'publish' }, (a) => publication(a.plan));
          const file = uriToPath(p.uri);
          const { publishedName, renderPublication } = await publishing();
          const content = await renderPublication(pub, p.format, file ? imageLoader(file) : undefined, templateLogo(pub));
          return {
            content: typeof content === 'string' ? content : Buffer.from(content).toString('base64'),
            encoding: typeof content === 'string' ? 'utf8' : 'base64',
            suggestedName: publishedName(path.basename(file ?? 'plan.md'), p.format),
            errors: c.findings.filter((f) => f.severity === 'error').length,
          };
        },
        null,
      )
      .then((r) => r ?? null),
  );
}
