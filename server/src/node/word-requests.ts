/**
 * plan/importWord: a Word document as a plan, with the templates that apply in its folder. The
 * importer (mammoth, rehype) is loaded at the first import, not when the server starts.
 */
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { t } from '../core/index';
import { ImportWordRequest, type ImportWordResult } from '../protocol';
import type { Configuration } from '../lsp/configuration';
import { loadApart } from './apart';
import { uriToPath } from './host';
import { onRequest, type Guard } from '../lsp/util';

type Importer = typeof import('../word/index');

/**
 * The importer: dist/word.js beside the server's bundle (built apart, so that the server and its
 * analysis workers do not load mammoth at start), or the sources when the server runs from them.
 */
async function loadImporter(): Promise<Importer> {
  // Not a literal: esbuild leaves the import alone instead of bundling the importer into the server.
  const sources = '../word/index';
  const m = await loadApart<Importer & { default?: Importer }>('word.js', () => import(sources));
  return m.default && 'importDocx' in m.default ? m.default : m;
}

export function registerWordImport(connection: Connection, configuration: Configuration, guard: Guard): void {
  onRequest(connection, ImportWordRequest, (p) =>
    guard
      .runAsync(
        'importWord',
        async (): Promise<ImportWordResult> => {
          await configuration.whenLoaded();
          const file = uriToPath(p.uri);
          if (!file) return { error: t('Only files on disk can be imported.') };
          const templates = configuration.templateSet(p.uri);
          if (!templates) return { error: t('The templates are not loaded yet.') };
          if (p.templateId && !templates.get(p.templateId)) return { error: t('Unknown template {0}.', p.templateId) };
          const { DocxError, importDocx, planFileName, readDocxFile } = await loadImporter();
          try {
            const data = await readDocxFile(file);
            const docx = path.basename(file);
            const r = await importDocx(data, {
              templates,
              templateId: p.templateId,
              planName: p.planName ? path.basename(p.planName) : docx.replace(/\.docx$/i, '') + '.md',
            });
            return {
              markdown: r.markdown,
              templateId: r.template.id,
              suggestedName: planFileName(docx, r.template),
              images: r.images.map((i) => ({ path: i.path, data: Buffer.from(i.data).toString('base64') })),
              notes: r.notes,
            };
          } catch (e) {
            if (e instanceof DocxError) return { error: e.message };
            throw e;
          }
        },
        { error: t('The import failed; the output channel Plan says why.') },
      )
      .then((r) => r ?? { error: t('The import failed; the output channel Plan says why.') }),
  );
}
