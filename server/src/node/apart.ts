/**
 * The bundles built apart (scripts/build.mjs) and loaded when first needed: the Word importer
 * (dist/word.js) and exceljs (dist/worksheet.js). The server's bundle requires them rather than
 * import() them: it may run as a script through the code cache (code-cache.ts), where import()
 * needs Node's experimental loader hook. From the sources, `fromSources` imports the modules.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

export async function loadApart<T>(bundle: string, fromSources: () => Promise<T>): Promise<T> {
  const file = path.join(__dirname, bundle);
  if (path.basename(__filename) === 'server-main.js' && existsSync(file)) return createRequire(__filename)(file) as T;
  return fromSources();
}
