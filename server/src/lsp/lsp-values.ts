/**
 * The values the server takes from vscode-languageserver, imported in this one place. The bundler
 * wraps each module's import of that CommonJS package in a copy of all its exports (esbuild's
 * `__toESM`: some hundreds of properties, each defined anew), and with six modules importing it
 * the copies took 12 ms of the server's start. Types are imported where they are used.
 */
export {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  Emitter,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  LSPErrorCodes,
  Message,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  StreamMessageReader,
  StreamMessageWriter,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
