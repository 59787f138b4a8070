/**
 * The words of the rendered overview. The render module has no catalogue of its own: the caller
 * passes its translator — the library's `t` on the server, `vscode.l10n.t` in the client — which
 * takes the English source string (the key in l10n/bundle.l10n.sv.json) and `{0}`-style arguments.
 */

/** Translates an English source string with `{0}`-style arguments. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** The English source text itself, with the arguments put in. */
export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));

/** Names as prose: "a, b and c" ("a, b och c"). */
export function joinNames(names: readonly string[], t: Translate): string {
  if (names.length <= 1) return names.join('');
  return t('{0} and {1}', names.slice(0, -1).join(', '), names[names.length - 1]);
}

/** The first letter in upper case: "delar" → "Delar". */
export function capitalise(s: string, locale: string): string {
  return s.charAt(0).toLocaleUpperCase(locale) + s.slice(1);
}
