/**
 * Ties between documents, checked across the workspace's register (register/): a tie names a
 * document that exists (once), of an allowed type, in force in the document's period, not itself
 * replaced; two documents do not replace the same one; the ties go round in no circle. Titles of
 * known documents named in the body are checked the same way. The findings stand in the linking
 * document, at the reference.
 */
import { defineCode, type CodeSpec, type FindingData } from '../findings';
import { joinNames, q, t } from '../l10n';
import type { LinkRef } from '../register/entry';
import type { DocumentRegister, RegisterDocument } from '../register/index';
import { nearest, type OffsetRange } from '../text';
import type { RuleFamily } from './family';

/** What the register's checks of one document see. */
export interface RegisterContext {
  readonly doc: RegisterDocument;
  readonly register: DocumentRegister;
  /** Today, YYYY-MM-DD. */
  readonly today: string;
  /** Days before the end of its validity that a document is reported as expiring. */
  readonly warnDays: number;
  report<D extends FindingData>(spec: CodeSpec<D>, message: string, range: OffsetRange, data?: D): void;
}

const NOT_FOUND = defineCode<{ found: string; suggestions: string[] }>({
  code: 'plan.links.not-found',
  severity: 'warning',
  description: {
    sv: 'Ett fält i dokumenthuvudet nämner ett styrdokument som inte finns i arbetsytan (diarienummer, titel eller sökväg).',
    en: 'A front-matter tie names a governing document that is not in the workspace (diarienummer, title or path).',
  },
});
const AMBIGUOUS = defineCode<{ found: string }>({
  code: 'plan.links.ambiguous',
  severity: 'warning',
  description: { sv: 'En hänvisning passar in på flera styrdokument.', en: 'A reference fits several governing documents.' },
});
const WRONG_TYPE = defineCode<{ expected: string; found: string }>({
  code: 'plan.links.wrong-type',
  severity: 'warning',
  description: {
    sv: 'Det överordnade dokumentet är inte av en mer övergripande typ (ordningen policy → strategi → plan → riktlinje → rutin, eller mallens), eller det ersatta dokumentet är inte av dokumentets egen typ.',
    en: 'The parent document is not of a more general type (the order policy → strategi → plan → riktlinje → rutin, or the template’s), or the replaced document is not of the document’s own type.',
  },
});
const NOT_IN_FORCE = defineCode({
  code: 'plan.links.not-in-force',
  severity: 'warning',
  description: {
    sv: 'Ett styrdokument som dokumentet hänvisar till gäller inte under dokumentets giltighetstid.',
    en: 'A governing document referred to is not in force during the document’s validity.',
  },
});
const REPLACED = defineCode({
  code: 'plan.links.replaced',
  severity: 'warning',
  description: {
    sv: 'Ett styrdokument som dokumentet hänvisar till är ersatt av ett annat.',
    en: 'A governing document referred to has been replaced by another.',
  },
});
const DOUBLE_REPLACEMENT = defineCode({
  code: 'plan.links.double-replacement',
  severity: 'error',
  description: { sv: 'Två styrdokument säger att de ersätter samma dokument.', en: 'Two governing documents say they replace the same one.' },
});
const CYCLE = defineCode({
  code: 'plan.links.cycle',
  severity: 'error',
  description: {
    sv: 'Överordnade eller ersatta dokument går runt i en cirkel (eller ett dokument hänvisar till sig självt).',
    en: 'Parent or replaced documents go round in a circle (or a document refers to itself).',
  },
});

export const linksFamily: RuleFamily = {
  id: 'links',
  name: { sv: 'Kopplingar mellan dokument', en: 'Ties between documents' },
  codes: [NOT_FOUND, AMBIGUOUS, WRONG_TYPE, NOT_IN_FORCE, REPLACED, DOUBLE_REPLACEMENT, CYCLE],
};

/** A document as messages name it: its title, else its diarienummer, else its file name. */
export function documentName(d: RegisterDocument): string {
  return q(d.entry.title ?? d.entry.diarienummer ?? decodeURIComponent(d.uri.split('/').pop() ?? d.uri));
}

