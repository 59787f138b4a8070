/**
 * Responsibility: every action led by an actor, bodies known to the registry and existing in the
 * document's period, and the responsibility sections saying what the template asks of them.
 */
import type { RootContent } from 'mdast';
import { defineCode, type InsertData, type ReplaceData } from '../findings';
import { local, q, t } from '../l10n';
import { allUnits, sectionBlocksDeep, unitActions, validity, type PlanModel } from '../model';
import type { SectionNode } from '../parse';
import { BODY_WORD, looksLikeBody, readAction } from '../plan';
import { validityGap, type Body, type BodyMention, type Registry } from '../registry';
import type { SectionSpec } from '../template';
import { isActionPlaceholder } from '../skeleton';
import { fold, type OffsetRange } from '../text';
import { firstLineRange, unknownBodyMessage, walkText } from './common';
import type { RuleContext, RuleFamily } from './family';

const NO_ACTOR = defineCode<{ suggestions: string[] }>({
  code: 'plan.ansvar.no-actor',
  severity: 'warning',
  description: { sv: 'En åtgärd som inte börjar med vem som gör den.', en: 'An action that names no actor.' },
});
const PLACEHOLDER = defineCode({
  code: 'plan.ansvar.placeholder',
  severity: 'information',
  description: {
    sv: 'En åtgärd eller ett ansvarsavsnitt har kvar platshållaren från mallen (en ny plan): skriv den.',
    en: 'An action or a responsibility section still holds the template’s placeholder (a new plan): write it.',
  },
});
const UNKNOWN_BODY = defineCode<ReplaceData>({
  code: 'plan.ansvar.unknown-body',
  severity: 'warning',
  description: {
    sv: 'Ett organ som inte finns i organisationsregistret, som aktör, på en Ansvar-rad eller i ett ansvarsavsnitt.',
    en: 'A body not in the registry: as an actor, on an Ansvar line or in a responsibility section.',
  },
  fixes: ['replace'],
});
const MISSING_STATEMENT = defineCode<InsertData & { statement: string }>({
  code: 'plan.ansvar.missing-statement',
  severity: 'warning',
  description: {
    sv: 'Ett ansvarsavsnitt säger inte det mallen kräver, till exempel vem som antagit dokumentet eller leder uppföljningen.',
    en: 'A responsibility section does not say what the template asks, e.g. who adopted the document or leads its follow-up.',
  },
  fixes: ['insert'],
  insertTitle: (d) => t('Add the sentence {0}', q(oneLine(d.insertText ?? ''))),
});
const BODY_VALIDITY = defineCode<{ body: string; validFrom?: string; validTo?: string }>({
  code: 'plan.ansvar.body-validity',
  severity: 'warning',
  description: {
    sv: 'Ett organ som enligt registret inte finns under hela dokumentets giltighetstid.',
    en: 'A body that, by the registry, does not exist for the whole of the document’s validity.',
  },
});

function oneLine(s: string): string {
  const line = s.trim().split('\n')[0];
  return line.length > 60 ? line.slice(0, 57) + '…' : line;
}

export const ansvarFamily: RuleFamily = {
  id: 'ansvar',
  name: { sv: 'Ansvar', en: 'Responsibility' },
  codes: [NO_ACTOR, UNKNOWN_BODY, MISSING_STATEMENT, BODY_VALIDITY, PLACEHOLDER],
  checkWithTemplate(ctx) {
    const { plan, registry } = ctx;
    const validityCheck = bodyValidity(ctx, plan);
    const example = exampleActor(registry);
    for (const u of allUnits(plan)) {
      for (const act of unitActions(u)) {
        if (act.actor) {
          validityCheck(act.actor.body, act.actor.range);
          continue;
        }
        if (act.unknownActor) {
          unknownBody(ctx, act.unknownActor);
          continue;
        }
        if (isActionPlaceholder(act.text)) {
          ctx.report(PLACEHOLDER, t('Write the action: {0} is the template’s placeholder.', q(act.text.trim())), firstLineRange(plan.md.text, act.range));
          continue;
        }
        const firstLine = act.text.length > 60 ? act.text.slice(0, 57) + '…' : act.text;
        ctx.report(
          NO_ACTOR,
          t('The action {0} names no actor; begin it with who does it, e.g. {1}.', q(firstLine), q(`${example} ska …`)),
          firstLineRange(plan.md.text, act.range),
          {
            suggestions: suggestActors(registry),
          },
        );
      }
      // Lists directly under a unit whose level takes no actions: still, a body named there must exist.
      if (!u.spec.actions)
        for (const b of u.section.blocks) {
          if (b.type !== 'list') continue;
          scanBodyWords(ctx, b);
          for (const li of b.children) {
            const act = readAction(li, plan.md.text, registry);
            if (act.unknownActor && !looksLikeBody(act.unknownActor.text)) unknownBody(ctx, act.unknownActor);
          }
        }
      for (const line of u.ansvar) {
        if (line.mentions.length === 0) ctx.report(UNKNOWN_BODY, t('The Ansvar line names no body.'), line.range);
        for (const m of line.mentions) {
          if (!m.body) unknownBody(ctx, m);
          else validityCheck(m.body, m.range);
        }
      }
    }
    for (const r of plan.recognized) {
      if (r.spec.checkBodies) for (const b of sectionBlocksDeep(r.section)) scanBodyWords(ctx, b);
      if (r.spec.statements?.length) checkStatements(ctx, r.section, r.spec);
    }
  },
};

