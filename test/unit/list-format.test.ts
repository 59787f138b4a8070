import assert from 'node:assert/strict';
import { joinNames, listOf, setLocale } from '../../server/src/core/l10n';
import { joinOrganisationNames } from '../../server/src/core/registry';

// The library joins lists by hand (l10n.ts: Intl.ListFormat's first use in a thread costs tens of
// milliseconds at every server start); the text must stay exactly what Intl.ListFormat writes.
describe('lists as prose (listOf)', () => {
  const lists = [[], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['Kultur- och fritidsnämnden', 'Barn- och ungdomsnämnden', 'Kommunstyrelsen', 'd, e', '”f”']];

  for (const locale of ['sv', 'en', 'en-GB'] as const)
    for (const type of ['conjunction', 'disjunction'] as const)
      it(`writes ${locale} ${type} lists as Intl.ListFormat does`, () => {
        const intl = new Intl.ListFormat(locale, { style: 'long', type });
        for (const names of lists) assert.equal(listOf(names, locale, type), intl.format(names), JSON.stringify(names));
      });

  it('joins in the current language: joinNames as Intl.ListFormat(locale), organisations in en-GB', () => {
    try {
      setLocale('en');
      assert.equal(joinNames(['a', 'b', 'c'], 'disjunction'), 'a, b, or c');
      assert.equal(joinOrganisationNames(['a', 'b', 'c']), 'a, b and c');
      setLocale('sv');
      assert.equal(joinNames(['a', 'b', 'c']), 'a, b och c');
      assert.equal(joinNames(['a', 'b'], 'disjunction'), 'a eller b');
      assert.equal(joinOrganisationNames(['a', 'b', 'c']), 'a, b och c');
    } finally {
      setLocale('sv');
    }
  });
});
