/**
 * Reading template and registry files (JSON or YAML) with source ranges, and validating them
 * against their JSON Schema. Problems become findings on the file itself; nothing throws.
 *
 * The validators are compiled ahead of time (`data/validators.generated.js`, written by
 * `scripts/gen-validators.ts` with ajv's standalone code on every build): compiling the schemas
 * at start-up took a quarter of the language server's cold start, and ajv itself is not bundled.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as precompiled from './data/validators.generated.js';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { Finding } from './findings';
import { defaultSeverity } from './findings';
import { t } from './l10n';
import type { OffsetRange } from './text';

export interface DataFile {
  doc: Document.Parsed;
  value: unknown;
  findings: Finding[];
}

function finding(code: string, message: string, range: OffsetRange): Finding {
  return { code, severity: defaultSeverity(code), message, range };
}

/** Parses JSON or YAML text (JSON is read as YAML, which keeps source ranges for both). */
export function readDataFile(text: string): DataFile {
  const findings: Finding[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: new LineCounter() });
  } catch (e) {
    // The yaml library reports problems as data; this guards against the unexpected.
    findings.push(finding('template.syntax', t('The file cannot be read: {0}', String(e)), { start: 0, end: Math.min(1, text.length) }));
    return { doc: parseDocument(''), value: undefined, findings };
  }
  for (const err of doc.errors) {
    const [start, end] = err.pos;
    findings.push(finding('template.syntax', t('Syntax error: {0}', firstLine(err.message)), { start, end: Math.max(end, start + 1) }));
  }
  let value: unknown;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      findings.push(finding('template.syntax', t('The file cannot be read: {0}', String(e)), { start: 0, end: Math.min(1, text.length) }));
    }
  }
  return { doc, value, findings };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

/** The source range of the value at a JSON-pointer-like path, or of its nearest existing ancestor. */
export function rangeAtPath(doc: Document.Parsed, path: Array<string | number>, key?: string): OffsetRange {
  let node: unknown = doc.contents;
  let best: OffsetRange = nodeRange(doc.contents) ?? { start: 0, end: 1 };
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      node = pair.value;
      best = nodeRange(pair.value as YamlNode) ?? nodeRange(pair.key as YamlNode) ?? best;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      node = item;
      best = nodeRange(item as YamlNode) ?? best;
    } else break;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    const r = pair && nodeRange(pair.key as YamlNode);
    if (r) return r;
  }
  return best;
}

function nodeRange(node: YamlNode | null | undefined): OffsetRange | undefined {
  const r = node && (node as { range?: [number, number, number] }).range;
  if (!r) return undefined;
  return { start: r[0], end: Math.max(r[1], r[0] + 1) };
}

const validators = new WeakMap<object, ValidateFunction | undefined>();
const seen: object[] = [];

/**
 * A short, stable fingerprint of a schema's content (two 32-bit FNV-1a hashes of its JSON): the
 * name of its precompiled validator. A schema whose content changed has no validator until the
 * next build.
 */
export function schemaKey(schema: object): string {
  const json = JSON.stringify(schema);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ json.length;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Every schema validated against in this process, in the order first seen: what the build precompiles. */
export function schemasSeen(): readonly object[] {
  return seen;
}

function validatorFor(schema: object): ValidateFunction | undefined {
  if (validators.has(schema)) return validators.get(schema);
  seen.push(schema);
  const validate = (precompiled as Record<string, ValidateFunction | undefined>)[`v${schemaKey(schema)}`];
  validators.set(schema, validate);
  return validate;
}

/** Validates `value` against `schema`; each schema error becomes a finding at the offending place. */
export function validateAgainstSchema(file: DataFile, schema: object): Finding[] {
  if (file.value === undefined) return [];
  const validate = validatorFor(schema);
  if (!validate) {
    // Only after a schema changed without a build: say so rather than pass the file unchecked.
    return [
      {
        code: 'plan.internal',
        severity: 'error',
        message: 'Internal error in the plan checker: the schema has no precompiled validator; rebuild (npm run build).',
        range: { start: 0, end: 1 },
      },
    ];
  }
  if (validate(file.value)) return [];
  const errors = pruneErrors(validate.errors ?? []);
  return errors.map((e) => {
    const path = e.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const key = e.keyword === 'additionalProperties' ? String((e.params as { additionalProperty: string }).additionalProperty) : undefined;
    const range = rangeAtPath(file.doc, path, key);
    const message = schemaMessage(e, path);
    // "filen saknar …" begins a sentence; a path such as frontMatter.0.type keeps its case.
    return finding('template.schema', path.length ? message : message.charAt(0).toLocaleUpperCase() + message.slice(1), range);
  });
}

/** oneOf/anyOf produce a cascade of errors; keep the most specific ones per place. */
function pruneErrors(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    const id = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(e);
  }
  // A localText that is neither a string nor {sv}: report once.
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of out) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  const result: ErrorObject[] = [];
  for (const list of byPath.values()) {
    const typeErrors = list.filter((e) => e.keyword === 'type');
    if (typeErrors.length > 1) {
      result.push({ ...typeErrors[0], params: { type: typeErrors.map((e) => (e.params as { type: string }).type).join(' | ') } });
      result.push(...list.filter((e) => e.keyword !== 'type' && e.keyword !== 'required'));
    } else result.push(...list);
  }
  return result;
}

function schemaMessage(e: ErrorObject, path: string[]): string {
  const where = path.length ? path.join('.') : t('the file');
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return t('{0} lacks the required property “{1}”.', where, String(p.missingProperty));
    case 'additionalProperties':
      return t('Unknown property “{0}” in {1}.', String(p.additionalProperty), where);
    case 'type':
      return t('{0} must be of type {1}.', where, String(p.type));
    case 'enum':
      return t('{0} must be one of: {1}.', where, (p.allowedValues as unknown[]).join(', '));
    case 'pattern':
      return t('{0} does not match the pattern {1}.', where, String(p.pattern));
    case 'minLength':
      return t('{0} must not be empty.', where);
    case 'minItems':
      return t('{0} needs at least {1} items.', where, Number(p.limit));
    case 'minimum':
      return t('{0} must be at least {1}.', where, Number(p.limit));
    default:
      return `${where}: ${e.message ?? e.keyword}`;
  }
}
