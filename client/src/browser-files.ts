/**
 * The browser build's file system for the language server: the server runs in a web worker with no
 * disk, so it asks the client for the workspace's files (`plan/findFiles`, `plan/readFile`,
 * server/src/protocol.ts), and the client answers with `vscode.workspace.findFiles` and
 * `vscode.workspace.fs` — whatever the workspace is (code-server's remote folder, a GitHub
 * repository on vscode.dev, a local folder opened in the browser).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FindFilesRequest, ReadFileRequest, type FindFilesParams, type ReadFileParams, type ReadFileResult } from '../../server/src/protocol';

/** Folders never searched, as on disk (server/src/node/config.ts): dependencies, builds and hidden folders. */
const EXCLUDE = '{**/node_modules/**,**/dist/**,**/out/**,**/.*/**}';

export async function findFiles(p: FindFilesParams): Promise<string[]> {
  const out = new Set<string>();
  for (const root of p.roots) {
    if (out.size >= p.limit) break;
    const pattern = new vscode.RelativePattern(vscode.Uri.parse(root, true), `**/${p.glob}`);
    for (const uri of await vscode.workspace.findFiles(pattern, EXCLUDE, p.limit - out.size)) out.add(uri.toString());
  }
  return [...out].sort();
}

export async function readFile(p: ReadFileParams): Promise<ReadFileResult> {
  try {
    const uri = vscode.Uri.parse(p.uri, true);
    const stat = await vscode.workspace.fs.stat(uri);
    if (!(stat.type & vscode.FileType.File)) return { notFile: true };
    if (stat.size > p.maxBytes) return { tooLarge: stat.size };
    return { text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), code: e instanceof vscode.FileSystemError ? e.code : undefined };
  }
}

/** Answers the server's file requests on this client. */
export function registerBrowserFiles(client: BaseLanguageClient): void {
  client.onRequest(FindFilesRequest.method, (p: FindFilesParams) => findFiles(p));
  client.onRequest(ReadFileRequest.method, (p: ReadFileParams) => readFile(p));
}
