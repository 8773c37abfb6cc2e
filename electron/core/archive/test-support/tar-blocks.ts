// Hand-built tar blocks for the Go-reader corpus: every field can be set to what no tar writer would produce.
// Layout per POSIX ustar (name 0, mode 100, uid 108, gid 116, size 124, mtime 136, chksum 148, typeflag 156,
// linkname 157, magic 257, version 263, uname 265, gname 297, devmajor 329, devminor 337, prefix 345), old GNU
// (atime 345, ctime 357, sparse 386, isextended 482, realsize 483) and star (prefix 345-475, trailer 508 "tar\0").
export interface HeaderSpec {
  name?: string;
  typeflag?: string;
  /** A number (written in octal) or the raw 12-byte field. */
  size?: number | Buffer;
  linkname?: string;
  /** 'ustar' = "ustar\0" "00", 'gnu' = "ustar " " \0", 'v7' = nothing, or the raw 8 bytes of magic + version. */
  magic?: 'ustar' | 'gnu' | 'v7' | string;
  prefix?: string | Buffer;
  /** Put star's "tar\0" at byte 508. */
  starTrailer?: boolean;
  /** Raw bytes written at an offset after everything else (before the checksum). */
  raw?: Array<[offset: number, bytes: Buffer | string]>;
  checksum?: 'unsigned' | 'signed' | 'wrong';
}

export const BLOCK = 512;
export const END = Buffer.alloc(1024);

const octal = (value: number, width: number) => `${value.toString(8).padStart(width - 1, '0')}\0`;

export function header(spec: HeaderSpec): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(spec.name ?? 'file', 0, 100, 'utf8');
  block.write(octal(0o644, 8), 100, 'latin1');
  block.write(octal(0, 8), 108, 'latin1');
  block.write(octal(0, 8), 116, 'latin1');
  if (Buffer.isBuffer(spec.size)) spec.size.copy(block, 124, 0, 12);
  else block.write(octal(spec.size ?? 0, 12), 124, 'latin1');
  block.write(octal(1577836800, 12), 136, 'latin1');
  block.write(spec.typeflag ?? '0', 156, 'latin1');
  if (spec.linkname) block.write(spec.linkname, 157, 100, 'utf8');
  const magic = spec.magic ?? 'ustar';
  const magicBytes = magic === 'ustar' ? 'ustar\u000000' : magic === 'gnu' ? 'ustar  \u0000' : magic === 'v7' ? '' : magic;
  block.write(magicBytes, 257, 'latin1');
  if (magic !== 'v7') {
    block.write('root', 265, 'latin1');
    block.write('root', 297, 'latin1');
    block.write(octal(0, 8), 329, 'latin1');
    block.write(octal(0, 8), 337, 'latin1');
  }
  if (spec.prefix !== undefined) {
    if (Buffer.isBuffer(spec.prefix)) spec.prefix.copy(block, 345);
    else block.write(spec.prefix, 345, 155, 'utf8');
  }
  if (spec.starTrailer) block.write('tar\u0000', 508, 'latin1');
  for (const [offset, bytes] of spec.raw ?? []) (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'latin1')).copy(block, offset);
  block.fill(0x20, 148, 156);
  let unsigned = 0;
  let signed = 0;
  for (const byte of block) {
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  const sum = spec.checksum === 'signed' ? signed : spec.checksum === 'wrong' ? unsigned + 1 : unsigned;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

export function pad(data: Buffer): Buffer {
  return Buffer.concat([data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK)]);
}

/** A header and its data; the size field says data.length unless the spec sets it. */
export function entry(spec: HeaderSpec, data: Buffer | string = Buffer.alloc(0)): Buffer {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
  return Buffer.concat([header({ size: bytes.length, ...spec }), pad(bytes)]);
}

export function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (Buffer.byteLength(`${length}${body}`) !== length) length++;
  return `${length}${body}`;
}

/** An 'x' (or 'g') header with these records, or with a raw body. */
export function pax(records: Array<[string, string]> | Buffer, typeflag = 'x', name = 'PaxHeaders/file'): Buffer {
  const body = Buffer.isBuffer(records) ? records : Buffer.from(records.map(([key, value]) => paxRecord(key, value)).join(''));
  return entry({ name, typeflag }, body);
}

/** A GNU 'L' (long name) or 'K' (long link) header carrying `value` NUL-terminated, as GNU tar writes it. */
export function gnuLong(kind: 'L' | 'K', value: string): Buffer {
  return entry({ name: '././@LongLink', typeflag: kind, magic: 'gnu' }, Buffer.from(`${value}\0`));
}

/** A base-256 numeric field of `width` bytes. */
export function base256(value: bigint, width = 12): Buffer {
  const field = Buffer.alloc(width);
  let rest = value < 0n ? (1n << BigInt(width * 8)) + value : value;
  for (let i = width - 1; i >= 0; i--) {
    field[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  field[0] = (field[0] ?? 0) | 0x80;
  return field;
}
