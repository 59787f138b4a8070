/** Reading a .docx from disk: only a regular file, and only up to a size. */
import { constants as fsConstants, promises as fs } from 'node:fs';
import { t } from '../core/l10n';
import { DocxError } from './zip';

/** The largest .docx read, in bytes. */
export const MAX_DOCX_BYTES = 100 * 1024 * 1024;

/** The file's bytes; throws `DocxError` for a file that is missing, not a regular file or too large. */
export async function readDocxFile(file: string, maxBytes = MAX_DOCX_BYTES): Promise<Uint8Array> {
  let handle: import('node:fs/promises').FileHandle;
  try {
    handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DocxError(code === 'ENOENT' ? t('The file does not exist.') : t('The file cannot be read: {0}', code ?? String(e)));
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new DocxError(t('The file is not a regular file (it is a folder, device or pipe) and is not read.'));
    if (st.size > maxBytes)
      throw new DocxError(t('The file is too large to import ({0} MB; the limit is {1} MB).', Math.ceil(st.size / 1048576), Math.floor(maxBytes / 1048576)));
    return new Uint8Array(await handle.readFile());
  } catch (e) {
    if (e instanceof DocxError) throw e;
    throw new DocxError(t('The file cannot be read: {0}', (e as NodeJS.ErrnoException).code ?? String(e)));
  } finally {
    await handle.close().catch(() => undefined);
  }
}
