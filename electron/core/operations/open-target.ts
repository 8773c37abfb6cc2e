// Turning a CoreFileTarget into somewhere to write that never shows a partial file under the chosen name: a path
// is written as a hidden temporary beside it (same folder, so the rename is atomic), synced, then renamed over the
// name; a failure or cancel removes the temporary. The name itself is never opened, so a symlink or FIFO planted
// there is replaced, never followed or blocked on.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import type { CoreFileTarget } from '../service-api.js';

/** Writes `bytes` to the target; resolves once the file is complete under its name (or the stream ended). */
export async function writeToTarget(target: CoreFileTarget, bytes: AsyncIterable<Buffer>, signal?: AbortSignal): Promise<void> {
  if ('stream' in target) {
    await pipeline(Readable.from(bytes), target.stream, { signal });
    return;
  }
  const dir = path.dirname(target.path);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new BerthError('NOT_FOUND', `cannot write ${target.path}: no folder ${dir}`);
  // At most ~100 bytes of the name: a name near the file system's 255-byte limit still leaves room for the rest.
  const stem = Buffer.from(path.basename(target.path)).subarray(0, 100).toString();
  const temp = path.join(dir, `.${stem}.${randomBytes(6).toString('hex')}.partial`);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644)
    .catch((err: NodeJS.ErrnoException) => {
      throw new BerthError('INVALID_ARGUMENT', `cannot write in ${dir}: ${err.message}`);
    });
  let done = false;
  try {
    for await (const chunk of bytes) {
      signal?.throwIfAborted();
      for (let at = 0; at < chunk.length;) at += (await handle.write(chunk, at, chunk.length - at)).bytesWritten;
    }
    await handle.sync();
    await handle.close();
    await rename(temp, target.path);
    done = true;
  } finally {
    if (!done) {
      await handle.close().catch(() => undefined);
      await rm(temp, { force: true });
    }
  }
}