function unknownBody(ctx: RuleContext, m: BodyMention): void {
  const u = unknownBodyMessage(m.text, ctx.registry);
  ctx.report(UNKNOWN_BODY, u.message, m.range, { found: m.text, suggestions: u.suggestions, replacement: u.suggestions[0] });
}

/** Reports, once per body, a body that ended before the document starts or starts after it ends. */
function bodyValidity(ctx: RuleContext, plan: PlanModel): (body: Body, range: OffsetRange) => void {
  const { from, to } = validity(plan);
  const reported = new Set<Body>();
  return (body, range) => {
    if (reported.has(body) || (!from && !to)) return;
    const gap = validityGap(body, { from, to });
    if (!gap) return;
    let message: string;
    if (gap.kind === 'ended') message = t('{0} ceased on {1}, before the document starts ({2}).', q(body.name), gap.date, from!);
    else if (gap.kind === 'not-started') message = t('{0} exists from {1}, after the document ends ({2}).', q(body.name), gap.date, to!);
    else if (gap.ends) message = t('{0} ceases on {1}, before the document ends ({2}).', q(body.name), gap.ends, to!);
    else message = t('{0} exists only from {1}; the document starts {2}.', q(body.name), gap.starts!, from!);
    reported.add(body);
    ctx.report(BODY_VALIDITY, message, range, { body: body.name, validFrom: body.validFrom, validTo: body.validTo });
  };
}

/** Bodies that lead actions: the kommun itself, styrelser and nämnder. */
export function suggestActors(registry: Registry): string[] {
  return [...new Set(registry.bodies.filter((b) => b.collective || b.kind === 'styrelse' || b.kind === 'nämnd').map((b) => b.name))];
}

/** A body to show in an example action: a styrelse or nämnd of the registry, else any body. */
function exampleActor(registry: Registry): string {
  return registry.bodies.find((b) => b.kind === 'styrelse')?.name ?? suggestActors(registry)[0] ?? registry.bodies[0]?.name ?? t('The committee');
}

/** BODY_WORD, found anywhere a word begins rather than only at the start. */
const BODY_WORD_ANYWHERE = new RegExp(BODY_WORD.source.replace(/^\^/, '(?<![\\p{L}-])').replace(/\|\^/, '|(?<![\\p{L}-])'), 'gu');

const GENERIC_BODY =
  /^(?:nämnden|styrelsen|förvaltningen|kontoret|fullmäktige|revisionen|utskottet|nämnd|respektive nämnd|ansvarig nämnd|kommunen|regionen|kommun|region)$/iu;
const GENERIC_LEAD = /^(?:ansvarig|respektive|berörd|varje|egen|denna|samma|en|ett|alla|vår|varje)\s/iu;

/** Words in running text shaped like a body's name ("…nämnden", "… AB") that the registry does not know. */
function scanBodyWords(ctx: RuleContext, node: RootContent): void {
  walkText(node, (value, start) => {
    for (const m of value.matchAll(BODY_WORD_ANYWHERE)) {
      const name = looksLikeBody(m[0]) ?? m[0];
      if (ctx.registry.find(name) || ctx.registry.find(m[0])) continue;
      if (GENERIC_BODY.test(name) || GENERIC_LEAD.test(name)) continue;
      unknownBody(ctx, { text: name, range: { start: start + m.index!, end: start + m.index! + name.length } });
    }
  });
}

function checkStatements(ctx: RuleContext, section: SectionNode, spec: SectionSpec): void {
  const sentences: string[] = [];
  for (const b of sectionBlocksDeep(section)) walkText(b, (v) => sentences.push(...v.split(/(?<=[.!?])\s+/)));
  // A new plan's section still holds the template's guidance: one note to write it, not one per statement.
  const words = (s: string) => s.replace(/\s+/g, ' ').trim();
  const guidance = local(spec.guidance);
  if (guidance && words(sentences.join(' ')) === words(guidance)) {
    ctx.report(PLACEHOLDER, t('Write the section {0}: it still holds the template’s guidance.', q(spec.title)), section.heading.range);
    return;
  }
  for (const st of spec.statements ?? []) {
    const ok = sentences.some((sentence) => {
      const lower = fold(sentence);
      if (!st.keywords.some((k) => lower.includes(fold(k)))) return false;
      return mentionsBody(sentence, ctx.registry);
    });
    if (!ok)
      ctx.report(MISSING_STATEMENT, t('{0} should say {1}, e.g. {2}', q(spec.title), local(st.description), q(st.example ?? '')), section.heading.range, {
        statement: st.id,
        insertText: st.example ? `\n\n${st.example}` : undefined,
        insertAt: section.range.end,
      });
  }
}

export function mentionsBody(sentence: string, registry: Registry): boolean {
  const re = /(?<![\p{L}\p{N}])[\p{L}]/gu;
  for (const m of sentence.matchAll(re)) if (registry.matchAt(sentence, m.index!)) return true;
  return false;
}
