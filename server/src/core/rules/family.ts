/**
 * The shape of a rule family: one module per family declares its codes (default severity, sv/en
 * description, switch, quick fixes), its options and its check. `rules/index.ts` lists the families;
 * the findings table, docs/findings.md and the severity settings are generated from that list.
 */
import type { BothLanguages, CodeSpec, Finding, FindingData, Severity, SeveritySetting } from '../findings';
import type { PlanModel } from '../model';
import type { Registry } from '../registry';
import type { BlockMemo } from '../memo';
import type { Template, TemplateSet } from '../template';
import type { OffsetRange } from '../text';

export interface StyleSettings {
  yearRange?: boolean;
  skall?: boolean;
  twoDigitYear?: boolean;
}

export interface CheckOptions {
  templates: TemplateSet;
  registry: Registry;
  /** Severity per code; 'off' silences a code. */
  severities?: Record<string, SeveritySetting>;
  /** Writing-convention hints: all on (default), all off, or one by one. */
  style?: boolean | StyleSettings;
  /**
   * Switches of hint families by setting name without the `plan.` prefix (`klarsprak.enabled`,
   * `klarsprak.passive`); a switch set to false silences its codes.
   */
  switches?: Record<string, boolean>;
  /** A regular expression every diarienummer must match; overrides the template's and the loose default. */
  diarienummerPattern?: string;
}

/** A switch of a family, offered as the setting `plan.<key>`. */
export interface OptionSpec {
  key: string;
  default: boolean;
  description: BothLanguages;
}

export interface RuleContext {
  readonly plan: PlanModel;
  readonly registry: Registry;
  readonly options: CheckOptions;
  /** Reports a finding unless its code is switched off. */
  report<D extends FindingData>(spec: CodeSpec<D>, message: string, range: OffsetRange, data?: D, related?: Finding['related']): void;
  /** Findings of rules that read a block at a time, reused from the previous version where the block's text is the same (memo.ts). */
  readonly memo: BlockMemo;
}

/** The context of a family that runs only when the document has a template. */
export interface TemplateRuleContext extends RuleContext {
  readonly template: Template;
}

export interface RuleFamily {
  id: string;
  name: BothLanguages;
  codes: readonly CodeSpec[];
  options?: readonly OptionSpec[];
  /** Runs on every governing document, with or without a template. */
  check?(ctx: RuleContext): void;
  /** Runs when the document's template is known. */
  checkWithTemplate?(ctx: TemplateRuleContext): void;
}

/** Collects findings, applying the configured severities and switches. */
export class Collector {
  readonly findings: Finding[] = [];
  readonly #options: Pick<CheckOptions, 'severities' | 'style' | 'switches'>;

  constructor(options: Pick<CheckOptions, 'severities' | 'style' | 'switches'>) {
    this.#options = options;
  }

  add<D extends FindingData>(spec: CodeSpec<D>, message: string, range: OffsetRange, data?: D, related?: Finding['related']): void {
    const severity = this.severity(spec);
    if (!severity) return;
    const f: Finding = { code: spec.code, severity, message, range };
    if (data) {
      // The data without its undefined values; the object itself when it has none (every rule
      // passes a fresh object literal). A dense plan has tens of thousands of findings.
      let defined = 0;
      let undefinedValues = 0;
      for (const key in data) {
        if (!Object.prototype.hasOwnProperty.call(data, key)) continue;
        if (data[key] === undefined) undefinedValues++;
        else defined++;
      }
      if (defined && !undefinedValues) f.data = data;
      else if (defined) {
        const clean: Record<string, unknown> = {};
        for (const key in data) if (Object.prototype.hasOwnProperty.call(data, key) && data[key] !== undefined) clean[key] = data[key];
        f.data = clean as FindingData;
      }
    }
    if (related?.length) f.related = related;
    this.findings.push(f);
  }

  severity(spec: CodeSpec): Severity | undefined {
    const option = spec.option;
    if (option && !this.#switchedOn(option)) return undefined;
    const set = this.#options.severities?.[spec.code];
    if (set === 'off') return undefined;
    return set ?? spec.severity;
  }

  #switchedOn(option: string): boolean {
    const [group, name] = option.split('.');
    if (group === 'style') {
      const style = this.#options.style ?? true;
      if (style === false) return false;
      if (typeof style === 'object' && style[name as keyof StyleSettings] === false) return false;
    }
    const sw = this.#options.switches ?? {};
    return sw[`${group}.enabled`] !== false && sw[option] !== false;
  }
}
