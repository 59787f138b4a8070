/** Follow-up fixtures shared by the tests of the year and of the Word report. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXAMPLE = readFileSync(join(__dirname, '../../examples/uppfoljning/cykelplan.plan.md'), 'utf8');

function swap(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), from);
  return text.replace(from, to);
}

/**
 * The example with statuses dated in every way: after 2025 (with a ticked box and a comment),
 * within 2025, before it (2024), undated, with a date whose year cannot be read, and a ticked
 * task box without a status line.
 */
export const DATED = [
  ['Status: klar (2025-10-15)', 'Status: klar (2026-02-01)'],
  ['  - Status: pågår (2025-12-01)\n- [ ] Kommunstyrelsen', '  - Status: pågår (2024-05-01)\n- [ ] Kommunstyrelsen'],
  ['Status: avbruten (2025-09-01)', 'Status: avbruten (1.9.25)'],
  ['- Teknik- och fritidsnämnden ska bygga säkra cykelparkeringar', '- [x] Teknik- och fritidsnämnden ska bygga säkra cykelparkeringar'],
].reduce((text, [from, to]) => swap(text, from, to), EXAMPLE);
