// Dragging rows out of the window (onto the desktop, into a file manager): the OS wants a file that exists when the
// drag starts, so the tarball is written first — a save task like any other, with its progress in Tasks — into a
// private temporary folder, then handed to webContents.startDrag. A file or folder out of the Files tab goes the same
// way, written by saveImageFiles (a file as itself, a folder as a tar). The copy is removed a while later (the drop
// target has copied it by then) and the whole folder when the app quits.
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TaskHandle } from '../../shared/api.js';
import { BerthError } from '../../shared/errors.js';
import type { BerthService, CoreFileTarget } from '../core/service-api.js';

/** How long a dragged-out tarball is kept for the drop target to copy. */
export const DRAG_FILE_TTL_MS = 10 * 60 * 1000;

/** A file name for the drag: a base name without separators or controls. */
export function dragFileName(name: string, fallback = 'images.tar'): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const clean = path.basename(name.replace(/[\x00-\x1f\x7f/\\]/g, '_')).replace(/^\.+/, '').slice(0, 200);
  return clean || fallback;
}

export class DragOut {
  private dir: Promise<string> | null = null;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly service: Pick<BerthService, 'save' | 'waitTask'> & Partial<Pick<BerthService, 'saveImageFiles'>>,
    private readonly options: { parent?: string; ttlMs?: number } = {},
  ) {}

  /** Saves `references` to a new temporary NAME.tar and resolves with its path once it is complete. */
  write(references: string[], name: string): Promise<string> {
    return this.written(dragFileName(name), (target) => this.service.save(references, target));
  }

  /** Writes `imagePath` of the image (a file as itself, a folder as a tar) to a new temporary NAME. */
  writeFiles(reference: string, imagePath: string, name: string): Promise<string> {
    const { saveImageFiles } = this.service;
    if (!saveImageFiles) return Promise.reject(new BerthError('INVALID_ARGUMENT', 'this window cannot drag files out of an image'));
    return this.written(dragFileName(name, 'file'), (target) => saveImageFiles.call(this.service, reference, imagePath, target));
  }

  private async written(name: string, start: (target: CoreFileTarget) => Promise<TaskHandle>): Promise<string> {
    this.dir ??= (async () => {
      const made = await mkdtemp(path.join(this.options.parent ?? tmpdir(), 'berth-drag-'));
      await chmod(made, 0o700);
      return made;
    })();
    // A folder per drag, so each file keeps the name the user sees, however many drags share it.
    const folder = await mkdtemp(path.join(await this.dir, 'd-'));
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, name);
    try {
      const handle = await start({ path: file });
      const ended = await this.service.waitTask(handle.taskId);
      if (ended.state !== 'done') throw new BerthError(ended.error?.code ?? 'CANCELLED', ended.error?.message ?? 'the save was cancelled');
    } catch (err) {
      await rm(folder, { recursive: true, force: true });
      throw err;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void rm(folder, { recursive: true, force: true });
    }, this.options.ttlMs ?? DRAG_FILE_TTL_MS);
    timer.unref();
    this.timers.add(timer);
    return file;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.dir) await rm(await this.dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
