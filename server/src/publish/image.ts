/** Images the published document carries: their type from the file name and their size in pixels from their header. */

/** An image's bytes and type, read by the caller (a path beside the plan). */
export interface ImageData {
  data: Uint8Array;
  /** png, jpg, gif or bmp (svg is never embedded: it can hold script). */
  type: string;
}

/** Reads an image the plan refers to; undefined when it cannot (missing, unsafe, too large). */
export type ImageLoader = (url: string) => ImageData | undefined;

/** The image type of a file name: png, jpg, gif, bmp, svg, or undefined. */
export function imageType(name: string): string | undefined {
  const m = /\.(png|jpe?g|gif|bmp|svg)$/i.exec(name.replace(/[?#].*$/, ''));
  if (!m) return undefined;
  const ext = m[1].toLowerCase();
  return ext === 'jpeg' ? 'jpg' : ext;
}

const be16 = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const be32 = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
const le16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const le32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + ((b[i + 3] << 24) >>> 0);

/** Width and height in pixels from a PNG, JPEG, GIF or BMP header; undefined when the bytes are not one. */
export function imageSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length >= 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return { width: be32(b, 16), height: be32(b, 20) };
  if (b.length >= 10 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return { width: le16(b, 6), height: le16(b, 8) };
  if (b.length >= 26 && b[0] === 0x42 && b[1] === 0x4d) return { width: le32(b, 18), height: Math.abs(le32(b, 22) | 0) };
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1];
      const length = be16(b, i + 2);
      // Start of frame (baseline, progressive, …), not DHT (c4), JPG (c8) or DAC (cc).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { width: be16(b, i + 7), height: be16(b, i + 5) };
      i += 2 + length;
    }
  }
  return undefined;
}

/** The size to show an image at: its own, no wider than `max` pixels. */
export function fitted(size: { width: number; height: number } | undefined, max = 600): { width: number; height: number } {
  const s = size && size.width > 0 && size.height > 0 ? size : { width: 400, height: 300 };
  const scale = Math.min(1, max / s.width);
  return { width: Math.round(s.width * scale), height: Math.max(1, Math.round(s.height * scale)) };
}
