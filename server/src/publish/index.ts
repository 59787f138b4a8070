/**
 * Publishing: the plan as the formal document, as Word (.docx) or as a web page (.html). Shared by
 * `plan-publish` and the language server (plan/publish). No Node API.
 */
import type { Publication } from '../core/publication';
import { publicationDocx } from './docx';
import { publicationHtml } from './html';
import type { ImageData, ImageLoader } from './image';

export type PublishFormat = 'docx' | 'html';
export const PUBLISH_FORMATS: readonly PublishFormat[] = ['docx', 'html'];

export { publicationDocx } from './docx';
export { publicationHtml } from './html';
export { imageSize, imageType, type ImageData, type ImageLoader } from './image';

/** The document in a format: bytes for Word, text for the web page. */
export async function renderPublication(pub: Publication, format: PublishFormat, image?: ImageLoader, logo?: ImageData): Promise<Uint8Array | string> {
  return format === 'docx' ? publicationDocx(pub, { image, logo }) : publicationHtml(pub, { image, logo });
}

/** The published file's name for a plan's: `cykel.plan.md` → `cykel.docx`. */
export function publishedName(planName: string, format: PublishFormat | 'pdf'): string {
  const base = planName.replace(/(\.plan)?\.(md|markdown)$/i, '') || 'plan';
  return `${base}.${format}`;
}

/** The format a file name asks for, from its extension. */
export function formatOfName(name: string): PublishFormat | undefined {
  if (/\.docx$/i.test(name)) return 'docx';
  if (/\.html?$/i.test(name)) return 'html';
  return undefined;
}
