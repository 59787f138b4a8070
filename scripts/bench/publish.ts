/** Publishing figures: the publication (from the analysed model), Word, the web page, and the import of that Word file. */
import { analyze, publication, TemplateSet } from '../../server/src/core/index';
import { publicationDocx, publicationHtml } from '../../server/src/publish/index';
import { importDocx } from '../../server/src/word/import';
import { f, median, REFERENCE, synthetic } from './common';

/** Publishing the reference plan and a plan ten times its size: the publication (from the analysed model), then Word and the web page. */
export async function publishFigures(runs: number): Promise<void> {
  console.log('\n## Publishing (median of repeated runs, same process; the analysis not included)');
  console.log('| input | size | publication | Word (.docx) | web page (.html) | .docx size | import of that .docx |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, text] of [
    ['reference plan', REFERENCE],
    ['10× reference', synthetic(10)],
  ] as const) {
    const plan = analyze(text, { fileName: 'bench.plan.md' }).plan;
    const pubs: number[] = [];
    const docx: number[] = [];
    const html: number[] = [];
    const back: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs + 1; i++) {
      let t = performance.now();
      const pub = publication(plan);
      const a = performance.now() - t;
      t = performance.now();
      const word = await publicationDocx(pub);
      bytes = word.length;
      const b = performance.now() - t;
      t = performance.now();
      publicationHtml(pub);
      const c = performance.now() - t;
      t = performance.now();
      await importDocx(word, { templates: new TemplateSet(), planName: 'bench.plan.md' });
      const d = performance.now() - t;
      // The first round warms up.
      if (i > 0) [pubs, docx, html, back].forEach((xs, k) => xs.push([a, b, c, d][k]));
    }
    console.log(
      `| ${name} | ${(text.length / 1024).toFixed(0)} KiB | ${f(median(pubs))} ms | ${f(median(docx))} ms | ${f(median(html))} ms | ${(bytes / 1024).toFixed(0)} KiB | ${f(median(back))} ms |`,
    );
  }
}
