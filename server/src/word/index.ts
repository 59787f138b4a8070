/** The Word import (Node only): a .docx as a plan in Markdown. */
export { DocxError, imageFolder, importDocx, planFileName, type ImportedImage, type ImportOptions, type ImportResult } from './import';
export { readDocxFile, MAX_DOCX_BYTES } from './file';
