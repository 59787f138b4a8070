/**
 * The organisation registry: bodies with kinds and aliases, grouped in one or several organisations
 * (kommuner, regioner, förbund …), and matching them in running text.
 *
 * Everything here runs in time linear in the length of the text it is given: names come from
 * documents, which are untrusted, so no pattern may backtrack over a long run of one character.
 */
import halmstad from './data/halmstad.registry.json';
import registrySchema from './data/registry.schema.json';
import { readDataFile, rangeAtPath, validateAgainstSchema } from './datafile';
import { defaultSeverity, type Finding } from './findings';
import { getLocale, listOf, t } from './l10n';
import { escapeMarkdown, fold, isSpaceCode, nearest, type OffsetRange } from './text';

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
  /** The name of the organisation the body belongs to. Set when the registry is loaded, never written in a file. */
  organisation?: string;
}

export const ORGANISATION_KINDS = ['kommun', 'region', 'förbund', 'bolag', 'annan'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** One organisation in a registry: a kommun, a region, a kommunalförbund, a bolag or another one. */
export interface Organisation {
  name: string;
  kind: OrganisationKind;
  checked?: string;
  source?: string;
  bodies: Body[];
}

/**
 * A registry as the library uses it. A file in the single-organisation form
 * (`{ municipality, bodies }`) is already this; a file with `organisations` becomes this when
 * loaded: `bodies` is then every organisation's bodies in order (derived, not read from the file),
 * and `municipality` reads as the organisations' names joined in the current language
 * (”A kommun, B kommun och Region C”).
 */
export interface RegistryData {
  municipality: string;
  checked?: string;
  source?: string;
  inheritDefault?: boolean;
  bodies: Body[];
  /** Present only in the form with several organisations. */
  organisations?: Organisation[];
  origin?: string;
}

/** A registry file in the form with several organisations. */
export interface OrganisationsRegistryData {
  checked?: string;
  source?: string;
  inheritDefault?: boolean;
  organisations: Organisation[];
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

// ---------------------------------------------------------------- characters and names

const isSpace = isSpaceCode;

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const MARK = /^\p{M}$/u;
const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);

/** The code point at `i` as a string (one or two UTF-16 units). */
function codePointAt(text: string, i: number): string {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? text.slice(i, i + 2) : text.charAt(i);
}

/** A name as the registry compares it: Unicode NFC (a decomposed ”ä” is ”ä”), lower case, single spaces. */
function nameKey(name: string): string {
  return fold(name.normalize('NFC'));
}

/** `s` without the trailing characters in `chars`, by a loop rather than a backtracking pattern. */
function trimEndOf(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1])) end--;
  return s.slice(0, end);
}

/** Names joined as prose in the current language: ”a, b och c” or ”a, b and c” (en-GB, as the English messages write lists). */
export function joinOrganisationNames(names: readonly string[]): string {
  return listOf(names, getLocale() === 'en' ? 'en-GB' : 'sv');
}

// ---------------------------------------------------------------- normalising the two forms

function isOrganisationsForm(data: RegistryData | OrganisationsRegistryData): data is OrganisationsRegistryData {
  return Array.isArray((data as { organisations?: unknown }).organisations);
}

/**
 * The registry with every body tagged with its organisation. Idempotent: loaded data may be
 * given again (`new Registry(loaded)`).
 */
function normalise(input: RegistryData | OrganisationsRegistryData): { data: RegistryData; organisations: Organisation[] } {
  if (!isOrganisationsForm(input)) {
    const bodies = input.bodies.map((b) => ({ ...b, organisation: input.municipality }));
    const organisation: Organisation = { name: input.municipality, kind: 'kommun', bodies };
    if (input.checked !== undefined) organisation.checked = input.checked;
    if (input.source !== undefined) organisation.source = input.source;
    return { data: { ...input, bodies }, organisations: [organisation] };
  }
  const organisations = input.organisations.map((o) => ({ ...o, bodies: o.bodies.map((b) => ({ ...b, organisation: o.name })) }));
  const { municipality: _m, bodies: _b, ...rest } = input as OrganisationsRegistryData & Partial<RegistryData>;
  const data = { ...rest, organisations, bodies: organisations.flatMap((o) => o.bodies) } as RegistryData;
  // Read when a message is made, so it follows the language in use then.
  Object.defineProperty(data, 'municipality', { get: () => joinOrganisationNames(organisations.map((o) => o.name)), enumerable: true, configurable: true });
  return { data, organisations };
}

export { validityGap, type ValidityGap, type ValidityPeriod } from './validity';

// ---------------------------------------------------------------- the registry

