/**
 * Localisation of the library's messages. Source strings are English (VS Code's convention);
 * Swedish comes from `l10n/bundle.l10n.sv.json`. Swedish is the default: English only when the
 * caller's locale is English.
 */
import * as l10n from '@vscode/l10n';
import sv from '../../../l10n/bundle.l10n.sv.json';

export type Locale = 'sv' | 'en';

let current: Locale | undefined;

export function localeOf(tag: string | undefined): Locale {
  return tag && /^en(?:$|[-_.@])/i.test(tag) ? 'en' : 'sv';
}

/** Chooses the language of every message made after this call. */
export function setLocale(tag: string | undefined): Locale {
  const next = localeOf(tag);
  if (next !== current) {
    l10n.config({ contents: next === 'sv' ? (sv as Record<string, string>) : {} });
    current = next;
  }
  return next;
}

export function getLocale(): Locale {
  if (current === undefined) setLocale('sv');
  return current!;
}

/** Translates an English source string, with `{0}`-style arguments. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  if (current === undefined) setLocale('sv');
  if (!args.length) return l10n.t(message);
  // As l10n.t formats, with each message translated and split at its placeholders once per
  // language: a dense plan has tens of thousands of findings, each with a message.
  const cache = current === 'sv' ? compiledSv : compiledEn;
  let c = cache.get(message);
  if (!c) cache.set(message, (c = compile(current === 'sv' ? (sv as Record<string, string>)[message] || message : message)));
  const values = args as unknown as Record<string | number, string | number | boolean | undefined>;
  let out = c.texts[0];
  for (let i = 0; i < c.keys.length; i++) out += String(values[c.keys[i]] ?? c.placeholders[i]) + c.texts[i + 1];
  return out;
}

/**
 * A message's text split at its placeholders (`{0}`): the texts around them, and each
 * placeholder's argument (an index for `{0}`, else its name, looked up as l10n.t does) and source.
 */
interface Compiled {
  texts: string[];
  keys: Array<string | number>;
  placeholders: string[];
}

/** Compiled messages by source string, one map per language. */
const compiledSv = new Map<string, Compiled>();
const compiledEn = new Map<string, Compiled>();

function compile(template: string): Compiled {
  const c: Compiled = { texts: [], keys: [], placeholders: [] };
  let last = 0;
  for (const m of template.matchAll(/{([^}]+)}/g)) {
    c.texts.push(template.slice(last, m.index));
    c.keys.push(/^(?:0|[1-9]\d*)$/.test(m[1]) ? Number(m[1]) : m[1]);
    c.placeholders.push(m[0]);
    last = m.index + m[0].length;
  }
  c.texts.push(template.slice(last));
  return c;
}

/** Text given in a template as a plain string or as `{ sv, en }`. */
export type LocalText = string | { sv: string; en?: string };

export function local(text: LocalText | undefined): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return getLocale() === 'en' && text.en ? text.en : text.sv;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** How a list is joined: between two names, and before the last of three or more. */
const LIST_WORDS: Record<'sv' | 'en' | 'en-GB', Record<'conjunction' | 'disjunction', { two: string; last: string }>> = {
  sv: { conjunction: { two: ' och ', last: ' och ' }, disjunction: { two: ' eller ', last: ' eller ' } },
  en: { conjunction: { two: ' and ', last: ', and ' }, disjunction: { two: ' or ', last: ', or ' } },
  'en-GB': { conjunction: { two: ' and ', last: ' and ' }, disjunction: { two: ' or ', last: ' or ' } },
};

/**
 * `names` as prose, as `Intl.ListFormat(locale, { style: 'long', type })` writes them (a test holds
 * the two equal): "a, b och c", "a, b, and c" (en), "a, b and c" (en-GB). Not Intl.ListFormat
 * itself: the first one made in a thread costs 15–50 ms (ICU's list data), and every server start
 * paid that in its first analysis, before the first diagnostics.
 */
export function listOf(names: readonly string[], locale: 'sv' | 'en' | 'en-GB', type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  const words = LIST_WORDS[locale][type];
  if (names.length <= 1) return names[0] ?? '';
  if (names.length === 2) return names[0] + words.two + names[1];
  return names.slice(0, -1).join(', ') + words.last + names[names.length - 1];
}

/** Joins names as prose in the current language: "a, b och c" / "a, b, and c" (`or`: "a, b eller c"). */
export function joinNames(names: string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return listOf(names, getLocale(), type);
}

/** The singular or the plural form for `n`, by the current language's plural rules. */
export function plural(n: number, one: string, other: string): string {
  const locale = getLocale();
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n) === 'one' ? one : other;
}

/** "1 åtgärd", "3 åtgärder": a count with its noun. */
export function count(n: number, one: string, other: string): string {
  return `${n} ${plural(n, one, other)}`;
}

/** Quotes as the language does: ”x” in Swedish, “x” in English. */
export function q(s: string): string {
  return getLocale() === 'en' ? `“${s}”` : `”${s}”`;
}
