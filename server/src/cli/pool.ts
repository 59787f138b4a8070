/**
 * Worker threads for plan-check: one per core (or `--jobs`), started from dist/cli-worker.js
 * beside the bundle. Documents are streamed to them as they are read, at most two at a time per
 * worker so that none waits for the next; the answers come back in any order and the caller
 * sorts. A worker that fails hands its documents back (the caller then checks them itself).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { WORKER_YOUNG_MB } from '../node/worker-start';
import type { ScopeSpec } from '../node/config';
import type { CheckSettings, FileResult } from './check';

export interface WorkerData {
  locale: string;
  settings: CheckSettings;
}

/** One document for a worker; `spec` comes along the first time the worker meets its scope. */
export interface JobMessage {
  id: number;
  file: string;
  text: string;
  scopeKey: string;
  spec?: ScopeSpec;
}

interface Job {
  file: string;
  text: string;
  spec: ScopeSpec;
  resolve(result: FileResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  busy: Map<number, Job>;
  scopes: Set<string>;
  dead: boolean;
  /** The worker has loaded its code and said so (its first message). */
  ready: boolean;
}

const IN_FLIGHT = 2;

/** The worker script beside this bundle, if there is one (there is none when run from the sources). */
export function workerScript(): string | undefined {
  const file = path.join(__dirname, 'cli-worker.js');
  return existsSync(file) ? file : undefined;
}

export class WorkerPool {
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 0;

  constructor(size: number, script: string, data: WorkerData) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
      const slot: Slot = { worker, busy: new Map(), scopes: new Set(), dead: false, ready: false };
      slot.worker.on('message', (m: { id: number; result?: FileResult; error?: string } | 'ready') => {
        if (m === 'ready') {
          slot.ready = true;
          return;
        }
        const job = slot.busy.get(m.id);
        if (!job) return;
        slot.busy.delete(m.id);
        if (m.result) job.resolve(m.result);
        else job.reject(new Error(m.error ?? 'worker failed'));
        this.#pump();
      });
      const fail = (error: Error) => {
        if (slot.dead) return;
        slot.dead = true;
        for (const job of slot.busy.values()) job.reject(error);
        slot.busy.clear();
        if (this.#slots.every((s) => s.dead)) for (const job of this.#queue.splice(0)) job.reject(error);
        else this.#pump();
      };
      slot.worker.on('error', fail);
      slot.worker.on('exit', (code) => fail(new Error(`worker exited (${code})`)));
      this.#slots.push(slot);
    }
  }

  get size(): number {
    return this.#slots.length;
  }

  /**
   * Whether a worker has loaded its code (or none is left). Until then (the first few hundred
   * milliseconds) the caller checks documents itself instead of queueing them.
   */
  get started(): boolean {
    return this.#slots.some((s) => s.ready || s.dead);
  }

  /** Checks one document in a worker. */
  run(file: string, text: string, spec: ScopeSpec): Promise<FileResult> {
    return new Promise((resolve, reject) => {
      if (this.#slots.every((s) => s.dead)) return reject(new Error('no worker left'));
      this.#queue.push({ file, text, spec, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#queue.length) {
      let best: Slot | undefined;
      for (const s of this.#slots) if (!s.dead && s.busy.size < IN_FLIGHT && (!best || s.busy.size < best.busy.size)) best = s;
      if (!best) return;
      const job = this.#queue.shift()!;
      const id = this.#nextId++;
      best.busy.set(id, job);
      const first = !best.scopes.has(job.spec.key);
      best.scopes.add(job.spec.key);
      const message: JobMessage = { id, file: job.file, text: job.text, scopeKey: job.spec.key, spec: first ? job.spec : undefined };
      best.worker.postMessage(message);
    }
  }

  /** Stops the workers (after the last answer). */
  async close(): Promise<void> {
    await Promise.all(
      this.#slots.map((s) => {
        s.dead = true;
        return s.worker.terminate();
      }),
    );
  }
}
