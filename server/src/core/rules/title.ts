/** The title heading and its agreement with the header's title. */
import { defineCode, type InsertData, type ReplaceData } from '../findings';
import { q, t } from '../l10n';
import { entryForRole } from '../model';
import { fold } from '../text';
import type { RuleFamily } from './family';

const MISSING = defineCode<InsertData>({
  code: 'plan.title.missing',
  severity: 'error',
  description: { sv: 'Dokumentet saknar titelrubrik (# Titel).', en: 'The document has no title heading.' },
  fixes: ['insert'],
});
const MISMATCH = defineCode<ReplaceData & { expected: string }>({
  code: 'plan.title.mismatch',
  severity: 'warning',
  description: { sv: 'Titelrubriken skiljer sig från titeln i dokumenthuvudet.', en: 'The title heading differs from the title in the front matter.' },
  fixes: ['replace'],
});

export const titleFamily: RuleFamily = {
  id: 'title',
  name: { sv: 'Titel', en: 'Title' },
  codes: [MISSING, MISMATCH],
  checkWithTemplate({ plan, report }) {
    const titleKey = entryForRole(plan, 'title');
    if (!plan.title) {
      const fmEnd = plan.frontMatter ? plan.frontMatter.range.end : 0;
      report(
        MISSING,
        t('The document has no title heading (# Title).'),
        { start: plan.frontMatter?.range.start ?? 0, end: Math.max(fmEnd, 1) },
        {
          insertText: titleKey?.valueText ? `\n# ${titleKey.valueText}\n` : '\n# \n',
          insertAt: fmEnd,
        },
      );
      return;
    }
    const fmBroken = !!plan.frontMatter && (plan.frontMatter.errors.length > 0 || plan.frontMatter.notAMapping);
    if (!fmBroken && titleKey?.valueText && fold(titleKey.valueText) !== fold(plan.title.text)) {
      report(MISMATCH, t('The title heading {0} differs from the front matter’s titel {1}.', q(plan.title.text), q(titleKey.valueText)), plan.title.textRange, {
        expected: titleKey.valueText,
        found: plan.title.text,
        replacement: titleKey.valueText,
      });
    }
  },
};
