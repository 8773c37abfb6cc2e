// Which kind of tarball a dropped file is, from its first entries, before anything is uploaded or written: an image
// archive (`docker save`, podman, skopeo, OCI) to load, or a root filesystem to import. Plain or gzip (through the
// browser's DecompressionStream); other compressions cannot be opened here and are left to the import dialog,
// which reads anything `docker import` does.
import { detectCompression, tarChecksum, TAR_BLOCK } from '../../../../shared/archive-kind';

export type TarballKind =
  /** manifest.json, index.json, oci-layout, blobs/, <id>/layer.tar, repositories. */
  | { kind: 'image-archive' }
  /** An OS tree (bin/, etc/, usr/…), or any other tar: what `docker import` takes. */
  | { kind: 'rootfs' }
  /** Not a tar archive at all. */
  | { kind: 'not-tar' }
  /** Compressed in a way the page cannot read (bzip2, xz, zstd): only the core can tell. */
  | { kind: 'unknown'; compression: string };

/** How far the page reads before it gives up on finding a telling entry. */
const MAX_ENTRIES = 32;
const MAX_BYTES = 64 * 1024 * 1024;

const IMAGE_TOP = new Set(['manifest.json', 'index.json', 'oci-layout', 'repositories', 'blobs']);
const HEX_ID = /^[0-9a-f]{64}(\.json|\.tar)?$/;

/** What one entry's path says: 'image', 'rootfs', or nothing yet (a bare `./`). */
export function entryVerdict(rawPath: string): 'image' | 'rootfs' | null {
  const path = rawPath.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  const top = path.split('/')[0] ?? '';
  if (top === '' || top === '.') return null;
  if (IMAGE_TOP.has(top) || HEX_ID.test(top)) return 'image';
  return 'rootfs';
}

/** Reads exactly-sized pieces from a stream of chunks. */
class ChunkReader {
  private buffered: Uint8Array[] = [];
  private length = 0;
  consumed = 0;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** `n` bytes, or fewer when the stream ends first. */
  async read(n: number): Promise<Uint8Array> {
    while (this.length < n) {
      const { done, value } = await this.reader.read();
      if (done) break;
      this.buffered.push(value);
      this.length += value.length;
    }
    const out = new Uint8Array(Math.min(n, this.length));
    let at = 0;
    while (at < out.length) {
      const head = this.buffered[0]!;
      const take = Math.min(head.length, out.length - at);
      out.set(head.subarray(0, take), at);
      at += take;
      if (take === head.length) this.buffered.shift();
      else this.buffered[0] = head.subarray(take);
    }
    this.length -= out.length;
    this.consumed += out.length;
    return out;
  }

  async skip(n: number): Promise<boolean> {
    let left = n;
    while (left > 0) {
      const piece = await this.read(Math.min(left, 1024 * 1024));
      if (piece.length === 0) return false;
      left -= piece.length;
    }
    return true;
  }
}

function text(bytes: Uint8Array, from: number, to: number): string {
  let end = from;
  while (end < to && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(from, end));
}

/** The size field: octal text, or base-256 when the high bit of its first byte is set (GNU). */
function entrySize(header: Uint8Array): number {
  if ((header[124]! & 0x80) !== 0) {
    let size = 0;
    for (let i = 125; i < 136; i++) size = size * 256 + header[i]!;
    return size;
  }
  return parseInt(text(header, 124, 136).trim() || '0', 8) || 0;
}

/** The path a pax record set gives, if any ("NN path=VALUE\n" records). */
function paxPath(data: Uint8Array): string | null {
  const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(data));
  return match ? match[1]! : null;
}

async function classifyTar(stream: ReadableStream<Uint8Array>): Promise<TarballKind> {
  const reader = stream.getReader();
  try {
    const input = new ChunkReader(reader);
    let override: string | null = null;
    for (let entries = 0; entries < MAX_ENTRIES && input.consumed < MAX_BYTES; entries++) {
      const header = await input.read(TAR_BLOCK);
      if (header.length < TAR_BLOCK) return entries === 0 ? { kind: 'not-tar' } : { kind: 'rootfs' };
      // An empty archive imports as an empty layer, as docker allows.
      if (header.every((byte) => byte === 0)) return { kind: 'rootfs' };
      if (tarChecksum(header) !== 'ok') return { kind: 'not-tar' };
      const type = String.fromCharCode(header[156]!);
      const size = entrySize(header);
      const padded = Math.ceil(size / TAR_BLOCK) * TAR_BLOCK;
      // Long names come in an entry of their own (GNU 'L', pax 'x') before the entry they name.
      if (type === 'L' || type === 'x') {
        const data = await input.read(Math.min(padded, 1024 * 1024));
        override = type === 'L' ? text(data, 0, Math.min(size, data.length)) : paxPath(data.subarray(0, size));
        if (padded > data.length && !(await input.skip(padded - data.length))) return { kind: 'rootfs' };
        continue;
      }
      if (type === 'g') {
        if (!(await input.skip(padded))) return { kind: 'rootfs' };
        continue;
      }
      const ustar = text(header, 257, 263) === 'ustar';
      const prefix = ustar ? text(header, 345, 500) : '';
      const name = override ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
      override = null;
      const verdict = entryVerdict(name);
      if (verdict === 'image') return { kind: 'image-archive' };
      if (verdict === 'rootfs') return { kind: 'rootfs' };
      if (!(await input.skip(padded))) return { kind: 'rootfs' };
    }
    return { kind: 'rootfs' };
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

/** The kind of `file`, read from its first entries (decompressing gzip on the way). */
export async function sniffTarball(file: Blob): Promise<TarballKind> {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const compression = detectCompression(head);
  if (compression === 'none') return classifyTar(file.stream());
  if (compression === 'gzip' && typeof DecompressionStream !== 'undefined') {
    try {
      return await classifyTar(file.stream().pipeThrough(new DecompressionStream('gzip')) as ReadableStream<Uint8Array>);
    } catch {
      return { kind: 'not-tar' }; // corrupt gzip: the core would refuse it the same way
    }
  }
  return { kind: 'unknown', compression };
}
