/**
 * The header's label–value pairs as front matter: each label matched to the template's key by
 * the key's words ("Beslutad av" is `beslutad-av`, "Gäller från" is `gäller-från`), each value
 * written as the key's type asks (an ISO date, ja or nej, the document type's id). Written with
 * the `yaml` package.
 */
import { Document } from 'yaml';
import { q, t } from '../core/l10n';
import { keyForRole, type FrontMatterKeySpec, type Template, type TemplateSet } from '../core/template';
import { isoDate } from './dates';
import type { HeaderPair } from './header';

/** A label or key as words: "Beslutad av:", "beslutad-av" and "BESLUTAD AV" are "beslutad av". */
export function labelKey(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('sv')
    .replace(/:\s*$/, '')
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

/** The labels a key is known by: the key itself and the template's label for it (as publishing writes it, "Gäller from"). */
function labelsOf(k: FrontMatterKeySpec): string[] {
  const label = k.label === undefined ? [] : typeof k.label === 'string' ? [k.label] : [k.label.sv, k.label.en].filter((x): x is string => !!x);
  return [labelKey(k.key), ...label.map(labelKey)];
}

/** Every label the templates' front matter knows. */
export function knownLabels(templates: TemplateSet): Set<string> {
  return new Set(templates.all().flatMap((tpl) => tpl.frontMatter.flatMap((k) => labelsOf(k))));
}

/** The template the header names ("Dokumenttyp: Riktlinje"), by id or name. */
export function templateFromHeader(pairs: HeaderPair[], templates: TemplateSet): Template | undefined {
  const typeLabels = new Set(templates.all().map((tpl) => labelKey(keyForRole(tpl, 'documentType') ?? 'dokumenttyp')));
  for (const p of pairs) {
    if (!typeLabels.has(labelKey(p.label))) continue;
    const value = labelKey(p.value);
    const found = templates.get(value) ?? templates.all().find((tpl) => [tpl.name, tpl.id].some((n) => labelKey(typeof n === 'string' ? n : n.sv) === value));
    if (found) return found;
  }
  return undefined;
}

export interface FrontMatterResult {
  yaml: string;
  values: Record<string, string>;
  notes: string[];
}

/** The front matter for `template` from the header's pairs and the title. */
export function buildFrontMatter(template: Template, pairs: HeaderPair[], title: string | undefined): FrontMatterResult {
  const notes: string[] = [];
  const values: Record<string, string> = {};
  const extra: Record<string, string> = {};
  const byLabel = new Map(template.frontMatter.flatMap((k) => labelsOf(k).map((l) => [l, k] as const)));
  for (const p of pairs) {
    const spec = byLabel.get(labelKey(p.label));
    if (!spec) {
      const key = labelKey(p.label).replace(/ /g, '-');
      if (key) extra[key] = p.value;
      notes.push(t('The header field {0} is not in the template {1}; it is kept as the key {2}.', q(p.label), q(template.id), q(key)));
      continue;
    }
    if (values[spec.key] !== undefined) {
      values[spec.key] = [values[spec.key], p.value].filter(Boolean).join(', ');
      continue;
    }
    values[spec.key] = valueFor(spec, p.value, template, notes);
  }
  const titleKey = keyForRole(template, 'title');
  if (titleKey && !values[titleKey] && title) values[titleKey] = title;
  const typeKey = keyForRole(template, 'documentType') ?? 'dokumenttyp';
  values[typeKey] = template.id;
  const ordered: Record<string, string | null> = {};
  for (const k of template.frontMatter) if (values[k.key] !== undefined || k.required) ordered[k.key] = values[k.key] || null;
  for (const [k, v] of Object.entries(extra)) if (!(k in ordered)) ordered[k] = v || null;
  const yaml = new Document(ordered).toString({ nullStr: '', lineWidth: 0 }).replace(/\n$/, '');
  return { yaml, values, notes };
}

function valueFor(spec: FrontMatterKeySpec, value: string, template: Template, notes: string[]): string {
  if (!value) return '';
  switch (spec.type) {
    case 'date': {
      const iso = isoDate(value);
      if (!iso) notes.push(t('The value {0} of {1} is not a date; it is kept as written.', q(value), q(spec.key)));
      return iso ?? value;
    }
    case 'boolean':
      if (/^(?:ja|yes|x)$/i.test(value)) return 'ja';
      if (/^(?:nej|no)$/i.test(value)) return 'nej';
      return value;
    case 'documenttype':
      return template.id;
    default:
      return value;
  }
}
