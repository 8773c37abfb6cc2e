// A push-driven tar header reader that sees every block, framed the way Go's archive/tar (docker, containerd) frames it.
//
// Why not tar-stream's extract here: it folds pax/GNU meta headers into the next entry without saying so (a duplicate
// header silently wins), skips zero blocks instead of stopping at the end-of-archive marker (Go stops there, and the
// bytes after it are still part of docker's diff_id), and skips data for header-only types whose header claims a size
// (Go reads the next header there). A validator must see what the consumers will see, so it reads the blocks itself.
import { BerthError } from '../../../shared/errors.js';

export type TarEntryType = 'file' | 'link' | 'symlink' | 'character-device' | 'block-device' | 'directory' | 'fifo' | 'other';

export interface TarEntry {
  /** The name consumers use: pax `path` / GNU long name / ustar prefix + name, as written (not cleaned). */
  name: string;
  linkname: string;
  type: TarEntryType;
  /** The raw typeflag character. */
  typeflag: string;
  /** Bytes of data that follow the header. */
  size: number;
  /** Offset of the entry's own header block in the stream. */
  offset: number;
}

export interface TarScanOptions {
  /** Largest pax or GNU long-name header accepted (Go's archive/tar allows 1 MiB). */
  maxMetaHeaderBytes?: number;
}

const BLOCK = 512;
const DEFAULT_MAX_META = 1 << 20;
const HEADER_ONLY: ReadonlySet<string> = new Set(['1', '2', '3', '4', '5', '6']);

type Meta = { kind: 'pax' | 'pax-global' | 'gnu-long-name' | 'gnu-long-link'; label: string };

/** Feed it the archive's bytes in order; it throws BerthError('INVALID_ARCHIVE') at the first malformed block. */
export class TarScanner {
  private readonly maxMeta: number;
  private partial = Buffer.alloc(BLOCK);
  private partialLength = 0;
  private offset = 0;
  /** Data bytes (including padding) still to skip. */
  private skip = 0;
  private meta: { info: Meta; size: number; chunks: Buffer[]; got: number; padding: number } | null = null;
  private pax: Map<string, string> | null = null;
  private longName: string | null = null;
  private longLink: string | null = null;
  private sparseExtensions = false;
  private zeroBlocks = 0;
  private done = false;
  private entryCount = 0;

  constructor(
    private readonly onEntry: (entry: TarEntry) => void,
    options: TarScanOptions = {},
  ) {
    this.maxMeta = options.maxMetaHeaderBytes ?? DEFAULT_MAX_META;
  }

  /** True once the end-of-archive marker (two zero blocks) was read: later bytes are not tar. */
  get ended(): boolean {
    return this.done;
  }

