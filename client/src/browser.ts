/**
 * The VS Code extension in the browser (vscode.dev, github.dev, code-server's web extension host):
 * the `browser` entry of package.json. The language server runs in a web worker
 * (dist/browser-server.js) and reads the workspace's templates and registries through this
 * client's file system (browser-files.ts). Everything of the Node build is here except what needs
 * Node: analyses have no time limit (no worker threads), and a command another part of the
 * extension registers only on Node says so when run here instead of "command not found".
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { registerBrowserFiles } from './browser-files';
import { CONFIG_FILES, PlanExtension, type ClientPlatform, type PlanExtensionApi } from './plan-extension';

function browserPlatform(context: vscode.ExtensionContext): ClientPlatform {
  return {
    kind: 'browser',
    // The workspace's own schemes (vscode-remote, vscode-vfs, file …) and untitled documents.
    get documentSelector() {
      const schemes = new Set(['untitled', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
      return [...[...schemes].map((scheme) => ({ language: 'markdown', scheme })), ...[...schemes].map((scheme) => ({ pattern: CONFIG_FILES, scheme }))];
    },
    createClient: (id, name, options) =>
      new LanguageClient(
        id,
        name,
        // The transports, not the Worker: VS Code's web extension host replaces the Worker
        // constructor, so the client's own `instanceof Worker` test would fail.
        async () => {
          const worker = new Worker(await serverScript(context));
          return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
        },
        options,
      ),
    setUp: registerBrowserFiles,
  };
}

/**
 * The URL the server's web worker starts from. An extension served over http(s) (vscode.dev's
 * marketplace) gives its own; one on a remote (code-server, VS Code Server: `vscode-remote:`) cannot
 * start a worker from there, so the script is read through VS Code and started from a blob: URL.
 */
async function serverScript(context: vscode.ExtensionContext): Promise<string> {
  const main = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser-server.js');
  if (main.scheme === 'http' || main.scheme === 'https') return main.toString(true);
  const code = await vscode.workspace.fs.readFile(main);
  return URL.createObjectURL(new Blob([new Uint8Array(code)], { type: 'text/javascript' }));
}

/**
 * Commands of the manifest that nothing registered in this build (they need Node): each says so
 * instead of VS Code's "command not found".
 */
async function registerNodeOnlyCommands(context: vscode.ExtensionContext): Promise<void> {
  const contributed =
    (context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string; title: unknown }> } }).contributes?.commands ?? [];
  const registered = new Set(await vscode.commands.getCommands(true));
  for (const c of contributed) {
    if (registered.has(c.command)) continue;
    context.subscriptions.push(
      vscode.commands.registerCommand(c.command, () =>
        vscode.window.showInformationMessage(
          vscode.l10n.t(
            '“{0}” is not available in VS Code in the browser: it needs the desktop VS Code (Node.js).',
            typeof c.title === 'string' && !/^%.*%$/.test(c.title) ? c.title : c.command,
          ),
        ),
      ),
    );
  }
}

let extension: PlanExtension | undefined;

export function activate(context: vscode.ExtensionContext): PlanExtensionApi {
  const ext = new PlanExtension(context, browserPlatform(context));
  extension = ext;
  context.subscriptions.push(
    vscode.commands.registerCommand('plan.restartServer', () => ext.restart()),
    vscode.commands.registerCommand('plan.newFromTemplate', (id?: unknown) => ext.newFromTemplate(id)),
    vscode.commands.registerCommand('plan.showTemplate', () => ext.showTemplate()),
    vscode.commands.registerCommand('plan.checkWorkspace', () => ext.checkWorkspace()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void ext.trustGranted().catch(() => undefined)),
  );
  void registerNodeOnlyCommands(context).catch(() => undefined);
  void ext.ready().catch(() => undefined);
  return ext;
}

export async function deactivate(): Promise<void> {
  await extension?.stop();
  extension = undefined;
}
