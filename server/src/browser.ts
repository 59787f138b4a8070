/**
 * The language server in the browser: a web worker started by the browser build of the extension
 * (client/src/browser.ts), talking LSP over postMessage. The same server as on Node
 * (server/src/lsp/), with the client's file system and analyses on this thread (browser-host.ts).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { browserHost } from './browser-host';
import { PlanServer } from './lsp/server';

// The worker's global scope (the project's TypeScript library is the DOM's, not the WebWorker's).
const scope = self as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
new PlanServer(connection, browserHost(connection));
connection.listen();
