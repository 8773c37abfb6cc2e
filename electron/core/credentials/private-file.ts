// Reading and writing a file that holds secrets. Mirrors docker/cli's configfile.Save (a temp file in the same
// folder, then rename, so a reader never sees half a file) and goes further where docker trusts the file: the
// temp file is 0600 before any byte is written, and a file that is a symbolic link, not a regular file, owned by
// someone else or readable by others is refused with a message saying which — a FIFO planted there is opened
// non-blocking and refused, never waited on.
import { constants, promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';

const POSIX = process.platform !== 'win32';
const MAX_BYTES = 4 << 20;

export interface ReadOptions {
  /** Refuse the file when group or others may read it, or another user owns it (Berth's own file). */
  private: boolean;
  /** What the file is, for messages (`Berth's credentials file`). */
  what: string;
  /** Follow a symbolic link (docker's config may be one: docker follows it); still only to a regular file. */
  followLinks?: boolean;
}

function refuse(file: string, why: string, what: string): never {
  throw new BerthError('INVALID_ARGUMENT', `refusing to use ${what} ${file}: ${why}`);
}

/** The file's text, or null when it does not exist. */
export async function readPrivateFile(file: string, options: ReadOptions): Promise<string | null> {
  // O_NOFOLLOW: a symbolic link fails to open (ELOOP) instead of being followed; O_NONBLOCK: a FIFO opens at once.
  const flags = constants.O_RDONLY | (POSIX ? constants.O_NONBLOCK | (options.followLinks ? 0 : constants.O_NOFOLLOW) : 0);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP' || code === 'EMLINK') refuse(file, 'it is a symbolic link; replace it with the file itself', options.what);
    throw new BerthError('INVALID_ARGUMENT', `cannot read ${options.what} ${file}: ${(error as Error).message}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) refuse(file, 'it is not a regular file', options.what);
    if (POSIX && options.private) {
      if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) refuse(file, 'it belongs to another user', options.what);
      if ((stat.mode & 0o077) !== 0) {
        refuse(file, `other users may access it (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')}); run \`chmod 600 ${file}\` if that is safe`, options.what);
      }
    }
    if (stat.size > MAX_BYTES) refuse(file, `it is larger than ${MAX_BYTES} bytes`, options.what);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `file` with `text`, atomically: a 0600 temp file beside it (made so before the data is written, and
 * whatever the umask), flushed, then renamed over it. The folder is created 0700 when missing. An existing path
 * that is a symbolic link or not a regular file is refused, not replaced.
 */
export async function writePrivateFile(file: string, text: string, what: string): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const existing = await fs.lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing?.isSymbolicLink()) refuse(file, 'it is a symbolic link; replace it with the file itself', what);
  if (existing && !existing.isFile()) refuse(file, 'it is not a regular file', what);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (POSIX ? constants.O_NOFOLLOW : 0), 0o600);
  try {
    try {
      if (POSIX) await handle.chmod(0o600);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
