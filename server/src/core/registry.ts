/** The organisation registry: bodies with kinds and aliases, and matching them in running text. */
import halmstad from './data/halmstad.registry.json';
import registrySchema from './data/registry.schema.json';
import { readDataFile, rangeAtPath, validateAgainstSchema } from './datafile';
import { defaultSeverity, type Finding } from './findings';
import { t } from './l10n';
import { fold, nearest, type OffsetRange } from './text';

export interface Body {
  name: string;
  kind: string;
  aliases?: string[];
  förvaltning?: string;
  parent?: string;
  collective?: boolean;
  validFrom?: string;
  validTo?: string;
  unconfirmed?: boolean;
  note?: string;
}

export interface RegistryData {
  municipality: string;
  checked?: string;
  source?: string;
  inheritDefault?: boolean;
  bodies: Body[];
  origin?: string;
}

export const REGISTRY_SCHEMA: object = registrySchema;
export const DEFAULT_REGISTRY_DATA: RegistryData = { ...(halmstad as RegistryData), origin: 'builtin' };

/** One mention of a body in text. `body` is undefined when the text names no known body. */
export interface BodyMention {
  text: string;
  range: OffsetRange;
  body?: Body;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

export class Registry {
  readonly data: RegistryData;
  readonly bodies: readonly Body[];
  /** Folded name or alias → body. */
  readonly #byName = new Map<string, Body>();
  /** Folded first word → names starting with it, longest first. */
  readonly #byFirstWord = new Map<string, string[]>();

