/**
 * A document's validity and revision on a given day (the setting `plan.today`, else the real
 * date): expired, expiring within `plan.validity.warnDays`, without a decision date, past its
 * revision date (written, or once per term of office). A document another one replaces is history
 * and gets none of these. The order of dates and the title's period are the front-matter family's.
 */
import { defineCode } from '../findings';
import { q, t } from '../l10n';
import { addDays, revisionDue, termOfOffice } from '../register/dates';
import type { RuleFamily } from './family';
import type { RegisterContext } from './links';

const EXPIRED = defineCode({
  code: 'plan.validity.expired',
  severity: 'warning',
  description: { sv: 'Dokumentets giltighetstid har gått ut.', en: 'The document’s validity has ended.' },
});
const EXPIRING = defineCode({
  code: 'plan.validity.expiring',
  severity: 'information',
  description: {
    sv: 'Dokumentet upphör att gälla inom det antal dagar som inställningen plan.validity.warnDays anger.',
    en: 'The document stops being valid within the days of the setting plan.validity.warnDays.',
  },
});
const NO_DECISION_DATE = defineCode({
  code: 'plan.validity.no-decision-date',
  severity: 'information',
  description: { sv: 'Dokumentet har inget beslutsdatum.', en: 'The document has no decision date.' },
});
const REVISION_DUE = defineCode({
  code: 'plan.validity.revision-due',
  severity: 'warning',
  description: {
    sv: 'Dokumentet skulle ha reviderats: fältet revideras-senast har passerats, eller (utan det) har en hel mandatperiod gått sedan beslutet.',
    en: 'The document is past its revision date: the revision key’s date, or (without it) a whole term of office after the decision.',
  },
});

export const validityFamily: RuleFamily = {
  id: 'validity',
  name: { sv: 'Giltighet och revidering', en: 'Validity and revision' },
  codes: [EXPIRED, EXPIRING, NO_DECISION_DATE, REVISION_DUE],
};

export function checkValidity(ctx: RegisterContext): void {
  const { doc, today } = ctx;
  const e = doc.entry;
  const replacers = ctx.register.replacedBy(doc.uri);
  if (replacers.length) return;
  const header = e.headerRange;
  if (e.decisionKey && !e.decisionKey.present && !e.decisionKey.required)
    ctx.report(NO_DECISION_DATE, t('The document has no decision date: add the key {0} once it is decided.', q(e.decisionKey.key)), header);
  if (e.validTo && e.validTo < today) {
    ctx.report(EXPIRED, t('The document stopped being valid on {0}. Revise it, or replace it with a new document.', e.validTo), e.ranges.validTo ?? header);
    return;
  }
  if (e.validTo && e.validTo <= addDays(today, ctx.warnDays))
    ctx.report(EXPIRING, t('The document stops being valid on {0}.', e.validTo), e.ranges.validTo ?? header);
  const due = revisionDue(e);
  if (!due || due >= today) return;
  const decided = e.decisionDate ?? e.validFrom!;
  ctx.report(
    REVISION_DUE,
    e.revisionDue
      ? t('The document should have been revised by {0}.', due)
      : e.revisionYears
        ? t('The document should have been revised by {0}: {1} years after {2}.', due, e.revisionYears, decided)
        : t(
            'The document should have been revised by {0}: it was decided on {1}, in the term of office {2}, and is revised once per term of office.',
            due,
            decided,
            termOfOffice(decided).label,
          ),
    e.ranges.revisionDue ?? e.ranges.decisionDate ?? header,
  );
}
