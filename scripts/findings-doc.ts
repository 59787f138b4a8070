/**
 * Generates, from the one list of rule families, docs/findings.md and the `plan.severity` and
 * switch settings of package.json. Run `npx tsx scripts/findings-doc.ts` after changing a family;
 * a test keeps the files in step.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ALL_OPTIONS, FAMILIES, META_CODES, type CodeSpec } from '../server/src/core/index';

const SEVERITY_SV: Record<string, string> = { error: 'fel', warning: 'varning', information: 'information', hint: 'tips' };

function row(c: CodeSpec): string {
  const fixes = c.fixes?.length ? 'ja / yes' : '';
  const option = c.option ? ` (\`plan.${c.option}\`)` : '';
  return `| \`${c.code}\` | ${SEVERITY_SV[c.severity]} / ${c.severity}${option} | ${c.description.sv} *${c.description.en}* | ${fixes} |`;
}

export function findingsDoc(): string {
  const lines = [
    '# Påpekanden / Finding codes',
    '',
    'Varje påpekande har en stabil kod och en standardgrad. Graden ändras per kod med inställningen',
    '`plan.severity` (`off` stänger av koden). Tips (grad *tips*) visas i texten men inte i',
    'Problem-panelen. Koder med en egen inställning inom parentes stängs av med den.',
    '',
    '*Every finding has a stable code and a default severity, which the `plan.severity` setting changes',
    'per code (`off` silences it). Hints show in the text but not in the Problems panel. Codes with a',
    'setting in parentheses are switched off with it.*',
    '',
  ];
  for (const f of FAMILIES) {
    lines.push(
      `## ${f.name.sv} / ${f.name.en}`,
      '',
      '| Kod / code | Standardgrad / default | Beskrivning / description | Snabbkorrigering / quick fix |',
      '|---|---|---|---|',
    );
    lines.push(...f.codes.map(row), '');
  }
  lines.push(
    '## Filer / Files',
    '',
    '| Kod / code | Standardgrad / default | Beskrivning / description | Snabbkorrigering / quick fix |',
    '|---|---|---|---|',
    ...META_CODES.map(row),
    '',
  );
  return lines.join('\n');
}

/** The `plan.severity` setting: one property per code, so VS Code completes and validates the codes. */
export function severitySetting(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const c of [...FAMILIES.flatMap((f) => f.codes), ...META_CODES]) {
    properties[c.code] = { type: 'string', enum: ['error', 'warning', 'information', 'hint', 'off'], description: `${c.description.sv} (${c.severity})` };
  }
  return {
    type: 'object',
    default: {},
    markdownDescription: '%config.severity%',
    scope: 'resource',
    properties,
    additionalProperties: false,
  };
}

/** The switch settings (`plan.style.enabled`, `plan.klarsprak.passive` …) of every family. */
export function switchSettings(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of ALL_OPTIONS) out[`plan.${o.key}`] = { type: 'boolean', default: o.default, markdownDescription: `%config.${o.key}%`, scope: 'resource' };
  return out;
}

/** package.json with the generated settings in place, the other settings kept in their order. */
export function manifestWithSettings(manifest: { contributes: { configuration: { properties: Record<string, unknown> } } }): typeof manifest {
  const props = manifest.contributes.configuration.properties;
  const switches = switchSettings();
  const next: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k in switches) continue;
    next[k] = k === 'plan.severity' ? severitySetting() : v;
    if (k === 'plan.severity') Object.assign(next, switches);
  }
  return { ...manifest, contributes: { ...manifest.contributes, configuration: { ...manifest.contributes.configuration, properties: next } } };
}

/** The English and Swedish texts of the switch settings, for package.nls*.json. */
export function switchTexts(lang: 'sv' | 'en'): Record<string, string> {
  return Object.fromEntries(ALL_OPTIONS.map((o) => [`config.${o.key}`, o.description[lang]]));
}

if (process.argv[1]?.endsWith('findings-doc.ts')) {
  writeFileSync('docs/findings.md', findingsDoc());
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  writeFileSync('package.json', JSON.stringify(manifestWithSettings(manifest), null, 2) + '\n');
  for (const [file, lang] of [
    ['package.nls.json', 'en'],
    ['package.nls.sv.json', 'sv'],
  ] as const) {
    const nls = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...nls, ...switchTexts(lang) }, null, 2) + '\n');
  }
}