/** How far into the text a body's name is looked for: its first word, and the whole name. */
const FIRST_WORD_WINDOW = 80;
const NAME_WINDOW = 200;
const FIRST_WORD = /^[\p{L}\p{M}\p{N}-]+/u;

export class Registry {
  readonly data: RegistryData;
  /** Every organisation's bodies, in order. The same name may occur once per organisation. */
  readonly bodies: readonly Body[];
  /** The organisations, in the file's order; one for a registry in the single-organisation form. */
  readonly organisations: readonly Organisation[];
  /** Name key of a name or alias → the bodies with it, one per organisation at most. */
  readonly #byName = new Map<string, Body[]>();
  /** Name key's first word → keys starting with it, longest first. */
  readonly #byFirstWord = new Map<string, string[]>();

  constructor(data: RegistryData | OrganisationsRegistryData) {
    const n = normalise(data);
    this.data = n.data;
    this.organisations = n.organisations;
    this.bodies = n.data.bodies;
    for (const body of this.bodies) {
      for (const name of [body.name, ...(body.aliases ?? [])]) {
        const key = nameKey(name);
        const list = this.#byName.get(key);
        if (list) {
          if (!list.includes(body)) list.push(body);
          continue;
        }
        this.#byName.set(key, [body]);
        const first = key.split(' ')[0];
        const keys = this.#byFirstWord.get(first) ?? [];
        keys.push(key);
        this.#byFirstWord.set(first, keys);
      }
    }
    for (const list of this.#byFirstWord.values()) list.sort((a, b) => b.length - a.length);
  }

  /** The organisations' names for messages: one name, or several joined as prose ("A, B och C"). */
  displayName(): string {
    return joinOrganisationNames(this.organisations.map((o) => o.name));
  }

  /** The body with this exact name or alias (case-insensitive, genitive -s allowed); the first organisation's when several have it. */
  find(name: string): Body | undefined {
    return this.findAll(name)[0];
  }

  /** Every body with this exact name or alias, one per organisation that has it, in the registry's order. */
  findAll(name: string): readonly Body[] {
    const key = trimEndOf(nameKey(name), '.:; ');
    return this.#byName.get(key) ?? (key.endsWith('s') ? this.#byName.get(key.slice(0, -1)) : undefined) ?? [];
  }

  /** The organisations that have a body named (or aliased) as `body` is named, its own first. */
  organisationsOf(body: Body): string[] {
    const names = (this.#byName.get(nameKey(body.name)) ?? []).map((b) => b.organisation ?? this.data.municipality);
    if (body.organisation) names.unshift(body.organisation);
    return names.filter((n, i, a) => a.indexOf(n) === i);
  }

  /**
   * The longest body name that `text` begins with at `offset`, followed by a word boundary
   * (a genitive -s is allowed: "Xbys kommuns näringslivsarbete"). `bodies` has every
   * organisation's body with that name; `body` is the first of them.
   */
  matchAt(text: string, offset = 0): { body: Body; bodies: readonly Body[]; length: number } | undefined {
    const m = FIRST_WORD.exec(text.slice(offset, offset + FIRST_WORD_WINDOW));
    if (!m) return undefined;
    const first = nameKey(m[0]);
    const candidates = [...(this.#byFirstWord.get(first) ?? []), ...(first.endsWith('s') ? (this.#byFirstWord.get(first.slice(0, -1)) ?? []) : [])];
    if (candidates.length === 0) return undefined;
    candidates.sort((a, b) => b.length - a.length);
    // The genitive -s and the character after it are looked at too.
    const window = foldedWindow(text, offset, NAME_WINDOW, candidates[0].length + 2);
    for (const key of candidates) {
      if (!window.folded.startsWith(key)) continue;
      let len = key.length;
      if (window.folded[len] === 's' && !isWordChar(window.folded[len + 1])) len++;
      if (isWordChar(window.folded[len])) continue;
      const bodies = this.#byName.get(key)!;
      return { body: bodies[0], bodies, length: window.ends[len - 1] - offset };
    }
    return undefined;
  }

  /** Names of bodies closest to an unknown name, for "did you mean". */
  nearestNames(name: string, max = 3): string[] {
    const word = name.normalize('NFC');
    // Only the names `nearest` could return: an edit distance is at least the difference in
    // length, so a long hostile value is not compared in full with every name.
    const w = fold(word);
    const limit = Math.max(2, Math.floor(w.length / 4));
    const possible = this.allNames()
      .map((c) => c.normalize('NFC'))
      .filter((c) => {
        const fc = fold(c);
        if (Math.abs(fc.length - w.length) <= limit) return true;
        return Math.min(w.length, fc.length) >= 4 && (fc.startsWith(w) || w.startsWith(fc) || fc.endsWith(w) || w.endsWith(fc));
      });
    return nearest(word, possible, max)
      .map((n) => this.find(n)?.name ?? n)
      .filter((n, i, a) => a.indexOf(n) === i);
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
        let lead = 0;
        while (lead < raw.length && (isSpace(raw.charCodeAt(lead)) || raw[lead] === '*' || raw[lead] === '_')) lead++;
        let end = raw.length;
        while (end > lead && (isSpace(raw.charCodeAt(end - 1)) || raw[end - 1] === '.' || raw[end - 1] === '*' || raw[end - 1] === '_')) end--;
        const trimmed = raw.slice(lead, end);
        if (!trimmed) continue;
        const start = base + piece.start + lead;
        out.push({ text: trimmed, range: { start, end: start + trimmed.length }, body: this.find(trimmed) });
      }
    }
    return out;
  }

  /** Splits on ” och ”, ” samt ”, ” & ” and ” and ”, except after a hanging hyphen; one pass over the text. */
  #splitConjunctions(text: string, start: number): Array<{ text: string; start: number }> {
    if (this.find(trimEndOf(text.trim(), '.'))) return [{ text, start }];
    const pieces: Array<{ text: string; start: number }> = [];
    let last = 0;
    let i = 0;
    while (i < text.length) {
      if (!isSpace(text.charCodeAt(i))) {
        i++;
        continue;
      }
      // A run of white space [i, j), then perhaps a conjunction and another run.
      let j = i + 1;
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      const word = CONJUNCTIONS.find((w) => text.slice(j, j + w.length).toLowerCase() === w && isSpace(text.charCodeAt(j + w.length)));
      if (!word) {
        i = j;
        continue;
      }
      let k = j + word.length + 1;
      while (k < text.length && isSpace(text.charCodeAt(k))) k++;
      if (text[i - 1] !== '-') {
        // not "barn- och ungdomsnämnden"
        pieces.push({ text: text.slice(last, i), start: start + last });
        last = k;
      }
      i = k;
    }
    pieces.push({ text: text.slice(last), start: start + last });
    return pieces;
  }

  /**
   * The body's entry as Markdown for a hover or a completion's documentation. Every string comes
   * from a registry file in the workspace and is escaped: a name or note cannot become a link, an
   * image or markup.
   */
  describe(body: Body): string {
    const e = escapeMarkdown;
    const lines = [`**${e(body.name)}** (${e(body.kind)})`];
    if (body.aliases?.length) lines.push(t('Also called: {0}', e(body.aliases.join(', '))));
    if (this.organisations.length > 1) {
      const orgs = this.organisationsOf(body);
      lines.push(orgs.length > 1 ? t('Found in: {0}', e(joinOrganisationNames(orgs))) : t('Organisation: {0}', e(orgs.join(''))));
    }
    if (body.förvaltning) lines.push(t('Förvaltning: {0}', e(body.förvaltning)));
    if (body.parent) lines.push(t('Part of: {0}', e(body.parent)));
    if (body.validFrom || body.validTo) lines.push(t('Valid: {0}–{1}', e(body.validFrom ?? ''), e(body.validTo ?? '')));
    if (body.unconfirmed) lines.push(t('Unconfirmed in the registry.'));
    if (body.note) lines.push(e(body.note));
    const own = this.organisations.find((o) => o.name === body.organisation);
    const date = own?.checked ?? this.data.checked;
    const checked = date ? t(' (checked {0})', e(date)) : '';
    lines.push(t('Registry: {0}{1}', e(this.displayName()), checked));
    return lines.join('  \n');
  }
}

const CONJUNCTIONS = ['och', 'samt', '&', 'and'];

/**
 * The text from `offset` as names are compared (NFC, lower case, each run of white space one
 * space), up to `want` characters or `rawLimit` characters of text, with the text offset after
 * each folded character (`ends[i]`), so a match's length in the text is exact.
 */
function foldedWindow(text: string, offset: number, rawLimit: number, want: number): { folded: string; ends: number[] } {
  const stop = Math.min(text.length, offset + rawLimit);
  let folded = '';
  const ends: number[] = [];
  let i = offset;
  while (i < stop && folded.length < want) {
    if (isSpace(text.charCodeAt(i))) {
      let j = i + 1;
      while (j < stop && isSpace(text.charCodeAt(j))) j++;
      folded += ' ';
      ends.push(j);
      i = j;
      continue;
    }
    // A character with the combining marks after it, normalised together.
    let j = i + codePointAt(text, i).length;
    while (j < stop && MARK.test(codePointAt(text, j))) j += codePointAt(text, j).length;
    const piece = text.slice(i, j).normalize('NFC').toLocaleLowerCase('sv');
    folded += piece;
    for (let k = 0; k < piece.length; k++) ends.push(j);
    i = j;
  }
  return { folded, ends };
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

// ---------------------------------------------------------------- registry files

export interface RegistryFileResult {
  registry?: RegistryData;
  findings: Finding[];
}

/**
 * The schema a file is validated against, by its form. The published schema allows either form
 * (with if/then/else, for editors); each form's own schema gives plainer messages: a file with
 * `organisations` that also has `bodies` is told that `bodies` does not belong there.
 */
const { if: _if, then: _then, else: _else, $id: _id, ...BASE_SCHEMA } = registrySchema as Record<string, unknown> & { properties: Record<string, unknown> };
const without = (o: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
const SINGLE_FORM_SCHEMA = { ...BASE_SCHEMA, required: ['municipality', 'bodies'], properties: without(BASE_SCHEMA.properties, 'organisations') };
const ORGANISATIONS_FORM_SCHEMA = { ...BASE_SCHEMA, required: ['organisations'], properties: without(BASE_SCHEMA.properties, 'municipality', 'bodies') };

function invalid(message: string, range: OffsetRange): Finding {
  return { code: 'template.invalid', severity: defaultSeverity('template.invalid'), message, range };
}

/** Reports a name or alias used by two bodies of one organisation; returns the name keys in use. */
function checkNames(bodies: Body[], path: Array<string | number>, doc: Parameters<typeof rangeAtPath>[0], findings: Finding[]): Set<string> {
  const seen = new Map<string, string>();
  bodies.forEach((b, i) => {
    for (const name of [b.name, ...(b.aliases ?? [])]) {
      const key = nameKey(name);
      const other = seen.get(key);
      if (other !== undefined && other !== b.name)
        findings.push(invalid(t('The name “{0}” is used by both “{1}” and “{2}”.', name, other, b.name), rangeAtPath(doc, [...path, i])));
      seen.set(key, b.name);
    }
  });
  return new Set(seen.keys());
}

export function loadRegistry(text: string, origin: string): RegistryFileResult {
  const file = readDataFile(text);
  const findings = [...file.findings];
  const value = file.value;
  const several = typeof value === 'object' && value !== null && !Array.isArray(value) && 'organisations' in value;
  if (findings.length === 0) findings.push(...validateAgainstSchema(file, several ? ORGANISATIONS_FORM_SCHEMA : SINGLE_FORM_SCHEMA));
  if (findings.length > 0) return { findings };
  const defaults = DEFAULT_REGISTRY_DATA.bodies;
  if (!several) {
    const data = value as RegistryData;
    const seen = checkNames(data.bodies, ['bodies'], file.doc, findings);
    if (findings.length > 0) return { findings };
    const merged: RegistryData = data.inheritDefault ? { ...data, bodies: [...data.bodies, ...defaults.filter((b) => !seen.has(nameKey(b.name)))] } : data;
    return { registry: new Registry({ ...merged, origin }).data, findings };
  }
  const data = value as OrganisationsRegistryData;
  const orgNames = new Set<string>();
  const seen = data.organisations.map((o, i) => {
    const key = nameKey(o.name);
    if (orgNames.has(key)) findings.push(invalid(t('The organisation “{0}” is listed twice.', o.name), rangeAtPath(file.doc, ['organisations', i, 'name'])));
    orgNames.add(key);
    return checkNames(o.bodies, ['organisations', i, 'bodies'], file.doc, findings);
  });
  if (findings.length > 0) return { findings };
  let organisations = data.organisations;
  if (data.inheritDefault) {
    // The built-in organisation's bodies join the organisation of the same name, or come as one of their own.
    const builtin = DEFAULT_REGISTRY_DATA.municipality;
    const i = organisations.findIndex((o) => nameKey(o.name) === nameKey(builtin));
    organisations =
      i >= 0
        ? organisations.map((o, j) => (j === i ? { ...o, bodies: [...o.bodies, ...defaults.filter((b) => !seen[i].has(nameKey(b.name)))] } : o))
        : [...organisations, { name: builtin, kind: 'kommun', checked: DEFAULT_REGISTRY_DATA.checked, source: DEFAULT_REGISTRY_DATA.source, bodies: defaults }];
  }
  return { registry: new Registry({ ...data, organisations, origin }).data, findings };
}

export const DEFAULT_REGISTRY = new Registry(DEFAULT_REGISTRY_DATA);
