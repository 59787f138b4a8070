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
  return l10n.t(message, ...args);
}

/** Text given in a template as a plain string or as `{ sv, en }`. */
export type LocalText = string | { sv: string; en?: string };

export function local(text: LocalText | undefined): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return getLocale() === 'en' && text.en ? text.en : text.sv;
}

const listFormats = new Map<string, Intl.ListFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

/** Joins names as prose in the current language: "a, b och c" / "a, b and c" (`or`: "a, b eller c"). */
export function joinNames(names: string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  const key = `${getLocale()}:${type}`;
  let f = listFormats.get(key);
  if (!f) listFormats.set(key, (f = new Intl.ListFormat(getLocale(), { type, style: 'long' })));
  return f.format(names);
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
