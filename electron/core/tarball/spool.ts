// Phase one of a load: the archive's files, in one streaming pass, into the store as blobs of a write session.
//
// Docker's archives put `manifest.json` last (after the layers it names), so nothing can be decided while the
// bytes stream past; docker's own loader extracts everything to a temporary folder first. Berth writes every
// regular file straight into the store instead (hashed as it streams, leased by the session so gc leaves it
// alone), remembers which archive path holds which digest, and decides afterwards: the layers then need no second
// copy, and a file that turns out to be metadata (`manifest.json`, a v1 `json`) is discarded with the session's
// other leftovers. Links are recorded, not followed, and resolved later inside the archive only (archive-path.ts).
//
// For a file that is itself an uncompressed tar (a layer as docker saves it), its entries are counted as they pass
// (issue 5's unpacked size), so loading such a layer costs one read.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { detectCompression, type Compression } from '../../../shared/archive-kind.js';
import { BerthError } from '../../../shared/errors.js';
import { readTarEntries, type EntrySink } from '../archive/tar-entries.js';
import type { TarEntry } from '../archive/tar-scan.js';
import { TarScanner } from '../archive/tar-scan.js';
import { UnpackedSize } from '../archive/unpacked-size.js';
import type { BlobRef } from '../store/types.js';
import { cleanArchivePath, symlinkDestination } from './archive-path.js';

export interface SpooledFile {
  digest: string;
  size: number;
  /** How the file's own bytes are compressed (a layer's, sniffed: media types are not trusted). */
  compression: Compression;
  /** For a file that is an uncompressed tar: what its entries take unpacked; null otherwise. */
  unpackedSize: number | null;
}

export interface SpooledArchive {
  /** Clean archive path → the blob holding that file's bytes. */
  files: ReadonlyMap<string, SpooledFile>;
  /** Clean archive path of a symlink or hard link → the clean path it names. */
  links: ReadonlyMap<string, string>;
  /** Every digest written by the pass (some already in the store before it). */
  written: ReadonlySet<string>;
}

const MAX_LINK_HOPS = 16;

/** The file an archive path names, following links inside the archive; undefined when there is none. */
export function lookUpFile(archive: SpooledArchive, name: string): SpooledFile | undefined {
  let at = cleanArchivePath(name, 'path');
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    const file = archive.files.get(at);
    if (file) return file;
    const next = archive.links.get(at);
    if (next === undefined) return undefined;
    at = next;
  }
  throw new BerthError('INVALID_ARCHIVE', `invalid image archive: ${JSON.stringify(name)} goes through more than ${MAX_LINK_HOPS} links`);
}

function refuseEntry(entry: TarEntry): never {
  const what = entry.type.replace('-', ' ');
  throw new BerthError('INVALID_ARCHIVE', `invalid image archive: entry ${JSON.stringify(entry.name)} is a ${what}; an image archive holds only files, folders and links`);
}

/**
 * Counts a tar's entries as its bytes pass; a file that is no tar (a JSON document) fails at its first block, and
 * then simply has no unpacked size. An empty layer (two zero blocks, as podman and docker write one) counts 0.
 */
class TarSizer {
  private readonly scanner = new TarScanner((entry) => this.size.add(entry));
  private readonly size = new UnpackedSize();
  private failed = false;

  push(bytes: Uint8Array): void {
    if (this.failed) return;
    try {
      this.scanner.push(bytes);
    } catch {
      this.failed = true; // not a tar Berth accepts: the layer check later says so, with the layer named
    }
  }

  result(): number | null {
    if (this.failed) return null;
    try {
      this.scanner.end();
    } catch {
      return null;
    }
    return this.size.bytes;
  }
}

interface SpoolOptions {
  signal?: AbortSignal;
  /** Most entries an archive may hold (default MAX_ENTRIES). */
  maxEntries?: number;
}

/**
 * Far above any image archive (docker save writes a handful of entries per image and layer). Each file entry costs
 * a blob write (~1 ms): unbounded, 10 million empty files (~60 MB of gzip) meant hours of work and gigabytes of
 * names; this caps it at minutes.
 */
export const MAX_ENTRIES = 1_000_000;

/** How the spool stores a file: hashed as it streams, kept from gc until the load ends. */
export type WriteBlob = (stream: AsyncIterable<Uint8Array>) => Promise<BlobRef>;

export async function spoolArchive(writeBlob: WriteBlob, source: AsyncIterable<Uint8Array>, options: SpoolOptions = {}): Promise<SpooledArchive> {
  const files = new Map<string, SpooledFile>();
  const links = new Map<string, string>();
  const written = new Set<string>();
  const seen = new Set<string>();

  const fileSink = (name: string): EntrySink => {
    const pass = new PassThrough({ highWaterMark: 1 << 20 });
    const blob = writeBlob(pass);
    blob.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    const sizer = new TarSizer();
    let head: Buffer | null = null;
    return {
      async write(bytes) {
        head ??= Buffer.from(bytes.subarray(0, 32));
        sizer.push(bytes);
        // The scanner hands out slices of the chunk it was pushed: the copy keeps them valid while the write waits.
        if (!pass.write(Buffer.from(bytes))) {
          const drained = once(pass, 'drain');
          drained.catch(() => undefined); // the blob's own error is the one to report
          await Promise.race([drained, blob]);
        }
      },
      async end() {
        pass.end();
        const { digest, size } = await blob;
        written.add(digest);
        const compression = head ? detectCompression(head) : 'none';
        files.set(name, { digest, size, compression, unpackedSize: compression === 'none' ? sizer.result() : null });
      },
    };
  };

  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  let entries = 0;
  await readTarEntries(source, (entry) => {
    options.signal?.throwIfAborted();
    if (entry.type === 'global-header') return undefined;
    if (++entries > maxEntries) throw new BerthError('INVALID_ARCHIVE', `invalid image archive: it holds more than ${maxEntries} entries`);
    const name = cleanArchivePath(entry.name);
    if (entry.type === 'directory') return undefined;
    if (name === '') refuseEntry(entry);
    if (seen.has(name)) throw new BerthError('INVALID_ARCHIVE', `invalid image archive: ${JSON.stringify(name)} appears twice`);
    seen.add(name);
    switch (entry.type) {
      case 'file':
        return fileSink(name);
      case 'symlink':
        links.set(name, symlinkDestination(name, entry.linkname));
        return undefined;
      case 'link':
        links.set(name, cleanArchivePath(entry.linkname, 'hard link target'));
        return undefined;
      default:
        return refuseEntry(entry);
    }
  });
  return { files, links, written };
}
