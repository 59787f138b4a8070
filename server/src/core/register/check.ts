/**
 * The register's findings of one document: its ties and the titles it names (rules/links.ts), and
 * its validity and revision on a day (rules/validity.ts), with the configured severities.
 */
import type { Finding, SeveritySetting } from '../findings';
import { Collector } from '../rules/family';
import { checkLinks, type RegisterContext } from '../rules/links';
import { checkValidity } from '../rules/validity';
import type { DocumentRegister, RegisterDocument } from './index';

export interface RegisterCheckOptions {
  /** Today, YYYY-MM-DD. */
  today: string;
  /** Days before the end of its validity that a document is reported as expiring (default 90). */
  warnDays?: number;
  severities?: Record<string, SeveritySetting>;
}

export const DEFAULT_WARN_DAYS = 90;

/** The register's findings of the document `uri` (none for a document not in the register). */
export function registerFindings(register: DocumentRegister, uri: string, options: RegisterCheckOptions): Finding[] {
  const doc = register.get(uri);
  return doc ? findingsOf(register, doc, options) : [];
}

/** The register's findings of a document that need not be the register's own entry (a fresh analysis of a file in it). */
export function findingsOf(register: DocumentRegister, doc: RegisterDocument, options: RegisterCheckOptions): Finding[] {
  const c = new Collector({ severities: options.severities });
  const ctx: RegisterContext = {
    doc,
    register,
    today: options.today,
    warnDays: options.warnDays ?? DEFAULT_WARN_DAYS,
    report: (spec, message, range, data) => c.add(spec, message, range, data),
  };
  checkLinks(ctx);
  checkValidity(ctx);
  c.findings.sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
  return c.findings;
}
