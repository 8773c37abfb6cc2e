// A push-driven tar reader that sees every block and hands on the entries exactly as Go's archive/tar returns them
// from Reader.Next (docker, containerd and umoci unpack layers with it). Mirrors, in Go's src/archive/tar/reader.go:
// - Reader.next: 'x' records apply to the next entry; 'L'/'K' (GNU long name/link) set its name/linkname and win
//   over pax path/linkpath (mergePAX runs first); an empty long name keeps the header's name; a 'g' (global pax header)
//   drops whatever meta headers came before it and is returned to the caller as an entry of its own, its records
//   applied to no later entry; TypeRegA ('\0') becomes a directory when the name ends in '/', else a regular file.
// - handleRegularFile: header-only types ('1'-'6') have no data whatever their size says (Go reads the next header
//   there), readSpecialFile: a pax or long-name body is at most 1 MiB.
// - readHeader: two zero blocks end the archive (later bytes are not read); a zero block followed by anything else
//   is an error. Block parsing: tar-header.ts; pax records: tar-pax.ts.
//
// Refused where Go's reading is surprising or other readers differ: two meta headers of one kind for one entry (Go
// keeps the last), a GNU long name and a pax path that disagree (Go takes the long name, GNU tar the pax path), an
// empty GNU long name or link (Go keeps the header's, GNU tar uses the empty one; empty pax values: tar-pax.ts),
// meta headers before a 'g' (Go drops them), a meta header with no entry after it, a header-only entry claiming
// data, an old-GNU sparse entry ('S'), and a stream that ends inside a header, a meta body or an entry's data
// (Go also accepts one that ends inside the padding after the last entry's data).
//
// Why not tar-stream's extract: it folds meta headers into the next entry without saying so, skips zero blocks
// instead of stopping at the end-of-archive marker, and skips data for header-only types whose header claims a size.
import { BLOCK, invalid, readHeaderBlock, cString, TarArchiveError, type TarHeaderBlock } from './tar-header.js';
import { parsePax, type PaxRecords } from './tar-pax.js';

export type TarEntryType = 'file' | 'link' | 'symlink' | 'character-device' | 'block-device' | 'directory' | 'fifo' | 'global-header' | 'other';

export interface TarEntry {
  /** The name consumers use: GNU long name / pax `path` / ustar prefix + name, as written (not cleaned). */
  name: string;
  linkname: string;
  type: TarEntryType;
  /** The typeflag character as Go returns it ('\0' already turned into '0' or '5'). */
  typeflag: string;
  /** Bytes of data that follow the header. */
  size: number;
  /** Offset of the entry's own header block in the stream. */
  offset: number;
  /** From the header, with pax `uid`, `gid` and `mtime` applied (as Go's mergePAX does). */
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  devmajor: number;
  devminor: number;
}

export interface TarScanOptions {
  /** Largest pax or GNU long-name body accepted (Go's archive/tar allows 1 MiB). */
  maxMetaHeaderBytes?: number;
  /**
   * The current entry's data, in order, without padding: slices of the pushed chunks (copy them to keep them
   * past the push). Left out, data is skipped unseen.
   */
  onData?: (bytes: Uint8Array) => void;
  /** After an entry's last data byte (at once for an entry without data). */
  onEntryEnd?: () => void;
}

const DEFAULT_MAX_META = 1 << 20;
const HEADER_ONLY: ReadonlySet<string> = new Set(['1', '2', '3', '4', '5', '6']);
const META_LABEL: Readonly<Record<string, string>> = { x: 'pax header', g: 'global pax header', L: 'GNU long-name header', K: 'GNU long-link header' };

interface MetaBody {
  header: TarHeaderBlock;
  offset: number;
  size: number;
  chunks: Buffer[];
  got: number;
}

/** Feed it the archive's bytes in order; it throws BerthError('INVALID_ARCHIVE') at the first block it refuses. */
export class TarScanner {
  private readonly maxMeta: number;
  private readonly partial = Buffer.alloc(BLOCK);
  private partialLength = 0;
  private offset = 0;
  /** Data bytes (including padding) still to skip. */
  private skip = 0;
  /** Of `skip`, the entry's own data bytes (the rest is padding). */
  private dataLeft = 0;
  private readonly onData: ((bytes: Uint8Array) => void) | undefined;
  private readonly onEntryEnd: (() => void) | undefined;
  private meta: MetaBody | null = null;
  private pax: PaxRecords | null = null;
  private longName: string | null = null;
  private longLink: string | null = null;
  private zeroBlocks = 0;
  private done = false;
  private entryCount = 0;

