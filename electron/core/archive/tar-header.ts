// One 512-byte tar header block, read the way Go's archive/tar reads it (docker, containerd and umoci all unpack
// layers with it), so that the name Berth checks is the name they extract. Mirrors, in Go's src/archive/tar:
// - block.getFormat (format.go): the checksum (signed or unsigned sum, block.computeChecksum) decides whether this
//   is a header at all; then magic "ustar\0" (any version) is USTAR/PAX, or STAR when the block ends in "tar\0";
//   magic "ustar " with version " \0" is GNU; anything else is V7.
// - Reader.readHeader (reader.go): name and linkname up to the first NUL (parser.parseString); the prefix field is
//   joined as prefix + "/" + name for USTAR/PAX (155 bytes) and STAR (131 bytes), never for V7 or GNU.
// - parser.parseNumeric / parseOctal (strconv.go): base-256 when the top bit of the first byte is set, otherwise
//   octal with spaces and NULs trimmed from both ends. A field Go cannot parse fails the whole archive (ErrHeader).
//
// Where Go and GNU tar read the same block differently, Berth refuses the block rather than pick one:
// - a STAR prefix with no NUL in its 131 bytes (GNU tar keeps reading into the atime field);
// - a GNU header whose atime/ctime field is not a number: Go then falls back to reading the prefix field as a
//   name prefix (its workaround for files written by Go before 1.8), GNU tar never does.
// Numbers are parsed more strictly than Go (no NUL inside an octal field, nothing negative, at most 2^53-1): every
// block Berth accepts, Go reads to the same values.
import { tarChecksum } from '../../../shared/archive-kind.js';
import { BerthError } from '../../../shared/errors.js';

export const BLOCK = 512;

export type TarFormat = 'v7' | 'ustar' | 'star' | 'gnu';

export interface TarHeaderBlock {
  typeflag: string;
  /** Name as Go builds it from the block alone (prefix joined), before pax or GNU long-name overrides. */
  name: string;
  linkname: string;
  size: number;
  format: TarFormat;
  /** Permission and mode bits as written (07777 and more), owner ids and modification time (seconds). */
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  /** Device numbers of a character or block device (0 elsewhere and in v7 headers). */
  devmajor: number;
  devminor: number;
}

/**
 * What is wrong with an archive, as a user would put it: it is no tar archive at all (a text file, an image, a
 * compressed file holding something else), it stops too soon (an interrupted download or copy), or it is a tar
 * archive Berth refuses (the message says why, in tar's terms). operations/import-errors.ts words it for the user.
 */
export type TarProblem = 'not-tar' | 'truncated' | 'invalid';

export class TarArchiveError extends BerthError {
  constructor(
    readonly problem: TarProblem,
    /** In tar's terms, for the technical detail. */
    readonly detail: string,
  ) {
    super('INVALID_ARCHIVE', `invalid tar archive: ${detail}`);
  }
}

export function invalid(message: string, problem: TarProblem = 'invalid'): TarArchiveError {
  return new TarArchiveError(problem, message);
}

