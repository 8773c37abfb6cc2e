// Small durable-filesystem primitives the store is built from.
import { promises as fs } from 'node:fs';

export function errorCode(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

export const isNotFound = (err: unknown): boolean => errorCode(err) === 'ENOENT';

/** Makes a rename or link inside `dir` durable. Some platforms (Windows) cannot open directories: that is fine. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    if (!['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP'].includes(errorCode(err) ?? '')) throw err;
  } finally {
    await handle?.close();
  }
}

/** Creates `file` (which must not exist), writes `data` and fsyncs it. */
export async function writeNewFileDurably(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Publishes `temp` as `target` only if `target` does not exist yet (hard link, atomic), then removes `temp`.
 * Returns false when `target` already existed. Filesystems without hard links fall back to a checked rename.
 */
export async function publishNoClobber(temp: string, target: string): Promise<boolean> {
  try {
    await fs.link(temp, target);
  } catch (err) {
    const code = errorCode(err);
    if (code === 'EEXIST') {
      await fs.rm(temp, { force: true });
      return false;
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw err;
    if (await exists(target)) {
      await fs.rm(temp, { force: true });
      return false;
    }
    await fs.rename(temp, target);
    return true;
  }
  await fs.rm(temp, { force: true });
  return true;
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
