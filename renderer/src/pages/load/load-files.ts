// Loading image archives: from a drop (each file first told apart by its first entries — an image archive loads,
// a root filesystem opens the import dialog) or from Load… (the user said what it is). The load is a task in
// the Tasks drawer, with progress by bytes and cancel; its end is a toast whose Show reveals the loaded images.
import type { FileRef, LoadResult, TaskHandle } from '../../../../shared/api';
import { revealImage } from '../../app/reveal-image';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';
import { useAppStore } from '../../state/store';
import { sniffTarball, type TarballKind } from './archive-sniff';

/** Loads one archive and, once it is in, opens the Images page on the (first) loaded image. */
export async function loadAndReveal(input: Parameters<typeof startLoadTask>[0]): Promise<void> {
  const handle = await startLoadTask(input);
  if (!handle) return;
  const ended = await getBridge().waitTask(handle.taskId).catch(() => null);
  const first = ended?.state === 'done' ? (ended.result as LoadResult | null)?.images[0] : undefined;
  if (!first || !(await listed(first.id))) return;
  // Someone who went on to another page meanwhile is not pulled back: the toast's Show does it.
  if (useAppStore.getState().page === 'images') await revealImage({ id: first.id, reference: first.tags[0] ?? null });
}

/** Resolves once the Images list has caught up with the load (its store.changed refresh), or false after a while. */
function listed(id: string, timeoutMs = 10_000): Promise<boolean> {
  const has = () => useAppStore.getState().images.some((image) => image.id === id);
  if (has()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(false);
    }, timeoutMs);
    const stop = useAppStore.subscribe(() => {
      if (!has()) return;
      clearTimeout(timer);
      stop();
      resolve(true);
    });
  });
}

/** Starts loading one archive; the task carries on (and reports its end, a failure included) on its own. */
export async function startLoadTask(input: { kind: 'file'; file: File } | { kind: 'ref'; file: FileRef }): Promise<TaskHandle<'load'> | null> {
  const bridge = getBridge();
  const { uploadThenStart, pushToast } = useAppStore.getState();
  try {
    if (input.kind === 'file' && bridge.shell === 'web') {
      // The upload is the task's first phase, under the title the service's load will have.
      const upload = uploadThenStart({ file: input.file, kind: 'load', title: `Load ${input.file.name}`, start: (ref) => bridge.load(ref) });
      return await upload.started;
    }
    const ref = input.kind === 'file' ? await bridge.fileRef(input.file) : input.file;
    return await bridge.load(ref);
  } catch (err) {
    const error = toErrorPayload(err);
    // A failed or cancelled upload has announced itself already.
    if (!(input.kind === 'file' && bridge.shell === 'web')) pushToast({ tone: 'error', message: `Could not load ${input.file.name}`, detail: error.message });
    return null;
  }
}

/** What a drop says about each file before anything is written. */
export function kindMessage(name: string, kind: TarballKind): string {
  switch (kind.kind) {
    case 'image-archive':
      return `${name} is an image archive: loading it`;
    case 'rootfs':
      return `${name} is a root filesystem: import it as a new image`;
    case 'not-tar':
      return `${name} is not a tar archive`;
    case 'unknown':
      return `${name} is ${kind.compression}-compressed, which the page cannot look into: opened as an import; use Load… if it is an image archive`;
  }
}

/** A drop of one or more files on the window. */
export async function handleDroppedFiles(files: readonly File[]): Promise<void> {
  const { pushToast, openDialog } = useAppStore.getState();
  let importOpened = useAppStore.getState().dialog !== null;
  for (const file of files) {
    const kind = await sniffTarball(file).catch((): TarballKind => ({ kind: 'not-tar' }));
    if (kind.kind === 'image-archive') {
      pushToast({ tone: 'info', message: kindMessage(file.name, kind) });
      void loadAndReveal({ kind: 'file', file });
    } else if (!importOpened) {
      // A root filesystem, or something that is no tar at all: the import dialog says which, in the core's words.
      // One import dialog at a time: a second root filesystem in the same drop is named, not lost silently.
      importOpened = true;
      // The dialog itself says it imports a root filesystem; only a guess is worth a word more.
      if (kind.kind === 'unknown') pushToast({ tone: 'info', message: kindMessage(file.name, kind) });
      openDialog({ kind: 'import', input: { kind: 'file', file } });
    } else {
      pushToast({ tone: 'info', message: `${kindMessage(file.name, kind)} — one import at a time: drop it again once this one is done` });
    }
  }
}
