// What every operation works with: the store, the catalog (index.json read as images), the task manager, and the way to say
// that the store changed. The service builds one and hands it to each operation.
import type { BerthEvent } from '../../../shared/api.js';
import type { Catalog } from '../image/catalog.js';
import { tagReference } from '../ref/reference.js';
import type { ImageStore } from '../store/types.js';
import type { TaskManager } from '../tasks/task-manager.js';
import type { Settings } from '../settings/settings.js';
import type { Credentials } from '../registry/token.js';

export interface OperationContext {
  readonly store: ImageStore;
  readonly catalog: Catalog;
  readonly tasks: TaskManager;
  /** settings.json, read on first use (a command that needs none never reads it). */
  settings(): Promise<Settings>;
  /** Who to be at `registry` (`docker.io`, `127.0.0.1:5000`): undefined for anonymous. Never logged, never in a title. */
  credentials(registry: string): Promise<Credentials | undefined>;
  emit(event: BerthEvent): void;
  /**
   * Work that follows an operation but is no part of its result (a pull's layer sizes): started now, never failing
   * the operation, and finished before the service closes (so a CLI command still completes it).
   */
  background(work: () => Promise<void>): void;
}

/** A name to tag with: normalised, never a digest reference (shared with the renderer, which checks as you type). */
export { tagReference };
