// Lists every string passed to t('…') in the server sources: the keys the Swedish bundle must have.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function l10nKeys(dirs = ['server/src', 'client/src']) {
  const keys = new Set();
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const src = readFileSync(p, 'utf8');
        for (const m of src.matchAll(/\bt\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)) keys.add(m[2].replace(/\\(['"`\\])/g, '$1'));
      }
    }
  };
  for (const dir of [dirs].flat()) walk(dir);
  return [...keys];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bundle = JSON.parse(readFileSync('l10n/bundle.l10n.sv.json', 'utf8'));
  const missing = l10nKeys().filter((k) => !(k in bundle));
  console.log(JSON.stringify(missing, null, 1));
}