export function checkLinks(ctx: RegisterContext): void {
  const { doc, register } = ctx;
  for (const { ref, targets } of register.references(doc)) {
    if (ref.role === 'body') {
      if (targets.length === 1 && targets[0].uri !== doc.uri) checkTarget(ctx, ref, targets[0]);
      continue;
    }
    if (targets.length === 0) {
      const names = register
        .all()
        .filter((d) => d.uri !== doc.uri)
        .flatMap((d) => [d.entry.title, d.entry.diarienummer])
        .filter((x): x is string => !!x);
      const near = nearest(ref.text, names);
      ctx.report(
        NOT_FOUND,
        near.length
          ? t(
              'No governing document in the workspace has the diarienummer, title or path {0}. Did you mean {1}?',
              q(ref.text),
              joinNames(near.map(q), 'disjunction'),
            )
          : t('No governing document in the workspace has the diarienummer, title or path {0}.', q(ref.text)),
        ref.range,
        { found: ref.text, suggestions: near },
      );
      continue;
    }
    if (targets.length > 1) {
      ctx.report(
        AMBIGUOUS,
        t('{0} fits several documents: {1}. Write the diarienummer or the relative path instead.', q(ref.text), joinNames(targets.map(documentName))),
        ref.range,
        { found: ref.text },
      );
      continue;
    }
    const target = targets[0];
    if (target.uri === doc.uri) {
      ctx.report(CYCLE, t('The document refers to itself in {0}.', q(ref.key ?? '')), ref.range);
      continue;
    }
    if (ref.role === 'parent') checkOrder(ctx, ref, target);
    if (ref.role === 'supersedes') {
      checkSameType(ctx, ref, target);
      const others = register.replacedBy(target.uri).filter((d) => d.uri !== doc.uri);
      if (others.length)
        ctx.report(
          DOUBLE_REPLACEMENT,
          t('{0} is also replaced by {1}: only one document can replace it.', documentName(target), joinNames(others.map(documentName))),
          ref.range,
        );
    } else checkTarget(ctx, ref, target);
    if (ref.role !== 'related') checkCycle(ctx, ref, target);
  }
}

/** A document replaces one of its own type: a plan replaces a plan, not a riktlinje. */
function checkSameType(ctx: RegisterContext, ref: LinkRef, target: RegisterDocument): void {
  const { type } = ctx.doc.entry;
  const theirs = target.entry.type;
  if (!type || !theirs || type === theirs) return;
  ctx.report(WRONG_TYPE, t('{0} is a {1}; a {2} replaces a document of its own type.', documentName(target), theirs, type), ref.range, {
    expected: type,
    found: theirs,
  });
}

/** A parent must come before the document's own type in the template's order. */
function checkOrder(ctx: RegisterContext, ref: LinkRef, target: RegisterDocument): void {
  const { order, type } = ctx.doc.entry;
  const own = type ? order.indexOf(type) : -1;
  const theirs = target.entry.type ? order.indexOf(target.entry.type) : -1;
  if (own < 0 || theirs < 0 || theirs < own) return;
  ctx.report(
    WRONG_TYPE,
    t(
      '{0} is a {1}; the parent document of a {2} should be of a more general type: {3}.',
      documentName(target),
      target.entry.type!,
      type!,
      joinNames(order.slice(0, own), 'disjunction') || '–',
    ),
    ref.range,
    { expected: order.slice(0, own).join(' | '), found: target.entry.type! },
  );
}

/** A document referred to (a parent, a related one, one named in the text) is in force in the document's period and not replaced. */
function checkTarget(ctx: RegisterContext, ref: LinkRef, target: RegisterDocument): void {
  const all = ctx.register.replacedBy(target.uri);
  // The document that replaces another may name it.
  if (all.some((d) => d.uri === ctx.doc.uri)) return;
  const replacers = all;
  if (replacers.length) {
    ctx.report(REPLACED, t('{0} is replaced by {1}: refer to that instead.', documentName(target), joinNames(replacers.map(documentName))), ref.range);
    return;
  }
  const own = ctx.doc.entry;
  const from = own.validFrom ?? (own.validTo ? undefined : ctx.today);
  const to = own.validTo ?? (own.validFrom ? undefined : ctx.today);
  const { validFrom, validTo } = target.entry;
  if (validTo && from && validTo < from)
    ctx.report(
      NOT_IN_FORCE,
      own.validFrom
        ? t('{0} stopped being valid on {1}, before this document starts ({2}).', documentName(target), validTo, from)
        : t('{0} stopped being valid on {1}.', documentName(target), validTo),
      ref.range,
    );
  else if (validFrom && to && validFrom > to)
    ctx.report(
      NOT_IN_FORCE,
      own.validTo
        ? t('{0} starts being valid on {1}, after this document ends ({2}).', documentName(target), validFrom, to)
        : t('{0} starts being valid on {1}.', documentName(target), validFrom),
      ref.range,
    );
}

/** The parent (or replacement) ties from `target` on lead back to the document. */
function checkCycle(ctx: RegisterContext, ref: LinkRef, target: RegisterDocument): void {
  const role = ref.role;
  const start = ctx.doc.uri;
  const seen = new Set<string>([start]);
  const path: RegisterDocument[] = [ctx.doc, target];
  const walk = (d: RegisterDocument): boolean => {
    if (d.uri === start) return true;
    if (seen.has(d.uri) || path.length > 64) return false;
    seen.add(d.uri);
    for (const l of d.entry.links) {
      if (l.role !== role) continue;
      const next = ctx.register.resolve(l.text, d.uri);
      if (next.length !== 1) continue;
      path.push(next[0]);
      if (walk(next[0])) return true;
      path.pop();
    }
    return false;
  };
  if (walk(target)) ctx.report(CYCLE, t('The ties in {0} go round in a circle: {1}.', q(ref.key ?? ''), path.map(documentName).join(' → ')), ref.range);
}
