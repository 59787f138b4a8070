/** A template as a new document (a snippet with stops) and as readable text. */
import DEFAULTS from './data/defaults.json';
import { joinNames, local, t } from './l10n';
import { escapeMarkdown as md } from './text';
import { expandTitle, valueTypeName, levelBounds, levelMatch, levelNumbering, levels, type FrontMatterKeySpec, type Template } from './template';

/**
 * Whether a front-matter value is still the placeholder a new document from a template puts there
 * (`templateSkeleton`): the key's own name (a body, a text) or the diarienummer's model form.
 */
export function isValuePlaceholder(key: string, type: FrontMatterKeySpec['type'], value: string): boolean {
  if (type === 'date' || type === 'boolean' || type === 'documenttype') return false;
  if (value === key) return true;
  return type === 'diarienummer' && (value === DEFAULTS.diarienummerPlaceholder || value === t('diarienummer') || value === 'diarienummer');
}

/** Whether an action is still the placeholder of a new document (“Vem gör vad”). */
export function isActionPlaceholder(text: string): boolean {
  const s = text.trim();
  return s === t('Who does what') || s === 'Who does what';
}

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
        return next(template.diarienummerExample ?? (template.diarienummerPattern ? t('diarienummer') : DEFAULTS.diarienummerPlaceholder));
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
  const levelList = levels(template);
  /** One unit of `depth` (its named headings, or one labelled or free heading), its subsections and the next level. */
  const base = levelList[0] && levelMatch(levelList[0]) === 'any' ? 3 : 2;
  const unit = (depth: number, number: string) => {
    const level = levelList[depth];
    if (!level) return;
    const hashes = '#'.repeat(Math.min(6, depth + base));
    const numbered = levelNumbering(level) !== 'none';
    const heads = levelMatch(level) === 'headings' ? (level.headings ?? []).map(esc) : [next(local(level.name))];
    heads.forEach((head, i) => {
      const n = numbered ? (number ? `${number}.${i + 1}` : `${i + 1}`) : '';
      const prefix = level.label ? (n ? `${esc(level.label)} ${n}. ` : `${esc(level.label)}: `) : n ? `${n}. ` : '';
      lines.push(`${hashes} ${prefix}${head}`, '');
      if (level.requireText || level.actions)
        lines.push(level.actions ? `- ${next(t('Who does what'))}` : next(local(level.guidance) || local(level.name)), '');
      for (const sub of level.subsections ?? [])
        lines.push(
          `${'#'.repeat(Math.min(6, depth + base + 1))} ${esc(expandTitle(sub.title, 4))}`,
          '',
          sub.actions ? `- ${next(t('Who does what'))}` : next(local(sub.guidance) || sub.label),
          '',
        );
      unit(depth + 1, n);
    });
  };
  for (const s of template.sections) {
    if (s.kind === 'parts' && levelList.length) {
      if (levelMatch(levelList[0]) === 'any') lines.push(`## ${esc(s.title)}`, '');
      unit(0, '');
      continue;
    }
    if (!s.required) continue;
    lines.push(`## ${esc(s.title)}`, '', next(local(s.guidance) || s.title), '');
  }
  lines.push('$0');
  return lines.join('\n');
}

/** A template's identifier or key as code, or escaped text where a backtick would end the code span. */
const code = (s: string): string => (/[`\r\n]/.test(s) ? md(s) : `\`${s}\``);

/**
 * The template as a Markdown text a person reads: keys, sections in order, parts and guidance.
 * Every text from the template is escaped: a template file is data, and its text never becomes a
 * link, an image or markup in the preview.
 */
export function templateAsMarkdown(template: Template): string {
  const yes = t('yes');
  const no = t('no');
  const out: string[] = [`# ${t('Template')}: ${md(local(template.name))} (${code(template.id)})`, ''];
  if (template.description) out.push(md(local(template.description)), '');
  out.push(t('Source: {0}', template.origin === 'builtin' || !template.origin ? t('built in') : md(template.origin)), '');
  out.push(`## ${t('Front matter')}`, '', `| ${t('Key')} | ${t('Type')} | ${t('Required')} | ${t('Description')} |`, '|---|---|---|---|');
  for (const k of template.frontMatter)
    out.push(
      `| ${code(k.key)} | ${valueTypeName(k.type)}${k.values ? ': ' + k.values.map(md).join(', ') : ''} | ${k.required ? yes : no} | ${md(local(k.description))} |`,
    );
  out.push('', `## ${t('Sections, in order')}`, '');
  template.sections.forEach((s, i) => {
    if (s.kind === 'parts' && template.parts) {
      out.push(`${i + 1}. ${levelsAsMarkdown(template)}`);
      return;
    }
    const flags = [s.required ? t('required') : t('optional'), s.allowEmpty ? t('may be empty') : ''].filter(Boolean).join(', ');
    out.push(
      `${i + 1}. **${md(s.title)}** (${flags})${s.aliases?.length ? ` — ${t('also: {0}', s.aliases.map(md).join(', '))}` : ''}${s.guidance ? ` — ${md(local(s.guidance))}` : ''}`,
    );
    for (const st of s.statements ?? []) out.push(`   - ${t('must say {0}', md(local(st.description)))}${st.example ? `: ”${md(st.example)}”` : ''}`);
  });
  const actionPlaces = levels(template).flatMap((l) => [
    ...(l.actions ? [local(l.plural ?? l.name)] : []),
    ...(l.subsections ?? []).filter((s) => s.actions).map((s) => s.label),
  ]);
  if (actionPlaces.length)
    out.push(
      '',
      t(
        'Actions are list items under {0}, each beginning with its actor. Responsible bodies may be named on a line “{1}: …”.',
        joinNames(actionPlaces.map(md)),
        md(template.ansvarLabel ?? 'Ansvar'),
      ),
    );
  if (template.diarienummerPattern) out.push('', t('Diarienummer pattern: {0}', code(template.diarienummerPattern)));
  return out.join('\n') + '\n';
}

/** The levels as nested list items: "Del 1., Del 2. …", then each level's subsections and the next level. */
function levelsAsMarkdown(template: Template): string {
  const out: string[] = [];
  levels(template).forEach((level, depth) => {
    const indent = '   '.repeat(depth);
    const match = levelMatch(level);
    const numbered = levelNumbering(level) !== 'none';
    const shape =
      match === 'headings'
        ? (level.headings ?? []).map(md).join(', ')
        : level.label
          ? numbered
            ? depth === 0
              ? `${md(level.label)} 1., ${md(level.label)} 2. …`
              : `${md(level.label)} 1.1., 1.2. …`
            : `${md(level.label)}: …`
          : t('every heading under it');
    const { min, max } = levelBounds(level);
    const bounds = max === Infinity ? t('at least {0}', min) : min === max ? t('exactly {0}', min) : t('{0} to {1}', min, max);
    const name = local(level.plural ?? level.name);
    const capitalised = `${name[0]?.toLocaleUpperCase('sv') ?? ''}${name.slice(1)}`;
    out.push(`${depth ? `\n${indent}- ` : ''}**${md(capitalised)}** (${shape}; ${bounds}) — ${md(local(level.guidance))}`);
    for (const sub of level.subsections ?? [])
      out.push(`\n${indent}   - **${md(expandTitle(sub.title))}**${(sub.required ?? true) ? '' : ` (${t('optional')})`} — ${md(local(sub.guidance))}`);
  });
  return out.join('');
}
