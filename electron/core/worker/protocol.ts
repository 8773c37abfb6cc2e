// Messages between a shell's thread and the service running in a worker thread (worker-host.ts, worker-entry.ts).
import type { BerthEvent, BerthMethod, ErrorPayload } from '../../../shared/api.js';
import type { ServiceOptions } from '../service-api.js';

/** Options that can cross to the worker (structured clone): no functions. */
export type WorkerServiceOptions = Pick<ServiceOptions, 'storePath' | 'watch' | 'settingsFile' | 'indexInBackground'> & { env?: Record<string, string | undefined> };

export type ToWorker = { type: 'call'; id: number; method: BerthMethod; args: unknown[] } | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; storePath: string }
  | { type: 'failed'; error: ErrorPayload }
  /** The value as JSON text: serialised in the worker, sent on by the host without being rebuilt. */
  | { type: 'reply'; id: number; ok: true; json: string }
  | { type: 'reply'; id: number; ok: false; error: ErrorPayload }
  | { type: 'event'; event: BerthEvent }
  /** The service is done with the file argument that carried this token: the host may delete it. */
  | { type: 'release'; token: number };

/** A file argument's release callback cannot cross threads: it travels as a token the worker hands back. */
export const RELEASE_TOKEN = 'releaseToken';

/** A write target's stream cannot cross threads: it travels as a MessagePort under this key (port-stream.ts). */
export const STREAM_PORT = 'streamPort';