/** Throws INVALID_ARCHIVE for a block Go would refuse (ErrHeader) or read differently from GNU tar. */
export function readHeaderBlock(block: Buffer, offset: number): TarHeaderBlock {
  verifyChecksum(block, offset);
  const format = formatOf(block);
  const field = (what: string, start: number, length: number) => parseNumeric(block.subarray(start, start + length), what, offset, what.endsWith('time'));
  const typeflag = String.fromCharCode(block[156] ?? 0);
  let name = cString(block, 0, 100);
  const linkname = cString(block, 157, 100);
  const size = field('size', 124, 12);
  const mode = field('mode', 100, 8);
  const uid = field('uid', 108, 8);
  const gid = field('gid', 116, 8);
  const mtime = field('mtime', 136, 12);
  let devmajor = 0;
  let devminor = 0;
  if (format !== 'v7') {
    devmajor = field('devmajor', 329, 8);
    devminor = field('devminor', 337, 8);
  }
  let prefix = '';
  if (format === 'ustar') prefix = cString(block, 345, 155);
  if (format === 'star') {
    if (block[345] !== 0 && block.subarray(345, 476).indexOf(0) === -1) {
      throw invalid(`the header at byte ${offset} has a star prefix without a terminating NUL (Go and GNU tar read different names)`);
    }
    prefix = cString(block, 345, 131);
    field('atime', 476, 12);
    field('ctime', 488, 12);
  }
  if (format === 'gnu') {
    for (const [what, start] of [['atime', 345], ['ctime', 357]] as const) {
      if (block[start] !== 0 && !numericParses(block.subarray(start, start + 12))) {
        throw invalid(`the GNU header at byte ${offset} has an unreadable ${what} field (Go would read it as a name prefix, GNU tar would not)`);
      }
    }
  }
  if (prefix !== '') name = `${prefix}/${name}`;
  return { typeflag, name, linkname, size, format, mode, uid, gid, mtime, devmajor, devminor };
}

function formatOf(block: Buffer): TarFormat {
  const magic = block.toString('latin1', 257, 263);
  if (magic === 'ustar\u0000') return block.toString('latin1', 508, 512) === 'tar\u0000' ? 'star' : 'ustar';
  if (magic === 'ustar ' && block.toString('latin1', 263, 265) === ' \u0000') return 'gnu';
  return 'v7';
}

/** Go's parser.parseString: the bytes up to the first NUL (all of them when there is none). */
export function cString(buffer: Buffer, start: number, length: number): string {
  const end = buffer.indexOf(0, start);
  const stop = end === -1 || end > start + length ? start + length : end;
  return buffer.toString('utf8', start, stop);
}

/** Go's parser.parseNumeric, refusing what it refuses and, more strictly, negatives (but in times) and values above 2^53-1. */
export function parseNumeric(field: Buffer, what: string, offset: number, signed = false): number {
  const value = numericValue(field, signed);
  if (value === 'negative') throw invalid(`negative ${what} in the header at byte ${offset}`);
  if (value === 'too-large') throw invalid(`${what} too large in the header at byte ${offset}`);
  if (value === 'malformed') throw invalid(`the header at byte ${offset} is not a tar header (bad ${what} field)`);
  return value;
}

function numericParses(field: Buffer): boolean {
  return typeof numericValue(field, true) === 'number';
}

function numericValue(field: Buffer, signed: boolean): number | 'negative' | 'too-large' | 'malformed' {
  const first = field[0] ?? 0;
  if (first & 0x80) {
    // Two's complement, big-endian, after the marker bit (GNU tar writes negative times this way).
    const negative = (first & 0x40) !== 0;
    if (negative && !signed) return 'negative';
    const invert = negative ? 0xff : 0;
    let value = (first ^ invert) & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + ((field[i] ?? 0) ^ invert);
    if (!Number.isSafeInteger(value)) return 'too-large';
    return negative ? -value - 1 : value;
  }
  const text = trimField(field.toString('latin1'));
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return 'malformed';
  const value = parseInt(text, 8);
  return Number.isSafeInteger(value) ? value : 'too-large';
}

/** Numeric fields are padded with spaces and NULs on either side (Go: bytes.Trim(b, " \x00")). */
function trimField(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === ' ' || text[start] === '\u0000')) start++;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\u0000')) end--;
  return text.slice(start, end);
}

/** Go's getFormat: the stored checksum must equal the unsigned or the signed sum, the field counted as spaces. */
function verifyChecksum(block: Buffer, offset: number): void {
  const verdict = tarChecksum(block);
  if (verdict === 'malformed') throw invalid(`the data at byte ${offset} is not a tar header`);
  if (verdict === 'mismatch') throw invalid(`header checksum mismatch at byte ${offset} (not a tar archive, or corrupt)`);
}
