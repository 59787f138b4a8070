/** A template as a new document (a snippet with stops) and as readable text. */
import { joinNames, local, t } from './l10n';
import type { FrontMatterKeySpec, Template } from './template';

/** Escapes text for a snippet body. */
function esc(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

/**
 * A new document from `template`: the front matter filled with `today` where a date fits and the
 * placeholders as snippet stops, the title, every section heading and one part with one item.
 */
export function templateSkeleton(template: Template, today: string): string {
  let stop = 1;
  const next = (placeholder: string) => `\${${stop++}:${esc(placeholder)}}`;
  const value = (k: FrontMatterKeySpec): string => {
    switch (k.role) {
      case 'documentType':
        return template.id;
      case 'title':
        return next(t('Title'));
      case 'validFrom':
        return next(today);
      case 'validTo':
        return next(`${Number(today.slice(0, 4)) + 4}-12-31`);
    }
    switch (k.type) {
      case 'date':
        return next(today);
      case 'boolean':
        return `\${${stop++}|ja,nej|}`;
      case 'diarienummer':
        return next('KS ÅÅÅÅ/NNNN');
      case 'body':
      case 'bodies':
        return next(k.key);
      default:
        return k.allowEmpty ? '' : next(k.values?.[0] ?? k.key);
    }
  };
  const keys = template.frontMatter.filter((k) => k.required || k.allowEmpty);
  const lines: string[] = ['---'];
  let titleStop = '';
  for (const k of keys) {
    const v = value(k);
    if (k.role === 'title') titleStop = v.replace(/^\$\{(\d+):.*\}$/, '$$$1');
    lines.push(v ? `${k.key}: ${v}` : `${k.key}:`);
  }
  lines.push('---', '', `# ${titleStop || next(t('Title'))}`, '');
  for (const s of template.sections) {
    if (s.kind === 'parts' && template.parts) {
      const p = template.parts;
      lines.push(`## ${p.label} 1. ${next(local(p.name))}`, '');
      lines.push(`### ${p.items.label} 1.1. ${next(local(p.items.name))}`, '');
      for (const sub of p.items.subsections) lines.push(`#### ${esc(sub.title)}`, '', sub.actions ? `- ${next(t('Who does what'))}` : next(local(sub.guidance) || sub.label), '');
      continue;
    }
    if (!s.required) continue;
    lines.push(`## ${esc(s.title)}`, '', next(local(s.guidance) || s.title), '');
  }
  lines.push('$0');
  return lines.join('\n');
}

/** The template as a Markdown text a person reads: keys, sections in order, parts and guidance. */
export function templateAsMarkdown(template: Template): string {
  const yes = t('yes');
  const no = t('no');
  const out: string[] = [`# ${t('Template')}: ${local(template.name)} (\`${template.id}\`)`, ''];
  if (template.description) out.push(local(template.description), '');
  out.push(t('Source: {0}', template.origin === 'builtin' || !template.origin ? t('built in') : template.origin), '');
  out.push(`## ${t('Front matter')}`, '', `| ${t('Key')} | ${t('Type')} | ${t('Required')} | ${t('Description')} |`, '|---|---|---|---|');
  for (const k of template.frontMatter) out.push(`| \`${k.key}\` | ${k.type}${k.values ? ': ' + k.values.join(', ') : ''} | ${k.required ? yes : no} | ${local(k.description).replace(/\|/g, '\\|')} |`);
  out.push('', `## ${t('Sections, in order')}`, '');
  template.sections.forEach((s, i) => {
    if (s.kind === 'parts' && template.parts) {
      const p = template.parts;
      out.push(`${i + 1}. **${p.label} 1., ${p.label} 2. …** — ${local(p.guidance)}`);
      out.push(`   - **${p.items.label} 1.1., 1.2. …** — ${local(p.items.guidance)}`);
      for (const sub of p.items.subsections) out.push(`     - **${sub.title}**${sub.required ?? true ? '' : ` (${t('optional')})`} — ${local(sub.guidance)}`);
      return;
    }
    const flags = [s.required ? t('required') : t('optional'), s.allowEmpty ? t('may be empty') : ''].filter(Boolean).join(', ');
    out.push(`${i + 1}. **${s.title}** (${flags})${s.aliases?.length ? ` — ${t('also: {0}', s.aliases.join(', '))}` : ''}${s.guidance ? ` — ${local(s.guidance)}` : ''}`);
    for (const st of s.statements ?? []) out.push(`   - ${t('must say {0}', local(st.description))}${st.example ? `: ”${st.example}”` : ''}`);
  });
  if (template.parts) out.push('', t('Actions are list items under {0}, each beginning with its actor. An ambition may name its responsible bodies on a line “{1}: …”.', joinNames(template.parts.items.subsections.filter((s) => s.actions).map((s) => s.label)), template.ansvarLabel ?? 'Ansvar'));
  if (template.diarienummerPattern) out.push('', t('Diarienummer pattern: {0}', `\`${template.diarienummerPattern}\``));
  return out.join('\n') + '\n';
}
