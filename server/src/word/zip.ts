/**
 * A look at a .docx before it is unpacked: that it is a zip archive holding a Word document, and
 * that it does not unpack to more than it may (a zip bomb). Reads only the archive's central
 * directory (APPNOTE.TXT 4.3.12–4.3.16), whose entries state each file's unpacked size.
 */
import { t } from '../core/l10n';

/** A file that is not a readable Word document; the message says why, in the user's language. */
export class DocxError extends Error {}

/** The most a .docx may unpack to, in bytes. */
export const MAX_UNPACKED = 512 * 1024 * 1024;

export function checkZip(data: Uint8Array): void {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u32 = (at: number) => view.getUint32(at, true);
  const u16 = (at: number) => view.getUint16(at, true);
  if (data.length >= 8 && u32(0) === 0xe011cfd0) throw new DocxError(t('This is a Word 97–2003 document (.doc). Open it in Word and save it as .docx.'));
  if (data.length < 22 || u32(0) !== 0x04034b50) throw new DocxError(t('This is not a Word document (.docx): it is not a zip archive.'));
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--)
    if (u32(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new DocxError(t('The file is damaged: the zip archive has no table of contents.'));
  const count = u16(eocd + 10);
  let at = u32(eocd + 16);
  // Zip64 (for archives of more than 65 535 files or 4 GB): no Word document of a size that is read needs it.
  if (count === 0xffff || at === 0xffffffff)
    throw new DocxError(t('The document is a Zip64 archive, which only very large documents need; it is not imported.'));
  let total = 0;
  let document = false;
  for (let n = 0; n < count; n++) {
    if (at + 46 > data.length || u32(at) !== 0x02014b50) throw new DocxError(t('The file is damaged: the zip archive’s table of contents is broken.'));
    const unpacked = u32(at + 24);
    const nameLength = u16(at + 28);
    const name = new TextDecoder().decode(data.subarray(at + 46, at + 46 + nameLength));
    if (name === 'word/document.xml') document = true;
    total += unpacked === 0xffffffff ? Infinity : unpacked;
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
  }
  if (!document) throw new DocxError(t('This is not a Word document (.docx): the archive holds no word/document.xml.'));
  if (total > MAX_UNPACKED) throw new DocxError(t('The document unpacks to more than {0} MB; it is not imported.', MAX_UNPACKED / 1024 / 1024));
}
