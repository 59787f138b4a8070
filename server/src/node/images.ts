/**
 * Images a published plan refers to, read from disk beside the plan: only relative paths (no
 * address with a scheme, no absolute path), only regular files of a known image type and at most
 * 20 MB. Anything else is left to the renderers, which write the alt text instead.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Publication } from '../core/publication';
import { imageType, type ImageData, type ImageLoader } from '../publish/image';

const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export function imageLoader(planFile: string): ImageLoader {
  const dir = path.dirname(path.resolve(planFile));
  return (url) => {
    let rel: string;
    try {
      rel = decodeURIComponent(url.replace(/[?#].*$/, ''));
    } catch {
      return undefined;
    }
    if (!rel || /^[a-z][a-z0-9+.-]*:/i.test(rel) || path.isAbsolute(rel) || rel.startsWith('//')) return undefined;
    const type = imageType(rel);
    if (!type || type === 'svg') return undefined;
    const file = path.resolve(dir, rel);
    try {
      const st = statSync(file);
      if (!st.isFile() || st.size > MAX_IMAGE_BYTES) return undefined;
      return { data: new Uint8Array(readFileSync(file)), type };
    } catch {
      return undefined;
    }
  };
}

/** The logo of the template's look, relative to the template file; undefined for a built-in template or one without a logo. */
export function templateLogo(pub: Pick<Publication, 'look' | 'templateFile'>): ImageData | undefined {
  const { look, templateFile } = pub;
  if (!look.logo || !templateFile) return undefined;
  let file = templateFile;
  if (file.startsWith('file:')) {
    try {
      file = fileURLToPath(file);
    } catch {
      return undefined;
    }
  }
  return path.isAbsolute(file) ? imageLoader(file)(look.logo) : undefined;
}
