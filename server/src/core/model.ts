/** The plan model: what the structure of a governing document is, once the template has been applied. */
import type { FrontMatter, HeadingInfo, ParsedMarkdown, SectionNode } from './parse';
import type { Body, BodyMention } from './registry';
import type { SectionSpec, SubsectionSpec, Template } from './template';
import type { OffsetRange } from './text';

export interface Action {
  /** Plain text of the action's first paragraph. */
  text: string;
  range: OffsetRange;
  /** The actor the action begins with, if it names one from the registry. */
  actor?: { body: Body; range: OffsetRange };
  /** Words at the start that look like a body but are not in the registry ("Kulturnämden ska …"). */
  unknownActor?: BodyMention;
  /** Nested points under the action. */
  subItems: string[];
}

export interface AnsvarLine {
  range: OffsetRange;
  mentions: BodyMention[];
}

export interface SubsectionModel {
  spec: SubsectionSpec;
  section: SectionNode;
  empty: boolean;
  /** For an actions subsection (Hur): the list items, and whether there was any list. */
  actions: Action[];
  hasList: boolean;
}

export interface Ambition {
  /** "1.2" as written, or undefined when the heading has no number. */
  number?: string;
  /** The numbers as integers: [1, 2]. */
  numbers: number[];
  title: string;
  section: SectionNode;
  part?: Part;
  subsections: SubsectionModel[];
  ansvar: AnsvarLine[];
  /** The heading is not deeper than its part's heading (adopted by position). */
  misnested: boolean;
}

export interface Part {
  number?: number;
  title: string;
  section: SectionNode;
  ambitions: Ambition[];
  misnested: boolean;
}

export interface RecognizedSection {
  spec: SectionSpec;
  section: SectionNode;
}

export interface TocEntry {
  text: string;
  range: OffsetRange;
  /** Numbering prefix: "1", "1.2". */
  number?: string;
  /** The keyword before the number (Del, Ambition), if any. */
  label?: string;
  /** Text after the numbering prefix. */
  title: string;
  link?: string;
}

export interface Quote {
  text: string;
  source?: string;
  range: OffsetRange;
}

export interface PlanModel {
  md: ParsedMarkdown;
  /** Why this file is a plan: its front matter or its file name. Undefined: not a plan. */
  planBy?: 'frontmatter' | 'filename';
  /** The document type as written (front matter) or implied by the file name. */
  documentType?: string;
  template?: Template;
  frontMatter?: FrontMatter;
  title?: HeadingInfo;
  /** The sections under the title, in order. */
  bodySections: SectionNode[];
  recognized: RecognizedSection[];
  /** Body-level sections that match no template section, part or ambition. */
  unknown: SectionNode[];
  parts: Part[];
  /** Ambitions that stand outside any part. */
  looseAmbitions: Ambition[];
  /** Subsections adopted by position although their heading is not deeper than their parent's. */
  misnested: SectionNode[];
  toc?: { section: SectionNode; entries: TocEntry[] };
  quotes: Quote[];
  sources: string[];
}

export function allAmbitions(plan: PlanModel): Ambition[] {
  return [...plan.parts.flatMap((p) => p.ambitions), ...plan.looseAmbitions];
}
