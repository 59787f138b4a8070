/** Writing conventions (hints): year ranges with an en dash, "ska" not "skall", four-digit years. */
import { defineCode, type ReplaceData } from '../findings';
import { q, t } from '../l10n';
import { entryForRole } from '../model';
import { walkText } from './common';
import type { RuleContext, RuleFamily } from './family';

const YEAR_RANGE_CODE = defineCode<ReplaceData & { expected: string }>({
  code: 'plan.style.year-range',
  severity: 'hint',
  option: 'style.yearRange',
  description: {
    sv: 'Ett årsintervall med bindestreck eller mellanslag: skriv 2020–2024 med tankstreck.',
    en: 'A year range written with a hyphen or a spaced dash.',
  },
  fixes: ['replace'],
});
const SKALL_CODE = defineCode<ReplaceData & { expected: string }>({
  code: 'plan.style.skall',
  severity: 'hint',
  option: 'style.skall',
  description: { sv: '”skall” i stället för ”ska”.', en: '“skall” instead of “ska”.' },
  fixes: ['replace'],
});
const TWO_DIGIT_CODE = defineCode<{ expected: string; found: string }>({
  code: 'plan.style.two-digit-year',
  severity: 'hint',
  option: 'style.twoDigitYear',
  description: { sv: 'Ett datum med tvåsiffrigt år.', en: 'A date with a two-digit year.' },
});

const YEAR_RANGE = /(?<![\d/-])((?:19|20)\d{2})(-|\s+[-–—]\s*|\s*[-–—]\s+|—)((?:19|20)\d{2})(?![\d-])/g;
const SKALL = /(?<![\p{L}])(skall)(?![\p{L}])/giu;
const TWO_DIGIT_DATE = /(?<![\d-])(\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d-])/g;
/**
 * What a text must hold for the patterns above to match in it at all: two digits in a row (a year
 * range, a date), or "skall" under the same case folding. Most text runs hold neither, and
 * `matchAll` copies its pattern at every call: a plan of 10,000 ambitions spent 18 ms on that.
 */
const TWO_DIGITS = /\d\d/;
const SKALL_AT_ALL = /skall/iu;

export const styleFamily: RuleFamily = {
  id: 'style',
  name: { sv: 'Skrivregler', en: 'Writing conventions' },
  codes: [YEAR_RANGE_CODE, SKALL_CODE, TWO_DIGIT_CODE],
  options: [
    {
      key: 'style.enabled',
      default: true,
      description: {
        sv: 'Tips om skrivregler (2020–2024 med tankstreck, ”ska”, fyrsiffriga år).',
        en: 'Writing-convention hints (2020–2024 with an en dash, ”ska”, four-digit years).',
      },
    },
    {
      key: 'style.yearRange',
      default: true,
      description: { sv: 'Tips när ett årsintervall skrivs med bindestreck: 2020–2024.', en: 'Hint when a year range is written with a hyphen: 2020–2024.' },
    },
    {
      key: 'style.skall',
      default: true,
      description: { sv: 'Tips när ”skall” står i stället för ”ska”.', en: 'Hint when “skall” is written instead of “ska”.' },
    },
    { key: 'style.twoDigitYear', default: true, description: { sv: 'Tips när ett datum har tvåsiffrigt år.', en: 'Hint when a date has a two-digit year.' } },
  ],
  check({ plan, report, memo }) {
    const scanner = (report: RuleContext['report']) => (value: string, start: number) => {
      const digits = TWO_DIGITS.test(value);
      for (const m of digits ? value.matchAll(YEAR_RANGE) : []) {
        const right = `${m[1]}–${m[3]}`;
        report(
          YEAR_RANGE_CODE,
          t('Write the year range {0} with an en dash and no spaces: {1}.', q(m[0]), right),
          { start: start + m.index!, end: start + m.index! + m[0].length },
          { expected: right, found: m[0], replacement: right },
        );
      }
      for (const m of SKALL_AT_ALL.test(value) ? value.matchAll(SKALL) : []) {
        const right = m[1][0] === 'S' ? 'Ska' : 'ska';
        report(
          SKALL_CODE,
          t('Write “ska”, not “skall”.'),
          { start: start + m.index!, end: start + m.index! + m[0].length },
          { expected: right, found: m[0], replacement: right },
        );
      }
      for (const m of digits ? value.matchAll(TWO_DIGIT_DATE) : []) {
        report(
          TWO_DIGIT_CODE,
          t('The date {0} has a two-digit year; write it YYYY-MM-DD.', q(m[0])),
          { start: start + m.index!, end: start + m.index! + m[0].length },
          { found: m[0], expected: 'ÅÅÅÅ-MM-DD' },
        );
      }
    };
    // A run of blocks at a time, each read again only when its text changed (memo.ts).
    memo.blocks('style', plan.md.root.children, report, (node, r) => walkText(node, scanner(r)));
    const title = entryForRole(plan, 'title');
    if (title?.valueText) scanner(report)(plan.md.text.slice(title.valueRange.start, title.valueRange.end), title.valueRange.start);
  },
};
