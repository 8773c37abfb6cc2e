// Small root-filesystem tarballs for tests, built in memory with tar-stream. Names are written exactly
// as given, so hostile entries (absolute paths, `..`, escaping links, devices) can be made on purpose.
import { pack } from 'tar-stream';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { requirePeer } from './peers.js';

interface Common {
  path: string;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: Date;
}
export type RootfsEntry =
  | (Common & { type?: 'file'; content?: string | Buffer })
  | (Common & { type: 'directory' })
  | (Common & { type: 'symlink' | 'link'; target: string })
  | (Common & { type: 'character-device' | 'block-device'; devmajor?: number; devminor?: number })
  | (Common & { type: 'fifo' });

export type TarCompression = 'none' | 'gzip' | 'xz' | 'zstd';

export interface RootfsTarOptions {
  compression?: TarCompression;
}

/** Fixed so that the same entries always give the same bytes (and the same digest). */
export const ROOTFS_MTIME = new Date('2020-01-01T00:00:00Z');

/** `{ 'etc/hello': 'hi\n' }` is shorthand for regular files. */
export async function makeRootfsTar(
  files: readonly RootfsEntry[] | Record<string, string | Buffer>,
  options: RootfsTarOptions = {},
): Promise<Buffer> {
  const entries: readonly RootfsEntry[] = Array.isArray(files)
    ? files
    : Object.entries(files).map(([name, content]) => ({ path: name, content }));
  const tar = pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of tar) chunks.push(chunk as Buffer);
  })();
  for (const entry of entries) await addEntry(tar, entry);
  tar.finalize();
  await collected;
  return compress(Buffer.concat(chunks), options.compression ?? 'none');
}

export async function writeRootfsTar(
  file: string,
  files: readonly RootfsEntry[] | Record<string, string | Buffer>,
  options: RootfsTarOptions = {},
): Promise<Buffer> {
  const bytes = await makeRootfsTar(files, options);
  await writeFile(file, bytes);
  return bytes;
}

function addEntry(tar: ReturnType<typeof pack>, entry: RootfsEntry): Promise<void> {
  const base = { name: entry.path, uid: entry.uid ?? 0, gid: entry.gid ?? 0, mtime: entry.mtime ?? ROOTFS_MTIME };
  return new Promise((resolve, reject) => {
    const done = (error?: Error | null) => (error ? reject(error) : resolve());
    switch (entry.type) {
      case undefined:
      case 'file': {
        const content = typeof entry.content === 'string' ? Buffer.from(entry.content) : (entry.content ?? Buffer.alloc(0));
        tar.entry({ ...base, type: 'file', mode: entry.mode ?? 0o644, size: content.length }, content, done);
        return;
      }
      case 'directory':
        tar.entry({ ...base, type: 'directory', mode: entry.mode ?? 0o755 }, done);
        return;
      case 'symlink':
      case 'link':
        tar.entry({ ...base, type: entry.type, mode: entry.mode ?? 0o777, linkname: entry.target }, done);
        return;
      case 'character-device':
      case 'block-device':
        tar.entry({ ...base, type: entry.type, mode: entry.mode ?? 0o666, devmajor: entry.devmajor ?? 1, devminor: entry.devminor ?? 3 }, done);
        return;
      case 'fifo':
        tar.entry({ ...base, type: 'fifo', mode: entry.mode ?? 0o644 }, done);
        return;
    }
  });
}

/** Compresses the whole tarball the way a user's tool would (gzip from zlib, xz and zstd from their CLIs). */
export function compress(bytes: Buffer, compression: TarCompression): Buffer {
  switch (compression) {
    case 'none':
      return bytes;
    case 'gzip':
      return gzipSync(bytes);
    case 'xz':
    case 'zstd': {
      const command = compression === 'xz' ? requirePeer('xz') : requirePeer('zstd');
      const result = spawnSync(command, ['-c', '-q'], { input: bytes, maxBuffer: 1 << 30 });
      if (result.status !== 0) throw new Error(`${compression} failed: ${result.stderr.toString()}`);
      return result.stdout;
    }
  }
}