  constructor(
    private readonly onEntry: (entry: TarEntry) => void,
    options: TarScanOptions = {},
  ) {
    this.maxMeta = options.maxMetaHeaderBytes ?? DEFAULT_MAX_META;
    this.onData = options.onData;
    this.onEntryEnd = options.onEntryEnd;
  }

  /** True once the end-of-archive marker (two zero blocks) was read: later bytes are not tar. */
  get ended(): boolean {
    return this.done;
  }

  /** Entries handed on, global pax headers not counted. */
  get entries(): number {
    return this.entryCount;
  }

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length && !this.done) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at);
        if (this.dataLeft > 0) {
          const data = Math.min(n, this.dataLeft);
          this.dataLeft -= data;
          this.onData?.(chunk.subarray(at, at + data));
          if (this.dataLeft === 0) this.onEntryEnd?.();
        }
        this.skip -= n;
        this.offset += n;
        at += n;
        continue;
      }
      if (this.meta && this.meta.got < this.meta.size) {
        const n = Math.min(this.meta.size - this.meta.got, chunk.length - at);
        this.meta.chunks.push(Buffer.from(chunk.subarray(at, at + n)));
        this.meta.got += n;
        this.offset += n;
        at += n;
        if (this.meta.got === this.meta.size) this.finishMeta();
        continue;
      }
      const n = Math.min(BLOCK - this.partialLength, chunk.length - at);
      Buffer.from(chunk.buffer, chunk.byteOffset + at, n).copy(this.partial, this.partialLength);
      this.partialLength += n;
      at += n;
      if (this.partialLength === BLOCK) {
        this.partialLength = 0;
        const blockOffset = this.offset;
        this.offset += BLOCK;
        this.block(this.partial, blockOffset);
      }
    }
  }

  /** Call at the end of input: a stream that stops inside a header, a meta header or an entry's data is truncated. */
  end(): void {
    if (this.done) return;
    // Less than one block: a tar archive cut short if what there is carries the ustar magic, else no tar at all.
    if (this.offset === 0 && this.partialLength > 0 && this.partial.toString('latin1', 257, 262) !== 'ustar') {
      throw invalid(`${this.partialLength} bytes are too few for a tar archive`, 'not-tar');
    }
    if (this.partialLength > 0 || this.skip > 0 || this.meta !== null) throw invalid(`the tar stream is truncated at byte ${this.offset + this.partialLength}`, 'truncated');
    if (this.pending()) throw invalid(`a pax or GNU long-name header at the end of the archive describes no entry`);
  }

  private pending(): boolean {
    return this.pax !== null || this.longName !== null || this.longLink !== null;
  }

  private block(block: Buffer, offset: number): void {
    if (isZero(block)) {
      if (this.pending()) throw invalid(`a pax or GNU long-name header at the end of the archive describes no entry (byte ${offset})`);
      this.zeroBlocks++;
      if (this.zeroBlocks === 2) this.done = true;
      return;
    }
    if (this.zeroBlocks > 0) throw invalid(`a tar header follows a single zero block at byte ${offset}`);
    const header = offset === 0 ? firstHeader(block) : readHeaderBlock(block, offset);
    const label = META_LABEL[header.typeflag];
    if (label === undefined) return this.entry(header, offset);

    if (header.typeflag === 'x' && this.pax) throw invalid(`two pax headers in a row at byte ${offset}`);
    if (header.typeflag === 'L' && this.longName !== null) throw invalid(`two GNU long-name headers in a row at byte ${offset}`);
    if (header.typeflag === 'K' && this.longLink !== null) throw invalid(`two GNU long-link headers in a row at byte ${offset}`);
    if (header.typeflag === 'g' && this.pending()) throw invalid(`a global pax header at byte ${offset} follows a pax or GNU long-name header (Go drops that header)`);
    if (header.size > this.maxMeta) throw invalid(`a ${label} at byte ${offset} is ${header.size} bytes, more than the ${this.maxMeta} allowed`);
    this.meta = { header, offset, size: header.size, chunks: [], got: 0 };
    if (header.size === 0) this.finishMeta();
  }

  private finishMeta(): void {
    const meta = this.meta;
    if (!meta) return;
    const data = Buffer.concat(meta.chunks);
    this.meta = null;
    this.skip = padding(meta.size);
    switch (meta.header.typeflag) {
      case 'x':
        this.pax = parsePax(data, 'pax header');
        break;
      case 'g':
        return this.globalHeader(meta, parsePax(data, 'global pax header'));
      case 'L':
        this.longName = cString(data, 0, data.length);
        break;
      case 'K':
        this.longLink = cString(data, 0, data.length);
        break;
    }
  }

  /** Go returns a 'g' as an entry named by its own header (docker acts on that name); its records reach no entry. */
  private globalHeader(meta: MetaBody, records: PaxRecords): void {
    for (const key of ['path', 'linkpath', 'size']) {
      if (records.has(key)) throw invalid(`a global pax header sets ${JSON.stringify(key)}, which tar readers disagree about`);
    }
    const { mode, uid, gid, mtime } = meta.header;
    this.onEntry({ name: meta.header.name, linkname: '', type: 'global-header', typeflag: 'g', size: 0, offset: meta.offset, mode, uid, gid, mtime, devmajor: 0, devminor: 0 });
  }

  private entry(header: TarHeaderBlock, offset: number): void {
    let { name, linkname, size } = header;
    const paxPath = this.pax?.get('path');
    const paxLink = this.pax?.get('linkpath');
    const paxSize = this.pax?.get('size');
    if (paxPath !== undefined) name = paxPath;
    if (paxLink !== undefined) linkname = paxLink;
    if (paxSize !== undefined) size = Number(paxSize);
    const owner = (key: 'uid' | 'gid', fallback: number) => {
      const value = this.pax?.get(key);
      return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : fallback;
    };
    const uid = owner('uid', header.uid);
    const gid = owner('gid', header.gid);
    const paxTime = this.pax?.get('mtime');
    const mtime = paxTime !== undefined && Number.isFinite(Number(paxTime)) ? Number(paxTime) : header.mtime;
    if (this.longName === '' || this.longLink === '') {
      throw invalid(`entry ${JSON.stringify(name)}: an empty GNU long ${this.longName === '' ? 'name' : 'link'} (Go keeps the header's, GNU tar uses the empty one)`);
    }
    if (this.longName !== null) {
      if (paxPath !== undefined && paxPath !== this.longName) throw conflict(this.longName, 'name', 'path', paxPath);
      name = this.longName;
    }
    if (this.longLink !== null) {
      if (paxLink !== undefined && paxLink !== this.longLink) throw conflict(name, 'link', 'linkpath', paxLink);
      linkname = this.longLink;
    }
    this.pax = null;
    this.longName = null;
    this.longLink = null;

    const label = JSON.stringify(name);
    let typeflag = header.typeflag;
    if (typeflag === '\u0000') typeflag = name.endsWith('/') ? '5' : '0';
    const type = entryType(typeflag);
    if (typeflag === 'S') throw invalid(`entry ${label}: old GNU sparse files (type 'S') are not supported (docker cannot unpack them)`);
    if (HEADER_ONLY.has(typeflag) && size !== 0) {
      // Go ignores the size of header-only entries and reads a header where other readers skip data: refuse the ambiguity.
      throw invalid(`entry ${label}: a ${type} entry must not carry data (size ${size})`);
    }
    this.entryCount++;
    this.onEntry({ name, linkname, type, typeflag, size, offset, mode: header.mode, uid, gid, mtime, devmajor: header.devmajor, devminor: header.devminor });
    this.skip = size + padding(size);
    this.dataLeft = size;
    if (size === 0) this.onEntryEnd?.();
  }
}

function conflict(name: string, gnuWhat: string, paxKey: string, paxValue: string) {
  return invalid(`entry ${JSON.stringify(name)}: its GNU long ${gnuWhat} and its pax ${paxKey} ${JSON.stringify(paxValue)} disagree (Go uses the GNU long ${gnuWhat}, GNU tar the pax ${paxKey})`);
}

function entryType(typeflag: string): TarEntryType {
  switch (typeflag) {
    case '0':
      return 'file';
    case '1':
      return 'link';
    case '2':
      return 'symlink';
    case '3':
      return 'character-device';
    case '4':
      return 'block-device';
    case '5':
      return 'directory';
    case '6':
      return 'fifo';
    default:
      return 'other';
  }
}

function padding(size: number): number {
  const rest = size % BLOCK;
  return rest === 0 ? 0 : BLOCK - rest;
}

function isZero(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

/** The first block decides whether the input is a tar archive at all: refused there, it is not one. */
function firstHeader(block: Buffer): TarHeaderBlock {
  try {
    return readHeaderBlock(block, 0);
  } catch (err) {
    if (err instanceof TarArchiveError) throw invalid(err.detail, 'not-tar');
    throw err;
  }
}
