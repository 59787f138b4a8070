// Minimal reproductions of micromark's super-linear inputs (docs/upstream/micromark.md): each input
// at about n and 2n characters, parsed by micromark alone (to HTML) and by mdast-util-from-markdown
// (the tree remark-parse builds), with the CPU time and the growth per character (1.0 is linear). Run: node scripts/parser-cases.mjs [--scale 0.5]
import { micromark } from 'micromark';
import { fromMarkdown } from 'mdast-util-from-markdown';

const scale = Number(process.argv[process.argv.indexOf('--scale') + 1]) || 1;
const CASES = {
  '“- ” repeated on one line': (n) => '- '.repeat(n),
  '“*_” repeated (ever deeper emphasis openers)': (n) => '*_'.repeat(n) + 'x',
  'list lines, each indented one step deeper': (n) => Array.from({ length: Math.round(Math.sqrt(n)) }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n'),
  'lines of changing blockquote depth': (n) => Array.from({ length: n / 40 }, (_, i) => `${'>'.repeat(i % 70)} x`).join('\n'),
  '“[” repeated (unclosed link openers)': (n) => '['.repeat(n) + 'x',
};

function cpu(fn) {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

console.log(`micromark super-linear inputs (node ${process.version}); CPU ms at about n and 2n characters`);
console.log('| input | chars | micromark ms | 2× chars ms | growth | mdast ms | 2× chars ms | growth |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [name, make] of Object.entries(CASES)) {
  const n = Math.round(4000 * scale);
  const [small, large] = [make(n), make(2 * n)];
  const row = [name, small.length];
  for (const parse of [micromark, fromMarkdown]) {
    parse(make(200));
    const a = cpu(() => parse(small));
    const b = cpu(() => parse(large));
    row.push(a.toFixed(0), b.toFixed(0), `${(b / Math.max(a, 0.01) / (large.length / small.length)).toFixed(1)}`);
  }
  console.log(`| ${row.join(' | ')} |`);
}
