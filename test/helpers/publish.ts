/** Shared by the publishing tests: the example plans, analysed with the templates and registry that apply to each. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, publication, type Analysis, type Publication } from '../../server/src/core/index';
import { ConfigSearch } from '../../server/src/node/config';

export const ROOT = join(__dirname, '../..');
export const REFERENCE = join(ROOT, 'examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? markdownFiles(p) : /\.md$/i.test(n) ? [p] : [];
    });
}

const search = new ConfigSearch();

export async function analyzeFile(file: string, text = readFileSync(file, 'utf8')): Promise<Analysis> {
  const scope = await search.forFile(file);
  return analyze(text, { fileName: file, templates: scope.templates, registry: scope.registry });
}

/** Every plan under examples/ (the reference plan among them), with its publication. */
export async function examplePlans(): Promise<Array<{ file: string; text: string; analysis: Analysis; pub: Publication }>> {
  const out = [];
  for (const file of markdownFiles(join(ROOT, 'examples'))) {
    const text = readFileSync(file, 'utf8');
    const analysis = await analyzeFile(file, text);
    if (analysis.plan.planBy) out.push({ file, text, analysis, pub: publication(analysis.plan) });
  }
  return out;
}

/** The words of a text, for word-for-word comparisons apart from markup. */
export function words(s: string): string[] {
  return s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Whether `needle` occurs in `hay` in order (other words between allowed); the first word that does not, else undefined. */
export function missingInOrder(needle: string[], hay: string[]): { word: string; index: number } | undefined {
  let j = 0;
  for (let i = 0; i < needle.length; i++) {
    while (j < hay.length && hay[j] !== needle[i]) j++;
    if (j === hay.length) return { word: needle[i], index: i };
    j++;
  }
  return undefined;
}

/** A one-pixel PNG (red), for the image tests. */
export const PNG_1PX = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='), (c) =>
  c.charCodeAt(0),
);
