// The app's Save… on a file or folder of the Files tab: a regular file's bytes as they are (a symlink saves what it
// points to inside the image), a folder as the tar `docker cp IMAGE:PATH -` would give (files/export-tar.ts), written
// to the shell's target. As a task: progress in file bytes, cancellable, and a failed or cancelled save leaves no
// file under the chosen name (open-target.ts). Devices, FIFOs and links that lead nowhere are refused by name.
import type { TaskHandle, TaskResults } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { imageName, planExport, shownPath } from '../files/export-plan.js';
import { exportTar } from '../files/export-tar.js';
import { openImageFiles } from '../files/image-files.js';
import type { FileNode } from '../files/merged-tree.js';
import type { CoreFileTarget } from '../service-api.js';
import type { OperationContext } from './context.js';
import { writeToTarget } from './open-target.js';

const KINDS: Record<string, string> = { symlink: 'a symlink that leads nowhere in the image', char: 'a character device', block: 'a block device', fifo: 'a FIFO', hardlink: 'a hard link to nothing' };

export async function startExportFiles(ctx: OperationContext, reference: string, path: string, target: CoreFileTarget): Promise<TaskHandle<'export-files'>> {
  try {
    const files = await openImageFiles(ctx, reference);
    const shown = shownPath(path);
    const node = files.resolve(path, { follow: true });
    if (!node) throw new BerthError('NOT_FOUND', `Could not find the file ${shown} in image ${imageName(files)}`);
    const file = regularFile(node);
    const plan = file ? null : node.children ? planExport(files, path, { follow: true }) : null;
    if (!file && !plan) throw new BerthError('INVALID_ARGUMENT', `cannot save ${shown}: it is ${KINDS[node.entry.kind] ?? node.entry.kind}`);
    const total = file ? file.entry.size : plan!.bytes;
    return ctx.tasks.start('export-files', `Save ${shown} from ${imageName(files)}`, async (task): Promise<TaskResults['export-files']> => {
      let bytes = 0;
      async function* counted(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
        for await (const chunk of source) {
          bytes += chunk.length;
          yield chunk;
        }
      }
      try {
        task.progress(0, total);
        let done = 0;
        const source = file
          ? (async function* () {
            for await (const chunk of files.content(file, task.signal)) {
              done += chunk.length;
              task.progress(done, total);
              yield chunk;
            }
          })()
          : exportTar(ctx.store, files, plan!, { signal: task.signal, onProgress: (written) => task.progress(written, total) });
        await writeToTarget(target, counted(source), task.signal);
        return { path: shown, entries: file ? 1 : plan!.entries.length, bytes };
      } catch (err) {
        if (task.signal.aborted && !(err instanceof BerthError && err.code === 'CANCELLED')) throw new BerthError('CANCELLED', 'save cancelled', { cause: err });
        await files.distrustIndexes(err);
        throw err;
      } finally {
        await target.release?.();
      }
    });
  } catch (err) {
    await target.release?.();
    throw err;
  }
}

/** The node whose bytes a regular file or a hard link to one has. */
function regularFile(node: FileNode): FileNode | undefined {
  const data = node.entry.kind === 'hardlink' ? node.linkTarget : node;
  return data?.entry.kind === 'file' ? data : undefined;
}
