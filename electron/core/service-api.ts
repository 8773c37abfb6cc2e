// What the core service offers its shells: the wire contract with files already resolved, plus events and lifetime.
import type { Readable, Writable } from 'node:stream';
import type { BerthApi, BerthEvent, FileRef, FileTargetRef } from '../../shared/api.js';
import type { Credentials } from './registry/token.js';
import type { OpenStoreOptions } from './store/store.js';

/**
 * A file the service reads: a path (the CLI, a path the Electron shell granted) or a stream (stdin, an upload).
 * `release` is called once the operation is done with it, whatever the outcome (the web shell deletes the upload).
 */
export type CoreFileSource = ({ path: string; name?: string } | { stream: Readable; size?: number; name?: string }) & { release?(): void | Promise<void> };

/** Where the service writes a file: a path, or a stream (a download). `release` as for a source. */
export type CoreFileTarget = ({ path: string } | { stream: Writable; name?: string }) & { release?(): void | Promise<void> };

type Resolved<T> = T extends FileRef ? CoreFileSource : T extends FileTargetRef ? CoreFileTarget : T;
type ResolvedArgs<A extends unknown[]> = { [I in keyof A]: Resolved<A[I]> };

/** BerthApi as the core implements it: each FileRef parameter arrives as a CoreFileSource, each target as a CoreFileTarget. */
export type CoreApi = {
  [M in keyof BerthApi]: BerthApi[M] extends (...args: infer A) => infer R ? (...args: ResolvedArgs<A>) => R : never;
};

export interface ServiceOptions {
  /** Store root; defaults to $BERTH_STORE or the per-user data folder. */
  storePath?: string;
  /** settings.json; default $BERTH_CONFIG or the per-user config folder's. */
  settingsFile?: string;
  /** How the store is opened (lock timeout, free-space policy). */
  store?: OpenStoreOptions;
  /** Watch index.json for changes made by other processes and emit `store.changed` (the app and `berth serve` do). */
  watch?: boolean;
  env?: NodeJS.ProcessEnv;
  /**
   * Who to be at a registry (as references name it: `docker.io`, `127.0.0.1:5000`); anonymous when it gives
   * undefined. Tests hand one in; shells leave it out and get the saved logins.
   */
  credentials?: (registry: string) => Promise<Credentials | undefined>;
  /**
   * Index the layers of each image an import, load, pull or commit brings in, after it ends, one layer at a time (the
   * app and `berth serve` do; never a CLI command, which must exit when its own work is done).
   */
  indexInBackground?: boolean;
}

export interface BerthService extends CoreApi {
  onEvent(listener: (event: BerthEvent) => void): () => void;
  close(): Promise<void>;
  readonly storePath: string;
}
