/**
 * A fixed day for judging the documents' validity (the server's setting `plan.today`, plan-check's
 * `--today`): the examples' documents stop being valid on 2027-12-31 and 2028-12-31, and a test that
 * expects them clean must not depend on the real date.
 */
export const TODAY = '2026-11-26';
