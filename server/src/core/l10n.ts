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
  return tag && /^en\b/i.test(tag) ? 'en' : 'sv';
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

/** Joins names as Swedish or English prose: "a, b och c". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  const and = getLocale() === 'en' ? ' and ' : ' och ';
  return names.slice(0, -1).join(', ') + and + names[names.length - 1];
}

/** Quotes as the language does: ”x” in Swedish, “x” in English. */
export function q(s: string): string {
  return getLocale() === 'en' ? `“${s}”` : `”${s}”`;
}
