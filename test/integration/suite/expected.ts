/**
 * What the server says about the reference plan, word for word, in both of its languages.
 * The server speaks English when VS Code's display language is English and Swedish otherwise
 * (the client sends vscode.env.language as initializationOptions.locale).
 */
export type Lang = 'sv' | 'en';

export function langOf(tag: string): Lang {
  return /^en\b/i.test(tag) ? 'en' : 'sv';
}

interface Expected {
  /** Diagnostics (line is 1-based) the reference plan must have, exact message. */
  diagnostics: Array<{ line: number; code: string; message: string }>;
  /** Hover inside Ambition 1.1's Varför section. */
  varforGuidance: string;
  /** Hover over ”Kommunstyrelsen” in ”Ansvar för planen”. */
  bodyHoverStart: string;
  /** Symbol details. */
  ambitions: (n: number) => string;
  actions: (n: number) => string;
  /** Completion detail of the next ambition number. */
  nextAmbitionDetail: string;
  /** The first line of plan.showTemplate's document for the built-in plan template. */
  templateHeadingStart: string;
}

export const EXPECTED: Record<Lang, Expected> = {
  sv: {
    diagnostics: [
      { line: 4, code: 'plan.frontmatter.empty-value', message: 'Fältet ”diarienummer” är obligatoriskt men saknar värde. Skriv till exempel KS 2019/0123.' },
      { line: 8, code: 'plan.frontmatter.empty-value', message: 'Fältet ”gäller-från” är obligatoriskt men saknar värde. Skriv datumet som ÅÅÅÅ-MM-DD.' },
      { line: 9, code: 'plan.frontmatter.empty-value', message: 'Fältet ”gäller-till” är obligatoriskt men saknar värde. Skriv datumet som ÅÅÅÅ-MM-DD.' },
      {
        line: 50,
        code: 'plan.toc.title-mismatch',
        message: 'Raden ”1.2. Ett stärkt företagsklimat” i Innehåll skiljer sig från sin rubrik ”Ambition 1.2. Ett starkt företagsklimat”.',
      },
      {
        line: 52,
        code: 'plan.toc.title-mismatch',
        message: 'Raden ”Del 2. En Levande plats” i Innehåll skiljer sig från sin rubrik ”Del 2. En levande plats”.',
      },
      {
        line: 219,
        code: 'plan.ansvar.no-actor',
        message:
          'Åtgärden ”Ta fram en samlad nulägesbild, skapa en ökad kunskap och …” anger ingen aktör; börja med vem som gör den, till exempel ”Kommunstyrelsen ska …”.',
      },
      {
        line: 220,
        code: 'plan.ansvar.no-actor',
        message:
          'Åtgärden ”Utifrån nulägesbild definiera ambitioner och insatser för…” anger ingen aktör; börja med vem som gör den, till exempel ”Kommunstyrelsen ska …”.',
      },
      { line: 3, code: 'plan.style.year-range', message: 'Skriv årtalsintervallet ”2020-2024” med tankstreck utan mellanslag: 2020–2024.' },
    ],
    varforGuidance:
      '**Varför är ambitionen viktig?**\n\nVarför är ambitionen viktig? Motivera med behov, underlag och koppling till strategisk plan.\n\nLäsbarhet: LIX 54 (svår).',
    bodyHoverStart: '**Kommunstyrelsen** (styrelse)  \nKallas även: KS  \nFörvaltning: Kommunledningsförvaltningen',
    ambitions: (n) => `${n} ambitioner`,
    actions: (n) => `${n} åtgärder`,
    nextAmbitionDetail: 'nästa lediga nummer i Del 1. Utveckling som möjliggör',
    templateHeadingStart: '# Mall: ',
  },
  en: {
    diagnostics: [
      { line: 4, code: 'plan.frontmatter.empty-value', message: 'The required key “diarienummer” has no value. Expected e.g. KS 2019/0123.' },
      { line: 8, code: 'plan.frontmatter.empty-value', message: 'The required key “gäller-från” has no value. Expected a date, YYYY-MM-DD.' },
      { line: 9, code: 'plan.frontmatter.empty-value', message: 'The required key “gäller-till” has no value. Expected a date, YYYY-MM-DD.' },
      {
        line: 50,
        code: 'plan.toc.title-mismatch',
        message: 'The Innehåll entry “1.2. Ett stärkt företagsklimat” differs from its heading “Ambition 1.2. Ett starkt företagsklimat”.',
      },
      {
        line: 52,
        code: 'plan.toc.title-mismatch',
        message: 'The Innehåll entry “Del 2. En Levande plats” differs from its heading “Del 2. En levande plats”.',
      },
      {
        line: 219,
        code: 'plan.ansvar.no-actor',
        message:
          'The action “Ta fram en samlad nulägesbild, skapa en ökad kunskap och …” names no actor; begin it with who does it, e.g. “Kommunstyrelsen ska …”.',
      },
      {
        line: 220,
        code: 'plan.ansvar.no-actor',
        message:
          'The action “Utifrån nulägesbild definiera ambitioner och insatser för…” names no actor; begin it with who does it, e.g. “Kommunstyrelsen ska …”.',
      },
      { line: 3, code: 'plan.style.year-range', message: 'Write the year range “2020-2024” with an en dash and no spaces: 2020–2024.' },
    ],
    varforGuidance:
      '**Varför är ambitionen viktig?**\n\nWhy does the ambition matter? Give the needs, the evidence and the link to the strategic plan.\n\nReadability: LIX 54 (hard).',
    bodyHoverStart: '**Kommunstyrelsen** (styrelse)  \nAlso called: KS  \nFörvaltning: Kommunledningsförvaltningen',
    ambitions: (n) => `${n} ambitions`,
    actions: (n) => `${n} actions`,
    nextAmbitionDetail: 'next free number in Del 1. Utveckling som möjliggör',
    templateHeadingStart: '# Template: ',
  },
};

/** Codes the reference plan's diagnostics must include (whatever the language). */
export const REFERENCE_CODES = ['plan.toc.title-mismatch', 'plan.ansvar.no-actor', 'plan.frontmatter.empty-value', 'plan.style.year-range'];
