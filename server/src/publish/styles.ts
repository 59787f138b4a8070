import type { Look } from './look';

/** The published web page's styles: plain and readable on screen, and for print (A4, no link colours, page breaks before parts). */
export const PUBLISH_CSS = `
:root { color-scheme: light; }
body { font-family: Calibri, Carlito, "Segoe UI", system-ui, sans-serif; font-size: 1.05rem; line-height: 1.5; color: #1a1a1a; background: #ffffff; margin: 0 auto; max-width: 46rem; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1.2rem; margin: 1.5rem 0 .4rem; }
h4, h5, h6 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
a { color: #0b4f9c; }
a:focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #8c8c8c; padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
.header-block { width: 100%; }
.header-block th { width: 35%; }
nav.contents { border-top: 1px solid #8c8c8c; border-bottom: 1px solid #8c8c8c; margin: 1.5rem 0; padding-bottom: .5rem; }
nav.contents ol { list-style: none; padding-left: 1.2rem; margin: .2rem 0; }
nav.contents > ol { padding-left: 0; }
img { max-width: 100%; height: auto; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 4px solid #8c8c8c; }
pre, code { font-family: Consolas, "DejaVu Sans Mono", monospace; }
pre { white-space: pre-wrap; background: #f5f5f5; padding: .5rem; }
footer { border-top: 1px solid #8c8c8c; margin-top: 2rem; padding-top: .5rem; color: #4a4a4a; font-size: .9rem; }
.image-missing { font-style: italic; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, h4 { break-after: avoid; }
  table, figure, img { break-inside: avoid; }
  nav.contents { break-after: page; }
  footer { position: static; }
  @page { size: A4; margin: 2cm; }
}
`;

/** The template's look as CSS: its values are checked (look.ts), so they cannot end the rule or the element. */
export function lookCss(look: Look): string {
  const rules = [`body { font-family: "${look.font}", Calibri, Carlito, system-ui, sans-serif; font-size: ${look.fontSize}pt; }`];
  rules.push(
    `h1, h2, h3, h4, h5, h6 { font-family: "${look.headingFont}", "${look.font}", system-ui, sans-serif;${look.headingColor ? ` color: #${look.headingColor};` : ''} }`,
  );
  rules.push(`@media print { @page { margin: ${look.margin}cm; } }`);
  rules.push('.logo { display: block; max-width: 200px; height: auto; margin-bottom: 1rem; }');
  return rules.join('\n') + '\n';
}
