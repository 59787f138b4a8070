/**
 * Glob patterns from outside the code (the setting `plan.planFiles`), matched in time linear in the
 * path: each pattern is translated into a regular expression for RE2 (re2js), which never
 * backtracks, so no pattern can stall the server however it is written
 * (`**\/*(*a)*(*a)*(*a)*(*a)b.md`). A backtracking glob engine takes time exponential in the number
 * of stars on such a pattern.
 *
 * The syntax is the usual one (as in VS Code's `files.exclude`): `*` any characters but `/`, `**` as
 * a whole segment any number of folders, `?` one character, `[abc]`, `[a-z]`, `[!abc]` or `[^abc]`,
 * `{a,b}` alternatives (nestable), the extglobs `@(a|b)`, `?(a|b)`, `*(a|b)` and `+(a|b)`, `\` to
 * escape the next character, and a leading `!` for a pattern that excludes. Dots are not special
 * (`*` matches `.hidden`) and case does not matter. `!(a|b)` (everything but) needs lookahead, which
 * RE2 cannot run in linear time, so it is rejected with a reason, never run.
 */
import { RE2JS } from 're2js';
import { t } from './l10n';

/** Patterns longer than this are not compiled. */
export const MAX_GLOB_LENGTH = 1000;

export type CompiledGlob = { ok: true; test: (path: string) => boolean; negated: boolean } | { ok: false; reason: string };

class GlobError extends Error {}

const SPECIAL = /[\\^$.|?*+()[\]{}]/;
const literal = (c: string): string => (SPECIAL.test(c) ? `\\${c}` : c === '/' ? '/' : c);
const ANY_SEGMENT_CHARS = '[^/]*';

/** Translates `source[from…]` up to one of the `stops` (not consumed); returns the RE2 text and the end. */
function translate(source: string, from: number, stops: string): { re: string; end: number } {
  let out = '';
  let i = from;
  while (i < source.length) {
    const c = source[i];
    if (stops.includes(c)) break;
    const next = source[i + 1];
    if (c === '\\') {
      if (next === undefined) throw new GlobError(t('it ends with a lone backslash'));
      out += literal(next);
      i += 2;
      continue;
    }
    if ('@?*+!'.includes(c) && next === '(') {
      if (c === '!') throw new GlobError(t('the extglob !(…) needs lookahead, which cannot be matched in linear time, and is not supported'));
      const alternatives: string[] = [];
      let j = i + 2;
      for (;;) {
        const part = translate(source, j, '|)');
        alternatives.push(part.re);
        if (part.end >= source.length) throw new GlobError(t('a parenthesis is not closed'));
        j = part.end + 1;
        if (source[part.end] === ')') break;
      }
      const group = `(?:${alternatives.join('|')})`;
      out += c === '@' ? group : c === '?' ? `${group}?` : c === '*' ? `${group}*` : `${group}+`;
      i = j;
      continue;
    }
    if (c === '*') {
      let j = i;
      while (source[j] === '*') j++;
      const stars = j - i;
      const segmentStart = i === 0 || source[i - 1] === '/';
      const segmentEnd = j === source.length || source[j] === '/';
      if (stars >= 2 && segmentStart && segmentEnd) {
        // `**` alone in its segment: any number of whole folders (none included).
        if (source[j] === '/') {
          out += '(?:[^/]*/)*';
          i = j + 1;
        } else {
          // At the end, `dir/**` also matches the folder itself.
          out = out.endsWith('/') ? `${out.slice(0, -1)}(?:/.*)?` : `${out}.*`;
          i = j;
        }
        continue;
      }
      out += ANY_SEGMENT_CHARS;
      i = j;
      continue;
    }
    if (c === '?') {
      out += '[^/]';
      i++;
      continue;
    }
    if (c === '[') {
      const cls = characterClass(source, i);
      if (cls) {
        out += cls.re;
        i = cls.end;
        continue;
      }
      out += '\\[';
      i++;
      continue;
    }
    if (c === '{') {
      const alternatives: string[] = [];
      let j = i + 1;
      let closed = false;
      for (;;) {
        const part = translate(source, j, ',}');
        alternatives.push(part.re);
        if (part.end >= source.length) break;
        j = part.end + 1;
        if (source[part.end] === '}') {
          closed = true;
          break;
        }
      }
      if (!closed) throw new GlobError(t('a brace is not closed'));
      out += alternatives.length === 1 ? `\\{${alternatives[0]}\\}` : `(?:${alternatives.join('|')})`;
      i = j;
      continue;
    }
    out += literal(c);
    i++;
  }
  return { re: out, end: i };
}

/** A bracket expression at `i` as an RE2 class, or undefined when it is not closed (then `[` is literal). */
function characterClass(source: string, i: number): { re: string; end: number } | undefined {
  let j = i + 1;
  let negate = false;
  if (source[j] === '!' || source[j] === '^') {
    negate = true;
    j++;
  }
  let members = '';
  let first = true;
  for (; j < source.length; j++) {
    const c = source[j];
    if (c === ']' && !first) return { re: `[${negate ? '^' : ''}${members}${negate ? '/' : ''}]`, end: j + 1 };
    first = false;
    if (c === '\\' && j + 1 < source.length) {
      members += `\\${source[++j]}`;
      continue;
    }
    if (c === '/') return undefined; // a class never spans a folder separator
    members += c === '-' ? '-' : /[\\\]^[]/.test(c) ? `\\${c}` : c;
  }
  return undefined;
}

/** Compiles one glob, or says in the current language why it cannot be used. */
export function compileGlob(pattern: string): CompiledGlob {
  if (pattern.length > MAX_GLOB_LENGTH) return { ok: false, reason: t('it is longer than {0} characters', MAX_GLOB_LENGTH) };
  let source = pattern.trim();
  const negated = source.startsWith('!') && source[1] !== '(';
  if (negated) source = source.slice(1);
  if (source.startsWith('./')) source = source.slice(2);
  if (!source) return { ok: false, reason: t('it is empty') };
  let re: RE2JS;
  try {
    const { re: body, end } = translate(source, 0, '');
    if (end !== source.length) throw new GlobError(t('a parenthesis is not closed'));
    re = RE2JS.compile(`^${body}$`, RE2JS.CASE_INSENSITIVE | RE2JS.DOTALL);
  } catch (e) {
    if (e instanceof GlobError) return { ok: false, reason: e.message };
    const message = e instanceof Error ? e.message.replace(/^error parsing regexp: /, '') : String(e);
    return { ok: false, reason: t('it is not a valid pattern ({0})', message) };
  }
  return { ok: true, negated, test: (path) => re.matches(path) };
}

/** A set of globs: a path matches when some including pattern matches it and no excluding one does. */
export interface GlobSet {
  test(path: string): boolean;
  /** The patterns that cannot be used, each with the reason. */
  rejected: { pattern: string; reason: string }[];
}

export function compileGlobs(patterns: readonly string[]): GlobSet {
  const include: ((p: string) => boolean)[] = [];
  const exclude: ((p: string) => boolean)[] = [];
  const rejected: { pattern: string; reason: string }[] = [];
  for (const pattern of patterns) {
    const c = compileGlob(pattern);
    if (!c.ok) rejected.push({ pattern, reason: c.reason });
    else (c.negated ? exclude : include).push(c.test);
  }
  return { rejected, test: (p) => include.some((f) => f(p)) && !exclude.some((f) => f(p)) };
}
