// The few tar records an image archive needs, written as every reader takes them: ustar headers (names are at
// most `blobs/sha256/<64 hex>`, far under ustar's 100 bytes), regular files and folders, fixed owner and time so the
// same images always give the same bytes. Go's archive/tar, GNU tar and docker's loader all read this subset.
import { BerthError } from '../../../shared/errors.js';
import { TAR_BLOCK } from '../../../shared/archive-kind.js';

export interface TarRecord {
  name: string;
  /** Bytes of data that follow; 0 for a folder. */
  size: number;
  type?: 'file' | 'directory';
  /** Seconds since the epoch; docker writes the image's creation time or the epoch. */
  mtime?: number;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

export function tarHeader(record: TarRecord): Buffer {
  const directory = record.type === 'directory';
  const name = directory && !record.name.endsWith('/') ? `${record.name}/` : record.name;
  if (Buffer.byteLength(name) > 100) throw new BerthError('INTERNAL', `tar name too long for a ustar header: ${name}`);
  if (!Number.isSafeInteger(record.size) || record.size < 0 || record.size >= 8 ** 11) {
    throw new BerthError('INTERNAL', `tar entry ${name} has a size ustar cannot hold: ${record.size}`);
  }
  const header = Buffer.alloc(TAR_BLOCK);
  header.write(name, 0, 100, 'utf8');
  header.write(octal(directory ? 0o755 : 0o644, 8), 100, 'latin1');
  header.write(octal(0, 8), 108, 'latin1');
  header.write(octal(0, 8), 116, 'latin1');
  header.write(octal(directory ? 0 : record.size, 12), 124, 'latin1');
  header.write(octal(record.mtime ?? 0, 12), 136, 'latin1');
  header.write('        ', 148, 'latin1'); // the checksum counts its own field as spaces
  header.write(directory ? '5' : '0', 156, 'latin1');
  header.write('ustar\u000000', 257, 'latin1');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return header;
}

/** The zero bytes that round an entry's data up to a whole block. */
export function tarPadding(size: number): Buffer {
  const rest = size % TAR_BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : TAR_BLOCK - rest);
}

/** Two zero blocks: the end-of-archive marker. */
export const TAR_END = Buffer.alloc(2 * TAR_BLOCK);
