/** The table as measured: measure | now | target | met? */
import { load, summary } from './common';

export function printSummary(started: string): void {
  console.log(`\n## Summary: the measures of issue 9 (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${load()}; started with ${started})`);
  console.log('| measure | now (measured) | target | met? |');
  console.log('|---|---|---|---|');
  for (const r of [...summary].sort((a, b) => a.order - b.order))
    console.log(`| ${r.measure} | ${r.now} | ${r.target} | ${r.met === undefined ? '–' : r.met ? 'yes' : 'no'} |`);
}