  constructor(data: RegistryData) {
    this.data = data;
    this.bodies = data.bodies;
    for (const body of data.bodies) {
      for (const name of [body.name, ...(body.aliases ?? [])]) {
        const key = fold(name);
        if (!this.#byName.has(key)) this.#byName.set(key, body);
        const first = key.split(' ')[0];
        const list = this.#byFirstWord.get(first) ?? [];
        list.push(key);
        this.#byFirstWord.set(first, list);
      }
    }
    for (const list of this.#byFirstWord.values()) list.sort((a, b) => b.length - a.length);
  }

  /** The body with this exact name or alias (case-insensitive, genitive -s allowed). */
  find(name: string): Body | undefined {
    const key = fold(name).replace(/[.:;]+$/, '');
    return this.#byName.get(key) ?? (key.endsWith('s') ? this.#byName.get(key.slice(0, -1)) : undefined);
  }

  /**
   * The longest body name that `text` begins with at `offset`, followed by a word boundary
   * (a genitive -s is allowed: "Xbys kommuns näringslivsarbete").
   */
  matchAt(text: string, offset = 0): { body: Body; length: number } | undefined {
    const m = /^[\p{L}\p{N}-]+/u.exec(text.slice(offset, offset + 80));
    if (!m) return undefined;
    const first = fold(m[0]);
    const candidates = [...(this.#byFirstWord.get(first) ?? []), ...(first.endsWith('s') ? this.#byFirstWord.get(first.slice(0, -1)) ?? [] : [])];
    if (candidates.length === 0) return undefined;
    candidates.sort((a, b) => b.length - a.length);
    const window = fold(text.slice(offset, offset + 200).replace(/\s+/g, ' '));
    for (const key of candidates) {
      if (!window.startsWith(key)) continue;
      let len = key.length;
      if (window[len] === 's' && !isWordChar(window[len + 1])) len++;
      if (isWordChar(window[len])) continue;
      return { body: this.#byName.get(key)!, length: rawLength(text, offset, len) };
    }
    return undefined;
  }

  /** Names of bodies closest to an unknown name, for "did you mean". */
  nearestNames(name: string, max = 3): string[] {
    return nearest(name, this.allNames(), max).map((n) => this.find(n)?.name ?? n).filter((n, i, a) => a.indexOf(n) === i);
  }

  allNames(): string[] {
    return this.bodies.flatMap((b) => [b.name, ...(b.aliases ?? [])]);
  }

  /**
   * Splits a list of bodies ("Styrelsen, barn- och ungdomsnämnden samt bolaget AB") into mentions.
   * Compounds with a hanging hyphen ("barn- och ungdomsnämnden") are kept whole.
   */
  parseList(text: string, base = 0): BodyMention[] {
    const out: BodyMention[] = [];
    const parts = splitTopLevel(text);
    for (const part of parts) {
      const pieces = this.#splitConjunctions(part.text, part.start);
      for (const piece of pieces) {
        const raw = piece.text;
        const trimmed = raw.replace(/^[\s*_]+/, '').replace(/[\s.*_]+$/, '');
        if (!trimmed) continue;
        const lead = raw.length - raw.replace(/^[\s*_]+/, '').length;
        const start = base + piece.start + lead;
        out.push({ text: trimmed, range: { start, end: start + trimmed.length }, body: this.find(trimmed) });
      }
    }
    return out;
  }

  #splitConjunctions(text: string, start: number): Array<{ text: string; start: number }> {
    if (this.find(text.trim().replace(/[.]+$/, ''))) return [{ text, start }];
    const re = /\s+(?:och|samt|&|and)\s+/giu;
    const pieces: Array<{ text: string; start: number }> = [];
    let last = 0;
    for (const m of text.matchAll(re)) {
      const before = text.slice(0, m.index);
      if (/-$/.test(before)) continue; // "barn- och ungdomsnämnden"
      pieces.push({ text: text.slice(last, m.index), start: start + last });
      last = m.index! + m[0].length;
    }
    pieces.push({ text: text.slice(last), start: start + last });
    return pieces;
  }

  describe(body: Body): string {
    const lines = [`**${body.name}** (${body.kind})`];
    if (body.aliases?.length) lines.push(t('Also called: {0}', body.aliases.join(', ')));
    if (body.förvaltning) lines.push(t('Förvaltning: {0}', body.förvaltning));
    if (body.parent) lines.push(t('Part of: {0}', body.parent));
    if (body.validFrom || body.validTo) lines.push(t('Valid: {0}–{1}', body.validFrom ?? '', body.validTo ?? ''));
    if (body.unconfirmed) lines.push(t('Unconfirmed in the registry.'));
    if (body.note) lines.push(body.note);
    const checked = this.data.checked ? t(' (checked {0})', this.data.checked) : '';
    lines.push(t('Registry: {0}{1}', this.data.municipality, checked));
    return lines.join('  \n');
  }
}

/** Length in the raw text that corresponds to `foldedLength` characters of folded (space-collapsed) text. */
function rawLength(text: string, offset: number, foldedLength: number): number {
  let i = offset;
  let n = 0;
  while (i < text.length && n < foldedLength) {
    if (/\s/.test(text[i])) {
      while (i + 1 < text.length && /\s/.test(text[i + 1])) i++;
    }
    i++;
    n++;
  }
  return i - offset;
}

/** Splits on commas and semicolons outside parentheses. */
function splitTopLevel(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === ',' || c === ';') && depth === 0) {
      out.push({ text: text.slice(last, i), start: last });
      last = i + 1;
    }
  }
  out.push({ text: text.slice(last), start: last });
  return out;
}

export interface RegistryFileResult {
  registry?: RegistryData;
  findings: Finding[];
}

export function loadRegistry(text: string, origin: string): RegistryFileResult {
  const file = readDataFile(text);
  const findings = [...file.findings];
  if (findings.length === 0) findings.push(...validateAgainstSchema(file, REGISTRY_SCHEMA));
  if (findings.length > 0) return { findings };
  const data = file.value as RegistryData;
  const seen = new Map<string, string>();
  data.bodies.forEach((b, i) => {
    for (const name of [b.name, ...(b.aliases ?? [])]) {
      const key = fold(name);
      const other = seen.get(key);
      if (other !== undefined && other !== b.name)
        findings.push({
          code: 'template.invalid',
          severity: defaultSeverity('template.invalid'),
          message: t('The name “{0}” is used by both “{1}” and “{2}”.', name, other, b.name),
          range: rangeAtPath(file.doc, ['bodies', i]),
        });
      seen.set(key, b.name);
    }
  });
  if (findings.length > 0) return { findings };
  const merged: RegistryData = data.inheritDefault
    ? { ...data, bodies: [...data.bodies, ...DEFAULT_REGISTRY_DATA.bodies.filter((b) => !seen.has(fold(b.name)))] }
    : data;
  return { registry: { ...merged, origin }, findings };
}

export const DEFAULT_REGISTRY = new Registry(DEFAULT_REGISTRY_DATA);
