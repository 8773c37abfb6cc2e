// What `berth commit --add SRC[:DEST]` names, turned into layers: a folder becomes a layer made from its files
// (archive/folder-layer.ts), a tarball is checked and kept byte for byte as `berth import` keeps it
// (archive/rootfs-layer.ts), so its diff_id is what docker computes for the same file.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { openFolderLayer, layerPath } from '../archive/folder-layer.js';
import { openRootfsLayer } from '../archive/rootfs-layer.js';
import type { LayerInput } from '../image/writer.js';
import { MEDIA_TYPES } from '../oci/media-types.js';
import { openSource } from './open-source.js';
import type { CoreFileSource } from '../service-api.js';

export interface CommitAdd {
  /** A folder or a tarball on this machine (absolute). */
  path: string;
  /** Where its contents go in the image; `/` by default. */
  dest?: string;
}

/** `SRC[:DEST]` as typed: DEST is what follows the last colon when it is an absolute path in the image. */
export function parseAddArgument(text: string): CommitAdd {
  const colon = text.lastIndexOf(':');
  if (colon > 0 && text[colon + 1] === '/') return { path: text.slice(0, colon), dest: text.slice(colon + 1) };
  return { path: text };
}

export interface PreparedAdd {
  kind: 'folder' | 'tarball';
  dest: string;
  /** Opens the layer when the writer gets to it, so only one add is being read at a time. */
  open(signal: AbortSignal | undefined, onBytes: (bytes: number) => void, maxBytes: number | null): Promise<LayerInput>;
}

/** Checks every add before a byte is written: it exists, is a folder or a file, and its DEST is usable. */
export async function prepareAdds(adds: readonly CommitAdd[]): Promise<PreparedAdd[]> {
  const prepared: PreparedAdd[] = [];
  for (const add of adds) {
    if (!path.isAbsolute(add.path)) throw new BerthError('INVALID_ARGUMENT', `--add needs an absolute path, got ${add.path}`);
    const dest = `/${layerPath(add.dest ?? '/')}`;
    const info = await stat(add.path).catch((err: NodeJS.ErrnoException) => {
      throw new BerthError('NOT_FOUND', `cannot add ${add.path}: ${err.code === 'ENOENT' ? 'no such file or directory' : err.message}`);
    });
    if (info.isDirectory()) {
      prepared.push({
        kind: 'folder',
        dest,
        async open(signal, onBytes) {
          const layer = await openFolderLayer([{ dir: add.path, dest }], { signal });
          return { stream: counted(layer.stream, onBytes), mediaType: MEDIA_TYPES.ociLayer, unpackedSize: layer.unpackedSize };
        },
      });
    } else if (info.isFile()) {
      // Placing a tarball's entries elsewhere would mean rewriting every name, and the bytes would no longer be the
      // file's: a tarball goes in at the root, exactly as it is.
      if (dest !== '/') throw new BerthError('INVALID_ARGUMENT', `cannot add ${add.path} at ${dest}: a tarball is added at / with its own paths; unpack it into a folder to place it elsewhere`);
      prepared.push(fileSourceAdd({ path: add.path }));
    } else {
      throw new BerthError('INVALID_ARGUMENT', `cannot add ${add.path}: not a folder or a regular file`);
    }
  }
  return prepared;
}

/** A tarball (a path, or a file the shell handed over: a drop, an upload), checked as import checks it, added at /. */
export function fileSourceAdd(source: CoreFileSource): PreparedAdd {
  return {
    kind: 'tarball',
    dest: '/',
    async open(signal, onBytes, maxBytes) {
      const { stream } = await openSource(source);
      let base = 0;
      const layer = await openRootfsLayer(stream, {
        signal,
        onProgress: (read) => { onBytes(read - base); base = read; },
        ...(maxBytes !== null ? { maxBytes } : {}),
      });
      return { stream: layer.stream, mediaType: MEDIA_TYPES.ociLayer, unpackedSize: layer.unpackedSize };
    },
  };
}

async function* counted(stream: AsyncIterable<Uint8Array>, onBytes: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    onBytes(chunk.length);
    yield chunk;
  }
}
