/**
 * Reading a .docx with mammoth: the style map (Word's heading styles in English and Swedish Word,
 * the title, Innehåll's own styles), headings in documents without heading styles (promote.ts),
 * images collected with their alt text, and a check of the file before anything is unpacked.
 */
import mammoth from 'mammoth';
import { promoteHeadings, type PromoteOptions, type PromoteResult, type WordNode } from './promote';
import { checkZip, DocxError } from './zip';

export { DocxError };

export interface DocxImage {
  /** 1, 2, … in document order. */
  index: number;
  contentType: string;
  data: Uint8Array;
  altText?: string;
  /** The `src` the HTML refers to it by, replaced by the caller with the file's path. */
  src: string;
}

export interface DocxContent {
  html: string;
  images: DocxImage[];
  /** mammoth's warnings, as it wrote them. */
  messages: string[];
  /** Paragraph styles mammoth did not know (their text became ordinary paragraphs). */
  unknownStyles: string[];
  headings: PromoteResult;
  comments: number;
}

/**
 * Word's heading styles under their English and Swedish names (style names are compared without
 * regard to case), the title, Innehåll's styles as nested lists, and the subtitle as text.
 */
export const STYLE_MAP: string[] = [
  ...[1, 2, 3, 4, 5, 6].flatMap((n) => [
    `p[style-name='Heading ${n}'] => h${n}:fresh`,
    `p[style-name='Rubrik ${n}'] => h${n}:fresh`,
    `p.Rubrik${n} => h${n}:fresh`,
  ]),
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Rubrik'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  ...['Quote', 'Citat', 'Intense Quote', 'Starkt citat'].map((name) => `p[style-name='${name}'] => blockquote > p:fresh`),
  "p[style-name='Underrubrik'] => p:fresh",
  ...[1, 2, 3].flatMap((n) => {
    const path = Array<string>(n).fill('ul > li').join(' > ') + ':fresh';
    return [`p[style-name='toc ${n}'] => ${path}`, `p[style-name='Innehåll ${n}'] => ${path}`, `p[style-name='Innehållsförteckning ${n}'] => ${path}`];
  }),
];

/** Converts a .docx to HTML. Throws `DocxError` for a file that is not a readable Word document. */
export async function readDocx(data: Uint8Array, options: PromoteOptions): Promise<DocxContent> {
  checkZip(data);
  const images: DocxImage[] = [];
  let headings: PromoteResult = { styled: true, promoted: [], kept: [] };
  let comments = 0;
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let result: { value: string; messages: Array<{ type: string; message: string }> };
  try {
    result = await mammoth.convertToHtml(
      { buffer },
      {
        styleMap: STYLE_MAP,
        transformDocument: (doc: WordNode & { comments?: unknown[] }) => {
          comments = doc.comments?.length ?? 0;
          headings = promoteHeadings(doc, options);
          return doc;
        },
        convertImage: mammoth.images.imgElement(async (image) => {
          const index = images.length + 1;
          const src = `plan-import-image:${index}`;
          images.push({
            index,
            contentType: image.contentType,
            data: new Uint8Array(await image.readAsArrayBuffer()),
            altText: (image as { altText?: string }).altText,
            src,
          });
          return { src };
        }),
      },
    );
  } catch (e) {
    throw new DocxError(e instanceof Error ? e.message : String(e));
  }
  const unknownStyles = new Set<string>();
  const messages: string[] = [];
  for (const m of result.messages) {
    const style = /^Unrecognised paragraph style: '([^']*)'/.exec(m.message);
    if (style) unknownStyles.add(style[1]);
    else if (!/^Unrecognised run style/.test(m.message)) messages.push(m.message);
  }
  return { html: result.value, images, messages, unknownStyles: [...unknownStyles], headings, comments };
}
