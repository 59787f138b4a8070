/** The reference at a place in a document, and the hover that shows the document it names: its header. */
import { t } from '../l10n';
import { escapeMarkdown } from '../text';
import { documentStatus, revisionDue } from './dates';
import type { DocumentRegister, RegisterDocument, ResolvedRef } from './index';
import { statusText } from './table';

/** The reference (a front-matter tie, a link, a title in the text) at `offset` in the document `uri`. */
export function referenceAt(register: DocumentRegister, uri: string, offset: number): ResolvedRef | undefined {
  const doc = register.get(uri);
  if (!doc) return undefined;
  return register.references(doc).find((r) => offset >= r.ref.range.start && offset <= r.ref.range.end);
}

/** The linked document's header as Markdown: type and title, diarienummer, decided by and when, validity and status, owner, revision due. */
export function documentHeader(register: DocumentRegister, d: RegisterDocument, today: string, warnDays: number): string {
  const e = d.entry;
  const replaced = register.replacedBy(d.uri);
  const status = statusText(documentStatus(e, today, warnDays, replaced.length > 0));
  const md = (s: string | undefined) => (s ? escapeMarkdown(s) : '–');
  const lines = [`**${md(e.title)}**${e.type ? ` (${md(e.type)})` : ''}`, ''];
  const row = (label: string, value: string) => lines.push(`${label}: ${value}  `);
  row(t('Diarienummer'), md(e.diarienummer));
  row(t('Decided by'), `${md(e.decidedBy)}${e.decisionDate ? `, ${e.decisionDate}` : ''}`);
  row(t('Valid'), `${e.validFrom ?? '–'}–${e.validTo ?? ''} (${status})`);
  if (e.owner) row(t('Owner'), md(e.owner));
  const due = revisionDue(e);
  if (due) row(t('Revision due'), due);
  if (replaced.length) row(t('Replaced by'), replaced.map((r) => md(r.entry.title ?? r.uri)).join(', '));
  return lines.join('\n').trimEnd();
}
