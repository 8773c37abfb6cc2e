// The one tarball builder for unit tests, e2e fixtures and the bench: root filesystems in memory, big ones streamed,
// compressed the way a user's tool would. Plain .mjs (types in tarball.d.mts) because the bench runs it under
// plain Node. Names are written exactly as given, so hostile entries (absolute paths, `..`, escaping links,
// devices) can be made on purpose; every entry gets ROOTFS_MTIME unless it says otherwise, so the same entries
// always give the same bytes (and the same digest).
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { requirePeer } from './peers.mjs';

export const ROOTFS_MTIME = new Date('2020-01-01T00:00:00Z');

/**
 * The tar of `entries` (an array or an async generator, for inputs too big to hold) as a readable stream.
 * A file's content is a string or bytes, or an (async) iterable of chunks with its `size` given.
 */
export function packRootfsTar(entries) {
  const tar = pack();
  (async () => {
    for await (const entry of entries) await addEntry(tar, entry);
    tar.finalize();
  })().catch((error) => tar.destroy(error));
  return tar;
}

/** The whole tarball in memory; `{ 'etc/hello': 'hi\n' }` is shorthand for regular files. */
export async function makeRootfsTar(files, options = {}) {
  const entries = Array.isArray(files) ? files : Object.entries(files).map(([name, content]) => ({ path: name, content }));
  const chunks = [];
  for await (const chunk of packRootfsTar(entries)) chunks.push(chunk);
  return compress(Buffer.concat(chunks), options.compression ?? 'none');
}

export async function writeRootfsTar(file, files, options = {}) {
  const bytes = await makeRootfsTar(files, options);
  await writeFile(file, bytes);
  return bytes;
}

/** Compresses the whole tarball the way a user's tool would (gzip from zlib, xz and zstd from their CLIs). */
export function compress(bytes, compression) {
  switch (compression) {
    case 'none':
      return bytes;
    case 'gzip':
      return gzipSync(bytes);
    case 'xz':
    case 'zstd': {
      const result = spawnSync(requirePeer(compression), ['-c', '-q'], { input: bytes, maxBuffer: 1 << 30 });
      if (result.status !== 0) throw new Error(`${compression} failed: ${result.stderr.toString()}`);
      return result.stdout;
    }
    default:
      throw new Error(`unknown compression ${compression}`);
  }
}

const DEFAULT_MODE = { file: 0o644, directory: 0o755, symlink: 0o777, link: 0o777, 'character-device': 0o666, 'block-device': 0o666, fifo: 0o644 };

async function addEntry(tar, entry) {
  const type = entry.type ?? 'file';
  const header = { name: entry.path, type, mode: entry.mode ?? DEFAULT_MODE[type], uid: entry.uid ?? 0, gid: entry.gid ?? 0, mtime: entry.mtime ?? ROOTFS_MTIME };
  if (type === 'symlink' || type === 'link') header.linkname = entry.target;
  if (type === 'character-device' || type === 'block-device') Object.assign(header, { devmajor: entry.devmajor ?? 1, devminor: entry.devminor ?? 3 });
  let settle;
  const written = new Promise((resolve, reject) => (settle = (error) => (error ? reject(error) : resolve())));
  if (type !== 'file') {
    tar.entry(header, settle);
  } else if (entry.content === undefined || typeof entry.content === 'string' || entry.content instanceof Uint8Array) {
    const content = entry.content ?? Buffer.alloc(0);
    tar.entry(header, typeof content === 'string' ? Buffer.from(content) : Buffer.from(content.buffer, content.byteOffset, content.byteLength), settle);
  } else {
    // Streamed content: tar-stream checks that exactly `size` bytes arrive.
    const sink = tar.entry({ ...header, size: entry.size }, settle);
    sink.on('error', settle); // also reported through settle; listening keeps it from being an unhandled 'error'
    for await (const chunk of entry.content) {
      if (!sink.write(chunk)) await Promise.race([new Promise((resolve) => sink.once('drain', resolve)), written]);
    }
    sink.end();
  }
  return written;
}