  get entries(): number {
    return this.entryCount;
  }

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length && !this.done) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at);
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
    const inside = this.partialLength > 0 || this.skip > 0 || this.meta !== null || this.sparseExtensions;
    const pending = this.pax !== null || this.longName !== null || this.longLink !== null;
    if (inside || pending) throw invalid(`the tar stream is truncated at byte ${this.offset + this.partialLength}`);
  }

  private block(block: Buffer, offset: number): void {
    if (this.sparseExtensions) {
      // Old GNU sparse extension blocks: byte 504 says whether another one follows.
      this.sparseExtensions = block[504] !== 0;
      return;
    }
    if (isZero(block)) {
      if (this.pax !== null || this.longName !== null || this.longLink !== null) {
        throw invalid(`a pax or GNU long-name header at the end of the archive describes no entry (byte ${offset})`);
      }
      this.zeroBlocks++;
      if (this.zeroBlocks === 2) this.done = true;
      return;
    }
    if (this.zeroBlocks > 0) throw invalid(`a tar header follows a single zero block at byte ${offset}`);
    this.header(block, offset);
  }

  private header(block: Buffer, offset: number): void {
    verifyChecksum(block, offset);
    const typeflag = String.fromCharCode(block[156] ?? 0);
    const magic = block.toString('latin1', 257, 265);
    const ustar = magic === 'ustar\u000000';
    const gnu = magic === 'ustar  \u0000';
    let size = parseNumber(block.subarray(124, 136), 'size', offset);

    const metaKind = metaKindOf(typeflag);
    if (metaKind) {
      if (size > this.maxMeta) throw invalid(`a ${metaKind.label} at byte ${offset} is ${size} bytes, more than the ${this.maxMeta} allowed`);
      if (metaKind.kind === 'pax' && this.pax) throw invalid(`two pax headers in a row at byte ${offset}`);
      if (metaKind.kind === 'gnu-long-name' && this.longName !== null) throw invalid(`two GNU long-name headers in a row at byte ${offset}`);
      if (metaKind.kind === 'gnu-long-link' && this.longLink !== null) throw invalid(`two GNU long-link headers in a row at byte ${offset}`);
      this.meta = { info: metaKind, size, chunks: [], got: 0, padding: padding(size) };
      if (size === 0) this.finishMeta();
      return;
    }

    let name = cString(block, 0, 100);
    if ((ustar || (!gnu && magic.startsWith('ustar'))) && block[345] !== 0) {
      const prefix = cString(block, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    let linkname = cString(block, 157, 100);
    if (this.longName !== null) name = this.longName;
    if (this.longLink !== null) linkname = this.longLink;
    if (this.pax) {
      const paxPath = this.pax.get('GNU.sparse.name') ?? this.pax.get('path');
      if (paxPath !== undefined) name = paxPath;
      const paxLink = this.pax.get('linkpath');
      if (paxLink !== undefined) linkname = paxLink;
      const paxSize = this.pax.get('size');
      if (paxSize !== undefined) {
        if (!/^\d{1,16}$/.test(paxSize)) throw invalid(`entry ${JSON.stringify(name)}: invalid pax size ${JSON.stringify(paxSize)}`);
        size = Number(paxSize);
      }
    }
    this.pax = null;
    this.longName = null;
    this.longLink = null;

    const type = entryType(typeflag, name);
    if (HEADER_ONLY.has(typeflag) && size !== 0) {
      // Go ignores the size of header-only entries and reads a header where other readers skip data: refuse the ambiguity.
      throw invalid(`entry ${JSON.stringify(name)}: a ${type} entry must not carry data (size ${size})`);
    }
    if (typeflag === 'S' && gnu) this.sparseExtensions = block[482] !== 0;
    this.entryCount++;
    this.onEntry({ name, linkname, type, typeflag, size, offset });
    this.skip = size + padding(size);
  }

  private finishMeta(): void {
    const meta = this.meta;
    if (!meta) return;
    const data = Buffer.concat(meta.chunks);
    this.meta = null;
    this.skip = meta.padding;
    switch (meta.info.kind) {
      case 'pax':
        this.pax = parsePax(data);
        break;
      case 'pax-global': {
        // Go hands global headers to the caller and applies none of their records; tar-stream applies them all.
        const records = parsePax(data);
        for (const key of ['path', 'linkpath', 'size', 'GNU.sparse.name']) {
          if (records.has(key)) throw invalid(`a global pax header sets ${JSON.stringify(key)}, which tar readers disagree about`);
        }
        break;
      }
      case 'gnu-long-name':
        this.longName = cString(data, 0, data.length);
        break;
      case 'gnu-long-link':
        this.longLink = cString(data, 0, data.length);
        break;
    }
  }
}

function invalid(message: string): BerthError {
  return new BerthError('INVALID_ARCHIVE', `invalid tar archive: ${message}`);
}

function metaKindOf(typeflag: string): Meta | null {
  switch (typeflag) {
    case 'x':
      return { kind: 'pax', label: 'pax header' };
    case 'g':
      return { kind: 'pax-global', label: 'global pax header' };
    case 'L':
      return { kind: 'gnu-long-name', label: 'GNU long-name header' };
    case 'K':
      return { kind: 'gnu-long-link', label: 'GNU long-link header' };
    default:
      return null;
  }
}

function entryType(typeflag: string, name: string): TarEntryType {
  switch (typeflag) {
    case '0':
    case '7':
    case 'S':
      return 'file';
    case '\u0000':
      return name.endsWith('/') ? 'directory' : 'file';
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

function cString(buffer: Buffer, start: number, length: number): string {
  const end = buffer.indexOf(0, start);
  const stop = end === -1 || end > start + length ? start + length : end;
  return buffer.toString('utf8', start, stop);
}

/** Numeric fields are padded with spaces and NULs on either side. */
function trimField(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === ' ' || text[start] === '\u0000')) start++;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\u0000')) end--;
  return text.slice(start, end);
}

/** Octal (NUL/space padded) or, when the high bit is set, base-256 as GNU tar writes large values. */
function parseNumber(field: Buffer, what: string, offset: number): number {
  const first = field[0] ?? 0;
  if (first & 0x80) {
    if (first & 0x40) throw invalid(`negative ${what} in the header at byte ${offset}`);
    let value = first & 0x3f;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    if (!Number.isSafeInteger(value)) throw invalid(`${what} too large in the header at byte ${offset}`);
    return value;
  }
  const text = trimField(field.toString('latin1'));
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw invalid(`the header at byte ${offset} is not a tar header (bad ${what} field)`);
  return parseInt(text, 8);
}

function verifyChecksum(block: Buffer, offset: number): void {
  const text = trimField(block.toString('latin1', 148, 156));
  if (!/^[0-7]{1,8}$/.test(text)) throw invalid(`the data at byte ${offset} is not a tar header`);
  const expected = parseInt(text, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  if (expected !== unsigned && expected !== signed) throw invalid(`header checksum mismatch at byte ${offset} (not a tar archive, or corrupt)`);
}

/** pax records: "<length> <key>=<value>\n", length counting the whole record (POSIX.1-2001). */
function parsePax(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space === -1) throw invalid('malformed pax record');
    const lengthText = data.toString('latin1', at, space);
    if (!/^[1-9]\d{0,7}$/.test(lengthText)) throw invalid('malformed pax record length');
    const length = Number(lengthText);
    const end = at + length;
    if (end > data.length || data[end - 1] !== 0x0a) throw invalid('malformed pax record');
    const record = data.toString('utf8', space + 1, end - 1);
    const eq = record.indexOf('=');
    if (eq <= 0) throw invalid('malformed pax record (no key)');
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    if (records.has(key)) throw invalid(`duplicate pax record ${JSON.stringify(key)}`);
    if ((key === 'path' || key === 'linkpath') && value.includes('\u0000')) throw invalid(`pax ${key} contains a NUL byte`);
    records.set(key, value);
    at = end;
  }
  return records;
}
