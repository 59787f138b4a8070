/**
 * The refactoring commands of the extension: renumber parts and ambitions, regenerate Innehåll and
 * fix all run the server's source actions (server/src/lsp/refactor.ts) on the active editor; the
 * code lenses on parts and ambitions run `plan.showReferences` to show their references.
 */
import * as vscode from 'vscode';

/** The server's source action kinds (server/src/lsp/refactor.ts). */
const KINDS: Record<string, string> = {
  'plan.renumber': 'source.plan.renumber',
  'plan.regenerateToc': 'source.plan.regenerateToc',
  'plan.fixAll': 'source.fixAll.plan',
};

interface LspPosition {
  line: number;
  character: number;
}

interface LspLocation {
  uri: string;
  range: { start: LspPosition; end: LspPosition };
}

const position = (p: LspPosition) => new vscode.Position(p.line, p.character);

/** Registers the refactoring commands and the code lenses' command. */
export function registerRefactorCommands(context: vscode.ExtensionContext): void {
  for (const [command, kind] of Object.entries(KINDS))
    context.subscriptions.push(
      vscode.commands.registerCommand(command, () => vscode.commands.executeCommand('editor.action.sourceAction', { kind, apply: 'first' })),
    );
  context.subscriptions.push(
    vscode.commands.registerCommand('plan.showReferences', (uri: string, at: LspPosition, locations: LspLocation[]) =>
      vscode.commands.executeCommand(
        'editor.action.showReferences',
        vscode.Uri.parse(uri),
        position(at),
        (locations ?? []).map((l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(position(l.range.start), position(l.range.end)))),
      ),
    ),
  );
}
