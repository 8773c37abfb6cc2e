// What the core service offers its shells beyond the wire contract: events, streams and lifetime.
import type { Readable } from 'node:stream';
import type { BerthApi, BerthEvent, FileSource, ImportOptions, ImportResult } from '../../shared/api.js';

/** Inside the main process a file can also arrive as a stream (CLI stdin, an HTTP upload). */
export type CoreFileSource = FileSource | { stream: Readable; size?: number; name?: string };

export interface ServiceOptions {
  /** Store root; defaults to $BERTH_STORE or the per-user data folder. */
  storePath?: string;
  /** Watch index.json for changes made by other processes and emit `store.changed` (the app and `berth serve` do). */
  watch?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface BerthService extends BerthApi {
  importRootfs(source: CoreFileSource, options: ImportOptions): Promise<ImportResult>;
  onEvent(listener: (event: BerthEvent) => void): () => void;
  close(): Promise<void>;
  readonly storePath: string;
}
