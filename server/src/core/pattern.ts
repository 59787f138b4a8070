/**
 * Regular expressions from outside the code: a setting (`plan.diarienummerPattern`) or a
 * template's `diarienummerPattern`. They run on RE2 (re2js), which matches in time linear in the
 * text, so no pattern can stall the checks however it is written (`^(a+)+$`). What RE2 cannot run
 * in linear time – backreferences and lookarounds – is rejected with a reason, never run.
 *
 * The syntax is JavaScript's, as the setting's documentation says: `\s` is JavaScript's white space
 * (the non-breaking space included), `\d` the digits 0–9, and Unicode classes (`\p{L}`) and letters
 * outside ASCII (ÅÄÖ) work as written; `(?i)` makes the rest case-insensitive, Swedish letters included.
 * One difference remains: inside a character class, `\S` is RE2's (everything but ASCII white space).
 */
import { RE2JS } from 're2js';
import { t } from './l10n';

/** A compiled pattern: `test` looks for a match anywhere in the text (anchor with `^` and `$`). */
export interface UserPattern {
  readonly source: string;
  test(text: string): boolean;
}

export type CompiledPattern = { ok: true; pattern: UserPattern } | { ok: false; reason: string };

/** Patterns longer than this are not compiled: no diarienummer needs one, and compiling costs time. */
export const MAX_PATTERN_LENGTH = 1000;

/** JavaScript's `\s`, as the members of a character class. */
const JS_SPACE = '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';

type Problem = 'backreference' | 'lookaround';

/**
 * The pattern in RE2's syntax, with JavaScript's `\s`, or the construct RE2 cannot run. One pass
 * over the pattern, aware of escapes and character classes.
 */
function toRe2(source: string): { re2: string } | { problem: Problem } {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && i + 1 < source.length) {
      const n = source[i + 1];
      if (n === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      else if (n === 'S' && !inClass) out += `[^${JS_SPACE}]`;
      else if (!inClass && ((n >= '1' && n <= '9') || (n === 'k' && source[i + 2] === '<'))) return { problem: 'backreference' };
      else out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      // JavaScript's `[]` matches nothing and `[^]` any character; in RE2 a `]` there is a member.
      if (source.startsWith('[]', i)) {
        out += '[^\\x{0}-\\x{10FFFF}]';
        i++;
        continue;
      }
      if (source.startsWith('[^]', i)) {
        out += '[\\x{0}-\\x{10FFFF}]';
        i += 2;
        continue;
      }
      inClass = true;
      out += c;
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const rest = source.slice(i + 2, i + 4);
      if (rest[0] === '=' || rest[0] === '!' || rest === '<=' || rest === '<!') return { problem: 'lookaround' };
    }
    out += c;
  }
  return { re2: RE2JS.translateRegExp(out) };
}

const cache = new Map<string, UserPattern>();
const CACHE_SIZE = 32;

/**
 * Compiles a pattern from a setting or a template, or says in the current language why it cannot
 * be used. Compiled patterns are kept (a setting's pattern is used for every document).
 */
export function compileUserPattern(source: string): CompiledPattern {
  const cached = cache.get(source);
  if (cached) return { ok: true, pattern: cached };
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, reason: t('it is longer than {0} characters', MAX_PATTERN_LENGTH) };
  const translated = toRe2(source);
  if ('problem' in translated)
    return {
      ok: false,
      reason:
        translated.problem === 'backreference'
          ? t('backreferences (\\1, \\k<name>) cannot be checked in linear time and are not supported')
          : t('lookahead and lookbehind ((?=, (?!, (?<=, (?<!) cannot be checked in linear time and are not supported'),
    };
  let re: RE2JS;
  try {
    re = RE2JS.compile(translated.re2);
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/^error parsing regexp: /, '') : String(e);
    return { ok: false, reason: t('it is not a valid regular expression ({0})', message) };
  }
  const pattern: UserPattern = { source, test: (text) => re.test(text) };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(source, pattern);
  return { ok: true, pattern };
}
