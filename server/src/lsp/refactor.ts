/**
 * Navigation and refactoring of parts and ambitions over LSP: references, definition, rename
 * (with prepareRename), code lenses, and the source actions renumber, regenerate Innehåll and fix
 * all (`source.fixAll.plan`, which VS Code runs on save when `editor.codeActionsOnSave` asks for
 * it). The questions go to the plan model (core/refactor); other open documents that name the
 * plan (by title, diarienummer or file name) are read here, as text, for references to it.
 *
 * Edits carry the version of the text they were computed for (`documentChanges`, when the client
 * takes them): the client refuses an edit for a document that has changed since.
 */
import { LSPErrorCodes, ResponseError } from './lsp-values';
import type {
  CodeAction,
  CodeActionParams,
  CodeLens,
  Connection,
  InitializeParams,
  Location,
  Position,
  Range,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { t, type TextEdit } from '../core/index';
import { foreignReferences, type ForeignReference, type PlanTargets } from '../core/refs';
import {
  answerRefactor,
  foreignRenameEdits,
  type EditsAnswer,
  type Lens,
  type RefactorQuery,
  type ReferencesAnswer,
  type UnitChange,
} from '../core/refactor/index';
import type { Cached, PlanDocuments } from './documents';
import type { Guard } from './util';

/** The code action kinds of this module. */
export const FIX_ALL_KIND = 'source.fixAll.plan';
export const RENUMBER_KIND = 'source.plan.renumber';
export const TOC_KIND = 'source.plan.regenerateToc';
export const REFACTOR_ACTION_KINDS = [FIX_ALL_KIND, RENUMBER_KIND, TOC_KIND];

/** The capabilities this module serves. */
export const REFACTOR_CAPABILITIES = {
  referencesProvider: true,
  definitionProvider: true,
  renameProvider: { prepareProvider: true },
  codeLensProvider: { resolveProvider: false },
};

/** The client command a code lens runs to show the references (client/src/refactor.ts). */
export const SHOW_REFERENCES_COMMAND = 'plan.showReferences';

interface DocEdits {
  c: Cached;
  edits: TextEdit[];
}

export class RefactorFeatures {
  readonly #documents: PlanDocuments;
  /** Where a definition not of a part or an ambition is looked for. */
  definitionFallback?: (uri: string, position: Position) => Promise<Location | Location[] | null | undefined>;
  #documentChanges = false;

  constructor(connection: Connection, documents: PlanDocuments, guard: Guard) {
    this.#documents = documents;
    connection.onReferences((p) =>
      guard.runAsync(
        'references',
        async (): Promise<Location[]> => {
          let c = await this.#plan(p.textDocument.uri, true);
          if (!c) return [];
          let offset = c.lines.offsetAt(p.position);
          let a: ReferencesAnswer = c.isPlan
            ? await this.#ask<ReferencesAnswer>(c, { op: 'references', offset, fileName: c.options.fileName })
            : { references: [] };
          if (!a.unit) {
            // A reference in another document: the references of the plan's unit.
            const hit = await this.#foreignAt(c, offset);
            if (!hit) return [];
            [c, offset] = [hit.plan, hit.unit.heading.start];
            a = await this.#ask<ReferencesAnswer>(c, { op: 'references', offset, fileName: c.options.fileName });
            if (!a.unit) return [];
          }
          const plan = c;
          const out: Location[] = [];
          if (p.context.includeDeclaration) out.push(location(plan, a.unit!.heading));
          out.push(...a.references.map((r) => location(plan, r)));
          if (a.targets && a.unit!.number) {
            const { level, number } = a.unit!;
            for (const other of await this.#others(plan.uri))
              for (const r of foreignReferences(other.text, a.targets)) if (r.level === level && r.number === number) out.push(location(other, r.range));
          }
          return out;
        },
        [],
      ),
    );
    connection.onDefinition((p) =>
      guard.runAsync(
        'definition',
        async (): Promise<Location[]> => {
          const c = await this.#plan(p.textDocument.uri, true);
          if (!c) return [];
          const offset = c.lines.offsetAt(p.position);
          if (c.isPlan) {
            const a = await this.#ask<ReferencesAnswer>(c, { op: 'references', offset, fileName: c.options.fileName });
            if (a.unit && !within(a.unit.heading, offset)) return [location(c, a.unit.heading)];
          }
          // A reference to a unit of another open plan that this passage names.
          const hit = await this.#foreignAt(c, offset);
          if (hit) return [location(hit.plan, hit.unit.heading)];
          // Else another handler's answer (a tie to another document: register.ts).
          const other = await this.definitionFallback?.(p.textDocument.uri, p.position);
          return other ? (Array.isArray(other) ? other : [other]) : [];
        },
        [],
      ),
    );
    connection.onPrepareRename(async (p) => {
      const r = await guard.runAsync('prepareRename', async (): Promise<{ range: Range; placeholder: string } | { error: string }> => {
        const c = await this.#plan(p.textDocument.uri, true);
        if (!c) return { error: NOWHERE() };
        const offset = c.lines.offsetAt(p.position);
        if (c.isPlan) {
          const a = await this.#ask<PrepareAnswer>(c, { op: 'prepareRename', offset });
          if (!('error' in a)) return { range: c.lines.range(a.range), placeholder: a.placeholder };
        }
        const hit = await this.#foreignAt(c, offset);
        if (!hit) return { error: NOWHERE() };
        const range = within(hit.ref.titleRange, offset) && !within(hit.ref.numberRange, offset) ? hit.ref.titleRange! : hit.ref.numberRange;
        return { range: c.lines.range(range), placeholder: c.text.slice(range.start, range.end) };
      });
      if (!r) return null;
      if ('error' in r) return new ResponseError(LSPErrorCodes.RequestFailed, r.error);
      return r;
    });
    connection.onRenameRequest(async (p) => {
      const r = await guard.runAsync('rename', async (): Promise<WorkspaceEdit | { error: string }> => {
        let c = await this.#plan(p.textDocument.uri, true);
        if (!c) return { error: NOWHERE() };
        let offset = c.lines.offsetAt(p.position);
        const here = c.isPlan ? await this.#ask<PrepareAnswer>(c, { op: 'prepareRename', offset }) : undefined;
        if (!here || 'error' in here) {
          // A reference in another document: the rename is the plan's, at the unit's heading.
          const hit = await this.#foreignAt(c, offset);
          if (hit) {
            const onTitle = within(hit.ref.titleRange, offset) && !within(hit.ref.numberRange, offset);
            const at = onTitle ? hit.unit.titleAt : hit.unit.numberAt;
            if (at !== undefined) [c, offset] = [hit.plan, at];
          }
        }
        const a = await this.#ask<EditsAnswer>(c, { op: 'rename', offset, newName: p.newName, fileName: c.options.fileName });
        if (a.error) return { error: a.error };
        return this.#workspaceEdit([{ c, edits: a.edits }, ...(await this.#following(c.uri, a))]);
      });
      if (!r) return null;
      if ('error' in r) return new ResponseError(LSPErrorCodes.RequestFailed, r.error);
      return r;
    });
    connection.onCodeLens((p) =>
      guard.runAsync(
        'codeLens',
        async (): Promise<CodeLens[]> => {
          const c = await this.#plan(p.textDocument.uri);
          if (!c) return [];
          const lenses = await this.#ask<Lens[]>(c, { op: 'lenses' });
          return lenses.map((l) => {
            const range = c.lines.range(l.range);
            return {
              range,
              command: { title: l.title, command: SHOW_REFERENCES_COMMAND, arguments: [c.uri, range.start, l.references.map((r) => location(c, r))] },
            };
          });
        },
        [],
      ),
    );
  }

  /** Notes whether the client takes versioned edits. */
  initialize(params: InitializeParams): void {
    this.#documentChanges = !!params.capabilities.workspace?.workspaceEdit?.documentChanges;
  }

  /**
   * The source actions asked for by `only` (the Source Action menu, fix all on save): renumber,
   * regenerate Innehåll, fix all. Nothing without `only`: fix all analyses the text again, which the
   * light bulb, asked at every move of the cursor, should not pay for.
   */
  async sourceActions(p: CodeActionParams, c: Cached): Promise<CodeAction[]> {
    const only = p.context.only;
    if (!only?.length || !c.isPlan || c.status !== 'checked') return [];
    const wanted = (kind: string) => only.some((o) => kind === o || kind.startsWith(o + '.'));
    const out: CodeAction[] = [];
    if (wanted(FIX_ALL_KIND)) {
      const a = await this.#ask<EditsAnswer>(c, { op: 'fixAll' });
      if (a.edits.length) out.push({ title: t('Fix all safe findings'), kind: FIX_ALL_KIND, edit: this.#workspaceEdit([{ c, edits: a.edits }]) });
    }
    if (wanted(RENUMBER_KIND)) {
      const a = await this.#ask<EditsAnswer>(c, { op: 'renumber', fileName: c.options.fileName });
      if (a.edits.length)
        out.push({
          title: t('Renumber parts and ambitions in sequence'),
          kind: RENUMBER_KIND,
          edit: this.#workspaceEdit([{ c, edits: a.edits }, ...(await this.#following(c.uri, a))]),
        });
    }
    if (wanted(TOC_KIND)) {
      const a = await this.#ask<EditsAnswer>(c, { op: 'toc' });
      if (a.edits.length) out.push({ title: t('Regenerate Innehåll from the headings'), kind: TOC_KIND, edit: this.#workspaceEdit([{ c, edits: a.edits }]) });
      else if (a.error) out.push({ title: t('Regenerate Innehåll from the headings'), kind: TOC_KIND, disabled: { reason: a.error } });
    }
    return out;
  }

  /** The reference at `offset` in `c`'s text to a unit of another open plan, with that plan and unit. */
  async #foreignAt(c: Cached, offset: number): Promise<{ plan: Cached; unit: PlanTargets['units'][number]; ref: ForeignReference } | undefined> {
    for (const other of await this.#others(c.uri)) {
      if (!other.isPlan) continue;
      const targets = await this.#ask<PlanTargets>(other, { op: 'targets', fileName: other.options.fileName });
      const ref = foreignReferences(c.text, targets).find((r) => within(r.range, offset) || within(r.titleRange, offset));
      const unit = ref && targets.units.find((u) => u.level === ref.level && u.number === ref.number);
      if (ref && unit) return { plan: other, unit, ref };
    }
    return undefined;
  }

  /** The analysis of an open plan (or, with `any`, of any open checked document). */
  async #plan(uri: string, any = false): Promise<Cached | undefined> {
    const c = await this.#documents.analysisFor(uri);
    if (!c || c.status !== 'checked') return undefined;
    return c.isPlan || any ? c : undefined;
  }

  #ask<T>(c: Cached, query: RefactorQuery): Promise<T> {
    return this.#documents.onModel(c, { kind: 'refactor', query }, (a) => answerRefactor(a, c.options, query) as T);
  }

  /** The other open documents that were checked (a text too large, binary or too slow to check is not read). */
  async #others(uri: string): Promise<Cached[]> {
    const out: Cached[] = [];
    for (const other of this.#documents.openUris()) {
      if (other === uri) continue;
      const c = await this.#documents.analysisFor(other);
      if (c && c.status === 'checked') out.push(c);
    }
    return out;
  }

  /** The edits in other open documents that keep their references in step with `a.changes`. */
  async #following(uri: string, a: EditsAnswer): Promise<DocEdits[]> {
    const changes: UnitChange[] = a.changes ?? [];
    if (!a.targets || !changes.length) return [];
    const out: DocEdits[] = [];
    for (const other of await this.#others(uri)) {
      const edits = foreignRenameEdits(other.text, a.targets, changes);
      if (edits.length) out.push({ c: other, edits });
    }
    return out;
  }

  #workspaceEdit(parts: DocEdits[]): WorkspaceEdit {
    const lsp = (d: DocEdits): LspTextEdit[] => d.edits.map((e) => ({ range: d.c.lines.range(e.range), newText: e.newText }));
    const nonEmpty = parts.filter((d) => d.edits.length);
    if (this.#documentChanges) return { documentChanges: nonEmpty.map((d) => ({ textDocument: { uri: d.c.uri, version: d.c.version }, edits: lsp(d) })) };
    return { changes: Object.fromEntries(nonEmpty.map((d) => [d.c.uri, lsp(d)])) };
  }
}

function location(c: Cached, r: { start: number; end: number }): Location {
  return { uri: c.uri, range: c.lines.range(r) };
}

function within(r: { start: number; end: number } | undefined, offset: number): boolean {
  return !!r && offset >= r.start && offset <= r.end;
}

type PrepareAnswer = { range: { start: number; end: number }; placeholder: string } | { error: string };

const NOWHERE = () => t('Place the cursor on the heading of a part or an ambition, or on a reference to one, to rename it.');
