/**
 * The rule families, in the order they run. This list is the one source of the findings table,
 * docs/findings.md and the severity and switch settings in package.json.
 */
import { META_CODES, type CodeSpec, type Finding } from '../findings';
import { BlockMemo } from '../memo';
import type { PlanModel } from '../model';
import type { Template } from '../template';
import { ansvarFamily } from './ansvar';
import { Collector, type CheckOptions, type OptionSpec, type RuleContext, type RuleFamily, type TemplateRuleContext } from './family';
import { followUpFamily } from './followup';
import { frontMatterFamily } from './frontmatter';
import { imagesFamily } from './images';
import { klarsprakFamily } from './klarsprak';
import { linksFamily } from './links';
import { sectionsFamily } from './sections';
import { structureFamily } from './structure';
import { styleFamily } from './style';
import { subsectionsFamily } from './subsections';
import { titleFamily } from './title';
import { tocFamily } from './toc';
import { validityFamily } from './validity';

export const FAMILIES: readonly RuleFamily[] = [
  frontMatterFamily,
  titleFamily,
  sectionsFamily,
  structureFamily,
  subsectionsFamily,
  ansvarFamily,
  tocFamily,
  followUpFamily,
  styleFamily,
  klarsprakFamily,
  imagesFamily,
  // Checked across the workspace's register (register/check.ts), not document by document.
  linksFamily,
  validityFamily,
];

/** Every code: the families' and those about files around the documents. */
export const ALL_CODES: readonly CodeSpec[] = [...FAMILIES.flatMap((f) => f.codes), ...META_CODES];
export const CODES_BY_NAME: ReadonlyMap<string, CodeSpec> = new Map(ALL_CODES.map((c) => [c.code, c]));
export const ALL_OPTIONS: readonly OptionSpec[] = FAMILIES.flatMap((f) => f.options ?? []);

/** The findings of a plan; `memo` carries what rules found block by block in the version before (memo.ts). */
export function checkPlan(plan: PlanModel, options: CheckOptions, memo = new BlockMemo(plan.md)): Finding[] {
  if (!plan.planBy) return [];
  const c = new Collector(options);
  // One object literal for both passes, not `{ ...ctx, template }`: V8 gave that spread a new
  // hidden class at every analysis, so every rule that takes it was thrown out of its optimised
  // code ("wrong map") and compiled again, analysis after analysis.
  const ctx: RuleContext & { readonly template: Template | undefined } = {
    plan,
    registry: options.registry,
    options,
    report: (spec, message, range, data, related) => c.add(spec, message, range, data, related),
    memo,
    template: plan.template,
  };
  for (const family of FAMILIES) family.check?.(ctx);
  if (ctx.template) for (const family of FAMILIES) family.checkWithTemplate?.(ctx as TemplateRuleContext);
  c.findings.sort((a, b) => a.range.start - b.range.start || (a.code === b.code ? 0 : a.code.localeCompare(b.code)));
  return c.findings;
}

export { DEFAULT_DIARIENUMMER, diarienummerExample } from './frontmatter';
export type { CheckOptions, StyleSettings, OptionSpec, RuleFamily } from './family';
