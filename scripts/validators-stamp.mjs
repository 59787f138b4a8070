// The inputs of server/src/core/data/validators.generated.js, as one hash: scripts/build.mjs runs
// scripts/gen-validators.ts only when it differs from the one written in the generated file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const VALIDATOR_INPUTS = [
  'server/src/core/data/template.schema.json',
  'server/src/core/data/registry.schema.json',
  'server/src/core/template.ts',
  'server/src/core/registry.ts',
  'server/src/core/datafile.ts',
  'scripts/gen-validators.ts',
  'scripts/validators-stamp.mjs',
];

/** A hash of the generator's inputs and of the ajv and Prettier versions. */
export function validatorsStamp() {
  const hash = createHash('sha256');
  for (const file of VALIDATOR_INPUTS)
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(ROOT, file)))
      .update('\0');
  for (const pkg of ['ajv', 'prettier']) hash.update(`${pkg}@${require(`${pkg}/package.json`).version}\0`);
  return hash.digest('hex').slice(0, 16);
}
