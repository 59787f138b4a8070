/** What the command line tools share in reading their options (node:util parseArgs with `tokens`). */
import { nearest, t } from '../core/index';

/** A mistake in the command line: the tools print it with their usage and exit with code 2. */
export class UsageError extends Error {}

type Token = { kind: string; name?: string; rawName?: string; value?: string; inlineValue?: boolean };

/**
 * Checks the options parseArgs read (in non-strict mode, so that the messages are ours and in the
 * user's language): an unknown option (with the nearest known one), a missing value, a value where
 * none is taken, and a `--locale` other than Swedish or English.
 */
export function checkOptions(tokens: readonly Token[], options: Record<string, { type: 'string' | 'boolean' }>, values: Record<string, unknown>): void {
  for (const token of tokens) {
    if (token.kind !== 'option' || !token.name) continue;
    const spec = options[token.name];
    const raw = token.rawName ?? `--${token.name}`;
    if (!spec) {
      const near = nearest(token.name, Object.keys(options), 1);
      throw new UsageError(near.length ? t('Unknown option {0}. Did you mean {1}?', raw, `--${near[0]}`) : t('Unknown option {0}.', raw));
    }
    if (spec.type === 'string' && token.value === undefined) throw new UsageError(t('The option {0} needs a value.', raw));
    if (spec.type === 'boolean' && token.inlineValue) throw new UsageError(t('The option {0} takes no value.', raw));
  }
  // Only a language the messages exist in: "de" or "sv_FI" is a mistake, not Swedish by default.
  if (typeof values.locale === 'string' && !/^(?:sv|en)(?:[-_.@][A-Za-z0-9-]+)*$/i.test(values.locale))
    throw new UsageError(t('Unknown language {0}; use sv or en.', values.locale));
}
