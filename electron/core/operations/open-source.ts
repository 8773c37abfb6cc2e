// Turning a CoreFileSource into a stream to read, refusing anything that is not a regular file.
import { open } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import type { CoreFileSource } from '../service-api.js';

export interface OpenedSource {
  stream: Readable;
  size: number | undefined;
  name: string | undefined;
}

/**
 * Opens a path without blocking on a FIFO or device (O_NONBLOCK) and checks, on the open descriptor, that it is a
 * regular file — so what was checked is what is read.
 */
export async function openSource(source: CoreFileSource): Promise<OpenedSource> {
  if ('stream' in source) return { stream: source.stream, size: source.size, name: source.name };
  const handle = await open(source.path, constants.O_RDONLY | constants.O_NONBLOCK).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new BerthError('NOT_FOUND', `cannot read ${source.path}: no such file`);
    throw new BerthError('INVALID_ARGUMENT', `cannot read ${source.path}: ${err.message}`);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new BerthError('INVALID_ARGUMENT', `${source.path} is not a regular file`);
    const stream = handle.createReadStream({ highWaterMark: 1 << 20 });
    return { stream, size: info.size, name: source.name ?? source.path.split(/[\\/]/).pop() };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
