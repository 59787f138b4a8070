/**
 * The server's end of the connection, built here rather than by `createConnection()` alone so that
 * the server knows three things the library does not tell it:
 *
 * - **Framing.** On a stream transport (`--stdio`, `--socket`, `--pipe`) every message's header is
 *   checked before vscode-jsonrpc reads it. A missing, negative, non-numeric or huge Content-Length
 *   (or a header that never ends) cannot be skipped: the stream has lost its place for good, and
 *   vscode-jsonrpc would wait forever for a body that never comes. The server logs why and exits
 *   with code 1, so the client sees a crash and can restart it. A body that is not JSON (with a
 *   valid Content-Length) keeps the stream in step: vscode-jsonrpc reports it and goes on.
 * - **The backlog.** vscode-jsonrpc hands over one message per turn of the event loop, so a burst of
 *   changes that arrived together is handled over many turns. `Inbound.backlog` counts messages
 *   that have arrived but not yet been handled; documents.ts waits for it to drain before it
 *   analyses, so a burst is analysed once, for its last version.
 * - **Initialisation.** Before `initialize`, a request is answered with ServerNotInitialized
 *   (-32002) and a notification other than `exit` is dropped, as the specification asks.
 */
import * as net from 'node:net';
import { Transform, type Readable, type TransformCallback, type Writable } from 'node:stream';
import {
  createConnection,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  Message,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from './lsp-values';
import type { Connection, DataCallback, Disposable, MessageReader, MessageStrategy, MessageWriter } from 'vscode-languageserver/node';

/** The longest header block accepted (bytes): real headers are well under 100. */
export const MAX_HEADER_BYTES = 8 * 1024;
/** The largest Content-Length accepted (bytes). Larger is taken as a broken stream, not a message. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/**
 * Counts the messages that have arrived and those settled (handled, or consumed without a handler:
 * `$/cancelRequest` is taken by vscode-jsonrpc before its queue, a body that is not JSON is
 * dropped); tells when none is waiting.
 */
export class Inbound {
  #arrived = 0;
  #settled = 0;
  #initialized = false;
  #shutdown = false;
  readonly #idle: Array<() => void> = [];

  /** Messages that have arrived but are not settled yet. */
  get backlog(): number {
    return Math.max(0, this.#arrived - this.#settled);
  }

  /** Whether `initialize` has arrived. */
  get initialized(): boolean {
    return this.#initialized;
  }

  /** Whether `shutdown` has arrived (the exit code on a closed stream). */
  get shutdownReceived(): boolean {
    return this.#shutdown;
  }

  /** Runs `listener` after each message that leaves the backlog empty. */
  onIdle(listener: () => void): void {
    this.#idle.push(listener);
  }

  arrived(): void {
    this.#arrived++;
  }

  /**
   * Takes every message that has arrived as settled. For a count that went wrong (a client reusing
   * a request id replaces a queued message): the next burst is then analysed early, never late.
   */
  resync(): void {
    this.#settled = Math.max(this.#settled, this.#arrived);
  }

  settled(): void {
    this.#settled++;
    if (this.backlog === 0) for (const l of this.#idle) l();
  }

  /** The message strategy: gates requests before `initialize`, then settles each message once handled. */
  strategy(writer: MessageWriter): MessageStrategy {
    return {
      handleMessage: (message: Message, next: (message: Message) => void) => {
        try {
          if (this.#admit(message, writer)) next(message);
        } finally {
          if (!isCancel(message)) this.settled();
        }
      },
    };
  }

  /** Whether a message goes on to its handler; answers or drops it before `initialize`. */
  #admit(message: Message, writer: MessageWriter): boolean {
    if (Message.isRequest(message)) {
      if (message.method === 'initialize') this.#initialized = true;
      else if (!this.#initialized) {
        void writer.write({
          jsonrpc: '2.0',
          id: message.id,
          error: { code: ErrorCodes.ServerNotInitialized, message: `The server is not initialized: ${message.method} before initialize.` },
        } as Message);
        return false;
      } else if (message.method === 'shutdown') this.#shutdown = true;
      return true;
    }
    if (Message.isNotification(message) && !this.#initialized) return message.method === 'exit';
    return true;
  }
}

/** `$/cancelRequest`, which vscode-jsonrpc may consume before its queue (never reaching the strategy). */
function isCancel(message: Message): boolean {
  return Message.isNotification(message) && message.method === '$/cancelRequest';
}

/**
 * Checks the framing of a stream of LSP messages and passes the bytes on unchanged. Calls
 * `onMessage` when a whole message has passed, `onMalformed` (once, and passes nothing more) when
 * a header is broken.
 */
export class FramingGuard extends Transform {
  readonly #onMessage: () => void;
  readonly #onMalformed: (reason: string) => void;
  #header: number[] = [];
  #bodyLeft = -1;
  #broken = false;

  constructor(onMessage: () => void, onMalformed: (reason: string) => void) {
    super();
    this.#onMessage = onMessage;
    this.#onMalformed = onMalformed;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.#broken) return callback();
    let i = 0;
    while (i < chunk.length) {
      if (this.#bodyLeft >= 0) {
        const n = Math.min(this.#bodyLeft, chunk.length - i);
        i += n;
        this.#bodyLeft -= n;
        if (this.#bodyLeft === 0) this.#endMessage();
        continue;
      }
      const h = this.#header;
      h.push(chunk[i++]);
      const n = h.length;
      if (n >= 4 && h[n - 4] === 13 && h[n - 3] === 10 && h[n - 2] === 13 && h[n - 1] === 10) {
        const problem = this.#readHeader(Buffer.from(h.slice(0, n - 4)).toString('ascii'));
        this.#header = [];
        if (problem) return this.#fail(problem, chunk.subarray(0, Math.max(0, i - n)), callback);
        if (this.#bodyLeft === 0) this.#endMessage();
      } else if (n > MAX_HEADER_BYTES) {
        return this.#fail(
          `a message header longer than ${MAX_HEADER_BYTES} bytes without its end (\\r\\n\\r\\n)`,
          chunk.subarray(0, Math.max(0, i - n)),
          callback,
        );
      }
    }
    callback(null, chunk);
  }

  #endMessage(): void {
    this.#bodyLeft = -1;
    this.#onMessage();
  }

  /** Sets the body's length from a header block, or says what is wrong with it. */
  #readHeader(block: string): string | undefined {
    let length: string | undefined;
    for (const line of block.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon < 0) return `a header line without “:” (${JSON.stringify(line.slice(0, 80))})`;
      if (line.slice(0, colon).trim().toLowerCase() === 'content-length') length = line.slice(colon + 1).trim();
    }
    if (length === undefined) return `a message header without Content-Length (${JSON.stringify(block.slice(0, 200))})`;
    if (!/^\d+$/.test(length)) return `Content-Length ${JSON.stringify(length.slice(0, 40))} is not a non-negative whole number`;
    const n = Number(length);
    if (n > MAX_MESSAGE_BYTES) return `Content-Length ${length} is larger than the ${MAX_MESSAGE_BYTES} bytes a message may have`;
    this.#bodyLeft = n;
    return undefined;
  }

  /** Passes on what came before the broken header (whole messages), then nothing more. */
  #fail(reason: string, before: Buffer, callback: TransformCallback): void {
    this.#broken = true;
    callback(null, before.length ? before : undefined);
    this.#onMalformed(reason);
  }
}

/**
 * A reader that tells `inbound` about each message it delivers: an arrival where there is no
 * framing to watch (IPC), and the settling of a `$/cancelRequest` (which may never reach the
 * queue) or of a body that could not be decoded.
 */
class CountingReader implements MessageReader {
  readonly #inner: MessageReader;
  readonly #inbound: Inbound;
  readonly #countArrivals: boolean;

  constructor(inner: MessageReader, inbound: Inbound, countArrivals: boolean) {
    this.#inner = inner;
    this.#inbound = inbound;
    this.#countArrivals = countArrivals;
    inner.onError(() => inbound.settled());
  }

  get onError(): MessageReader['onError'] {
    return this.#inner.onError;
  }
  get onClose(): MessageReader['onClose'] {
    return this.#inner.onClose;
  }
  get onPartialMessage(): MessageReader['onPartialMessage'] {
    return this.#inner.onPartialMessage;
  }
  listen(callback: DataCallback): Disposable {
    return this.#inner.listen((message) => {
      if (this.#countArrivals) this.#inbound.arrived();
      callback(message);
      if (isCancel(message)) this.#inbound.settled();
    });
  }
  dispose(): void {
    this.#inner.dispose();
  }
}

export interface PlanConnection {
  connection: Connection;
  inbound: Inbound;
}

/** Creates the connection from the command line's transport: --stdio, --node-ipc, --socket=N or --pipe=NAME. */
export function createPlanConnection(argv: readonly string[] = process.argv.slice(2)): PlanConnection {
  const inbound = new Inbound();
  const transport = parseTransport(argv);
  let reader: MessageReader;
  let writer: MessageWriter;
  /** Set once the connection exists: the log of a malformed header goes to the client too (best effort). */
  const made: { connection?: Connection } = {};
  const malformed = (reason: string) => {
    const text = `plan: the client sent ${reason}. The message stream cannot be read any further; the server exits.`;
    process.stderr.write(text + '\n');
    try {
      made.connection?.console.error(text);
    } finally {
      process.exit(1);
    }
  };
  const guarded = (input: Readable, output: Writable) => {
    const guard = new FramingGuard(() => inbound.arrived(), malformed);
    input.pipe(guard);
    const ended = () => process.exit(inbound.shutdownReceived ? 0 : 1);
    input.on('end', ended);
    input.on('close', ended);
    reader = new CountingReader(new StreamMessageReader(guard), inbound, false);
    writer = new StreamMessageWriter(output);
  };
  if (transport.kind === 'ipc') {
    reader = new CountingReader(new IPCMessageReader(process), inbound, true);
    writer = new IPCMessageWriter(process);
  } else if (transport.kind === 'stdio') {
    guarded(process.stdin, process.stdout);
  } else {
    const socket = transport.kind === 'socket' ? net.createConnection(transport.port, '127.0.0.1') : net.createConnection(transport.pipe);
    guarded(socket, socket);
  }
  const connection = createConnection(ProposedFeatures.all, reader!, writer!, { messageStrategy: inbound.strategy(writer!) });
  made.connection = connection;
  if (transport.kind === 'stdio') redirectConsole(connection);
  return { connection, inbound };
}

type Transport = { kind: 'stdio' } | { kind: 'ipc' } | { kind: 'socket'; port: number } | { kind: 'pipe'; pipe: string };

function parseTransport(argv: readonly string[]): Transport {
  for (let i = 0; i < argv.length; i++) {
    const [name, value = argv[i + 1]] = argv[i].split(/=(.*)/s);
    if (name === '--stdio') return { kind: 'stdio' };
    if (name === '--node-ipc') return { kind: 'ipc' };
    if (name === '--socket' && Number(value) > 0) return { kind: 'socket', port: Number(value) };
    if (name === '--pipe' && value) return { kind: 'pipe', pipe: value };
  }
  throw new Error("Start the server with one of '--stdio', '--node-ipc', '--socket=PORT' or '--pipe=NAME'.");
}

/** With stdio, stdout carries the protocol: console output goes to the client's log instead. */
function redirectConsole(connection: Connection): void {
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  console.log = (...a: unknown[]) => connection.console.log(text(a));
  console.info = (...a: unknown[]) => connection.console.info(text(a));
  console.warn = (...a: unknown[]) => connection.console.warn(text(a));
  console.error = (...a: unknown[]) => connection.console.error(text(a));
  console.debug = (...a: unknown[]) => connection.console.log(text(a));
}
