/** Writes docs/findings.md from the rule list (run: npx tsx scripts/findings-doc.ts). A test keeps them in step. */
import { writeFileSync } from 'node:fs';
import { RULES } from '../server/src/core/findings';

export function findingsDoc(): string {
  const lines = [
    '# Anmärkningskoder / Finding codes',
    '',
    'Varje anmärkning har en stabil kod och en standardgrad som kan ändras med inställningen',
    '`plan.severity`. Every finding has a stable code and a default severity that the `plan.severity`',
    'setting can change (`off` silences it). Codes marked *stil* are writing-convention hints that',
    '`plan.style.*` switches off.',
    '',
    '| Kod / code | Standardgrad / default | Beskrivning / description |',
    '|---|---|---|',
    ...RULES.map((r) => `| \`${r.code}\` | ${r.severity}${r.style ? ' (stil)' : ''} | ${r.description} |`),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('findings-doc.ts')) writeFileSync('docs/findings.md', findingsDoc());
