/** The language server's host on Node: files on disk, analyses in worker threads with a time budget. */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AnalysisPool } from '../lsp/analysis';
import type { ServerHost } from '../lsp/host';
import { NODE_FS } from './config';

/** The file a `file:` URI names; undefined for other schemes or a malformed URI. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export const NODE_HOST: ServerHost = {
  fs: NODE_FS,
  toFile: uriToPath,
  toUri: (file) => pathToFileURL(file).toString(),
  relative: (root, file) => {
    const rel = path.relative(root, file);
    return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel.split(path.sep).join('/');
  },
  createAnalyzer: (options) => new AnalysisPool(options),
};
