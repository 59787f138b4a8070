/**
 * The VS Code extension on Node (desktop VS Code, code-server's Node extension host): starts the
 * bundled language server over IPC and registers the commands. The extension's core is
 * plan-extension.ts, shared with the browser build (browser.ts). All plan logic lives in the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_FILES, PlanExtension, type ClientPlatform, type PlanExtensionApi } from './plan-extension';
import { registerPublishCommands } from './publish';
import { registerRefactorCommands } from './refactor';
import { registerRegisterFeatures } from './register';
import { registerWordImport } from './word-import';
import { registerFollowUpCommands } from './followup';
import { SERVER_PROCESS_ENV } from '../../server/src/protocol';

export type { PlanExtensionApi } from './plan-extension';

function nodePlatform(context: vscode.ExtensionContext): ClientPlatform {
  return {
    kind: 'node',
    documentSelector: [
      { language: 'markdown', scheme: 'file' },
      { language: 'markdown', scheme: 'untitled' },
      { pattern: CONFIG_FILES, scheme: 'file' },
    ],
    createClient: (id, name, options) => {
      const serverModule = context.asAbsolutePath('dist/server.js');
      // V8's code cache of the server's bundles, in this extension's own storage (server/src/node/code-cache.ts).
      const codeCache = `--code-cache=${vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath}`;
      // The server's process without the certificates Node would read at start (SERVER_PROCESS_ENV).
      const env = { ...SERVER_PROCESS_ENV };
      const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc, args: [codeCache], options: { env } },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6019'] } },
      };
      return new LanguageClient(id, name, serverOptions, options);
    },
  };
}

let extension: PlanExtension | undefined;

export function activate(context: vscode.ExtensionContext): PlanExtensionApi {
  const ext = new PlanExtension(context, nodePlatform(context));
  extension = ext;
  // Features that need Node (files on disk, the server's Word and publishing bundles): this build only.
  registerWordImport(context, ext);
  registerFollowUpCommands(context, ext);
  registerRefactorCommands(context);
  registerPublishCommands(context, ext, ext.output);
  registerRegisterFeatures(context, () => ext.ready().then(() => ext.client!));
  context.subscriptions.push(
    vscode.commands.registerCommand('plan.restartServer', () => ext.restart()),
    vscode.commands.registerCommand('plan.newFromTemplate', (id?: unknown) => ext.newFromTemplate(id)),
    vscode.commands.registerCommand('plan.showTemplate', () => ext.showTemplate()),
    vscode.commands.registerCommand('plan.checkWorkspace', () => ext.checkWorkspace()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void ext.trustGranted().catch(() => undefined)),
  );
  // ready(), not start(): the overview may already have asked for the server.
  void ext.ready().catch(() => undefined);
  return ext;
}

export async function deactivate(): Promise<void> {
  await extension?.stop();
  extension = undefined;
}
