/**
 * What the templates make of a paragraph's text, for documents without heading styles
 * (promote.ts): one of the templates' sections, the section that gathers the parts, a labelled or
 * named unit ("Del 1. Namn", "Insats: Namn", "Fokusområde 2 – Namn"), or a unit's subsection
 * (Varför, Vad, Hur). The patterns are the checker's (core/plan.ts), a little stricter: a label
 * only counts with its number (or, for a level without numbers, a separator after it), so that
 * "Del av kommunen …" is not a part.
 */
import { matchesSectionSpec, patternsFor, sectionKey } from '../core/plan';
import { levelMatch, levelNumbering, levels, type Template } from '../core/template';

export type HeadingCue =
  /** One of the template's sections ("Syfte", "Inledning: Vi spelar roll!"). */
  | { kind: 'section' }
  /** The section that gathers the parts ("Strategier"); `bare`: its parts are headings without a label. */
  | { kind: 'parts'; bare: boolean }
  /** A unit of a level, by its label or name. */
  | { kind: 'unit' }
  /** A unit's subsection ("Varför är ambitionen viktig?", "Hur?"). */
  | { kind: 'sub' };

/** A heading is at most this long; a subsection's heading too ("Vad behöver vi lyckas med … för att nå ambitionen?"). */
const MAX_WORDS = 16;

/** The cue function for a set of templates: the first template that recognises the text decides. */
export function headingCues(templates: readonly Template[]): (text: string) => HeadingCue | undefined {
  const compiled = templates.map((template) => ({
    template,
    patterns: patternsFor(template),
    levels: levels(template),
  }));
  return (raw: string) => {
    const text = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (!text || text.split(' ').length > MAX_WORDS) return undefined;
    for (const { template, patterns, levels: levelList } of compiled) {
      for (const s of template.sections) {
        if (!matchesSectionSpec(s, text)) continue;
        if (s.kind === 'parts') return { kind: 'parts', bare: !!levelList[0] && levelMatch(levelList[0]) === 'any' };
        return { kind: 'section' };
      }
      for (let i = 0; i < patterns.levels.length; i++) {
        const lp = patterns.levels[i];
        const m = lp.labelled?.exec(text);
        if (m && m[2].trim()) {
          const label = levelList[i].label ?? '';
          const after = text.slice(label.length);
          if (m[1] || (levelNumbering(levelList[i]) === 'none' && /^\s*[:–—-]\s*\S/.test(after))) return { kind: 'unit' };
        }
        if (lp.names?.includes(sectionKey(text))) return { kind: 'unit' };
        if (lp.sub.some((s) => s.re.test(text)) && !/[.,;:]$/.test(text)) return { kind: 'sub' };
      }
    }
    return undefined;
  };
}
