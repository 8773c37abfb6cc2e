// Tar headers for a layer made from files on disk, and for files copied out of an image (files/export-tar.ts, which
// also writes device entries): ustar where the fields fit, with a pax extended header ('x')
// before the entry for what does not (names or link targets over ustar's 100 bytes, ids or sizes over its octal
// fields). Go's archive/tar, GNU tar and docker's applier all read pax. No user or group names and whole-second
// times: the same tree always gives the same bytes.
import { BerthError } from '../../../shared/errors.js';
import { TAR_BLOCK } from '../../../shared/archive-kind.js';

export type LayerEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'fifo' | 'char' | 'block';

export interface LayerEntry {
  /** Path inside the layer, relative (`added/file`); directories without the trailing slash. */
  name: string;
  type: LayerEntryType;
  /** Permission bits with setuid/setgid/sticky (mode & 0o7777). */
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** Bytes of data that follow: regular files only. */
  size: number;
  /** Symlink target, or the layer path a hard link names. */
  linkname?: string;
  /** A character or block device's numbers (an image export carries them; a folder layer has none). */
  devmajor?: number;
  devminor?: number;
}

const TYPEFLAG: Record<LayerEntryType, string> = { file: '0', hardlink: '1', symlink: '2', char: '3', block: '4', directory: '5', fifo: '6' };
const MAX_OCTAL_8 = 0o7777777;
const MAX_OCTAL_12 = 0o77777777777;

/** The header block(s) for one entry: a pax header first when some field does not fit ustar. */
export function layerEntryHeader(entry: LayerEntry): Buffer {
  const name = entry.type === 'directory' ? `${entry.name}/` : entry.name;
  const linkname = entry.linkname ?? '';
  const pax = new Map<string, string>();
  const ascii = (text: string) => /^[\x20-\x7e]*$/.test(text);
  if (Buffer.byteLength(name) > 100 || !ascii(name)) pax.set('path', name);
  if (Buffer.byteLength(linkname) > 100 || !ascii(linkname)) pax.set('linkpath', linkname);
  if (entry.uid > MAX_OCTAL_8) pax.set('uid', String(entry.uid));
  if (entry.gid > MAX_OCTAL_8) pax.set('gid', String(entry.gid));
  if (entry.size > MAX_OCTAL_12) pax.set('size', String(entry.size));
  if (entry.mtime < 0 || entry.mtime > MAX_OCTAL_12) pax.set('mtime', String(entry.mtime));
  const header = ustarBlock({
    name: pax.has('path') ? asciiFallback(name, 100) : name,
    mode: entry.mode,
    uid: Math.min(entry.uid, MAX_OCTAL_8),
    gid: Math.min(entry.gid, MAX_OCTAL_8),
    size: entry.type === 'file' ? Math.min(entry.size, MAX_OCTAL_12) : 0,
    mtime: Math.max(0, Math.min(entry.mtime, MAX_OCTAL_12)),
    typeflag: TYPEFLAG[entry.type],
    linkname: pax.has('linkpath') ? asciiFallback(linkname, 100) : linkname,
    devmajor: Math.min(entry.devmajor ?? 0, MAX_OCTAL_8),
    devminor: Math.min(entry.devminor ?? 0, MAX_OCTAL_8),
  });
  if (pax.size === 0) return header;
  const body = paxBody(pax);
  const paxHeader = ustarBlock({
    name: asciiFallback(`PaxHeaders/${name.replace(/\/$/, '').split('/').pop() ?? ''}`, 100),
    mode: 0o644, uid: 0, gid: 0, size: body.length, mtime: 0, typeflag: 'x', linkname: '', devmajor: 0, devminor: 0,
  });
  return Buffer.concat([paxHeader, body, padding(body.length), header]);
}

/** The zero bytes that round an entry's data up to a whole block. */
export function padding(size: number): Buffer {
  const rest = size % TAR_BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : TAR_BLOCK - rest);
}

function paxBody(records: ReadonlyMap<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [key, value] of records) {
    // "<length> <key>=<value>\n" where the length counts itself: grow it until it is stable.
    const rest = Buffer.byteLength(` ${key}=${value}\n`);
    let length = rest + String(rest).length;
    if (String(length).length !== String(rest).length) length = rest + String(length).length;
    parts.push(Buffer.from(`${length} ${key}=${value}\n`, 'utf8'));
  }
  return Buffer.concat(parts);
}

/** What a ustar field holds when pax carries the real value: the tail of the name, ASCII only. */
function asciiFallback(text: string, width: number): string {
  const plain = text.replace(/[^\x20-\x7e]/g, '_');
  return plain.length <= width ? plain : plain.slice(plain.length - width);
}

interface UstarFields {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  typeflag: string;
  linkname: string;
  devmajor: number;
  devminor: number;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function ustarBlock(fields: UstarFields): Buffer {
  if (Buffer.byteLength(fields.name) > 100 || Buffer.byteLength(fields.linkname) > 100) {
    throw new BerthError('INTERNAL', `tar name too long for a ustar field: ${fields.name}`);
  }
  const block = Buffer.alloc(TAR_BLOCK);
  block.write(fields.name, 0, 100, 'utf8');
  block.write(octal(fields.mode & 0o7777, 8), 100, 'latin1');
  block.write(octal(fields.uid, 8), 108, 'latin1');
  block.write(octal(fields.gid, 8), 116, 'latin1');
  block.write(octal(fields.size, 12), 124, 'latin1');
  block.write(octal(fields.mtime, 12), 136, 'latin1');
  block.write('        ', 148, 'latin1'); // the checksum counts its own field as spaces
  block.write(fields.typeflag, 156, 'latin1');
  block.write(fields.linkname, 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 'latin1');
  block.write(octal(fields.devmajor, 8), 329, 'latin1');
  block.write(octal(fields.devminor, 8), 337, 'latin1');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}
