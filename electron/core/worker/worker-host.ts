// A BerthService whose work runs in a worker thread (worker-entry.ts): the same contract, every method forwarded,
// events forwarded back. File arguments cross as paths (streams cannot), their release as a token.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BerthEvent, BerthMethod } from '../../../shared/api.js';
import { BerthError, fromErrorPayload } from '../../../shared/errors.js';
import { BERTH_METHODS } from '../../../shared/rpc-signatures.js';
import { JsonText } from '../rpc.js';
import type { BerthService } from '../service-api.js';
import { RELEASE_TOKEN, STREAM_PORT, type FromWorker, type ToWorker, type WorkerServiceOptions } from './protocol.js';
import { portForWritable } from './port-stream.js';
import { Writable } from 'node:stream';
import type { MessagePort } from 'node:worker_threads';

/** Where the built worker is: beside the CLI entry (dist/cli/service-worker.js), whichever chunk this code is in. */
function workerFile(): string {
  for (const candidate of ['./service-worker.js', '../service-worker.js']) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new BerthError('INTERNAL', 'the service worker (dist/cli/service-worker.js) is missing: run `npm run build`');
}

export interface WorkerService extends BerthService {
  /** A method's answer as JSON text, for a shell that sends it on as it is (the web socket). */
  callJson(method: BerthMethod, args: unknown[]): Promise<JsonText>;
  /** Settles when the worker has stopped on its own (a crash): the shell should say so and stop too. */
  readonly stopped: Promise<Error>;
}

export async function startWorkerService(options: WorkerServiceOptions, file: string = workerFile()): Promise<WorkerService> {
  const worker = new Worker(file, { workerData: options });
  const listeners = new Set<(event: BerthEvent) => void>();
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const releases = new Map<number, () => void | Promise<void>>();
  let nextId = 1;
  let nextToken = 1;
  let stopped: Error | null = null;
  let closing = false;
  let announceStop!: (error: Error) => void;
  const stoppedOnItsOwn = new Promise<Error>((resolve) => (announceStop = resolve));

  const ready = new Promise<string>((resolve, reject) => {
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          return resolve(message.storePath);
        case 'failed':
          return reject(fromErrorPayload(message.error));
        case 'event':
          for (const listener of [...listeners]) listener(message.event);
          return;
        case 'release': {
          const release = releases.get(message.token);
          releases.delete(message.token);
          void Promise.resolve(release?.()).catch(() => undefined);
          return;
        }
        case 'reply': {
          const waiting = pending.get(message.id);
          pending.delete(message.id);
          if (message.ok) waiting?.resolve(new JsonText(message.json));
          else waiting?.reject(fromErrorPayload(message.error));
        }
      }
    });
    let crash: Error | null = null;
    worker.on('error', (err) => {
      crash = err;
      reject(err);
    });
    worker.on('exit', (code) => {
      stopped = new BerthError('INTERNAL', `the service worker stopped (exit status ${code}${crash ? `: ${crash.message}` : ''})`);
      if (!closing) announceStop(stopped);
      reject(stopped);
      for (const waiting of pending.values()) waiting.reject(stopped);
      pending.clear();
      for (const release of releases.values()) void Promise.resolve(release()).catch(() => undefined);
      releases.clear();
    });
  });
  const storePath = await ready;

  async function call(method: BerthMethod, args: unknown[]): Promise<unknown> {
    if (stopped) {
      // The worker never took these files: let go of them here (an upload would otherwise stay until shutdown).
      for (const arg of args) {
        const release = (arg as { release?: () => void | Promise<void> } | null)?.release;
        if (typeof release === 'function') await Promise.resolve(release()).catch(() => undefined);
      }
      throw stopped;
    }
    const transfer: MessagePort[] = [];
    const sendable = args.map((arg) => {
      if (!arg || typeof arg !== 'object') return arg;
      let crossing = arg as Record<string, unknown>;
      if ('stream' in arg) {
        // A write target (a download) crosses as a port; a stream to read from cannot.
        const { stream, ...others } = crossing;
        if (!(stream instanceof Writable)) throw new BerthError('INVALID_ARGUMENT', 'a stream to read cannot be handed to the service worker: pass a file path');
        const port = portForWritable(stream);
        transfer.push(port);
        crossing = { ...others, [STREAM_PORT]: port };
      }
      const { release, ...rest } = crossing as { release?: () => void | Promise<void> };
      if (typeof release !== 'function') return crossing;
      const token = nextToken++;
      releases.set(token, release);
      return { ...rest, [RELEASE_TOKEN]: token };
    });
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'call', id, method, args: sendable } satisfies ToWorker, transfer);
    });
  }

  // In-process callers get values; the web shell takes callJson and never rebuilds a big answer.
  const methods = Object.fromEntries(BERTH_METHODS.map((method) => [method, async (...args: unknown[]) => ((await call(method, args)) as JsonText).toJSON()]));
  return {
    ...(methods as unknown as Omit<BerthService, 'onEvent' | 'close' | 'storePath'>),
    callJson: (method, args) => call(method, args) as Promise<JsonText>,
    stopped: stoppedOnItsOwn,
    storePath,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closing = true;
      if (stopped) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'close' } satisfies ToWorker);
      // A worker busy with a long request still ends: close waits a moment, then stops it.
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
