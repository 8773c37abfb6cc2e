// The layer index on disk: compact, read in one go, and checked before it is believed. A file another process (or a
// crash, or a hostile store) damaged must never show a wrong tree, so it carries its own SHA-256 and names the layer
// (diff ID) and the blob it was read from; a file that fails any check reads as absent and is rebuilt.
//
// Layout (little-endian): "BERTHLIX" | u32 version | 64 ASCII hex diff ID | 64 ASCII hex blob digest | u32 entries |
// u32 string bytes | entries x 64 bytes | string bytes (UTF-8 paths and links) | 32-byte SHA-256 of all before it.
// An entry: u8 kind, 3 spare, u32 mode, u32 uid, u32 gid, f64 size, f64 mtime, f64 data offset,
// u32 path start, u32 path length, u32 link start, u32 link length, u32 devmajor, u32 devminor.
import { createHash } from 'node:crypto';
import { MAX_PATH_BYTES, type LayerEntry, type LayerEntryKind } from './layer-entry.js';

export interface LayerIndex {
  diffId: string;
  /** The stored blob the entries were read from (compressed or not). */
  blob: string;
  entries: LayerEntry[];
}

const MAGIC = Buffer.from('BERTHLIX', 'latin1');
const VERSION = 1;
const HEAD = 8 + 4 + 64 + 64 + 4 + 4;
const ENTRY = 64;
const TRAILER = 32;
const KINDS: readonly LayerEntryKind[] = ['file', 'dir', 'symlink', 'hardlink', 'char', 'block', 'fifo', 'whiteout', 'opaque'];
const KIND_CODE = new Map(KINDS.map((kind, code) => [kind, code]));
const HEX = /^[a-f0-9]{64}$/;

export function encodeLayerIndex(index: LayerIndex): Buffer {
  const strings: Buffer[] = [];
  let stringBytes = 0;
  const addString = (text: string): [number, number] => {
    if (text === '') return [0, 0];
    const bytes = Buffer.from(text, 'utf8');
    strings.push(bytes);
    stringBytes += bytes.length;
    return [stringBytes - bytes.length, bytes.length];
  };
  const table = Buffer.alloc(index.entries.length * ENTRY);
  index.entries.forEach((entry, i) => {
    const at = i * ENTRY;
    const [pathStart, pathLength] = addString(entry.path);
    const [linkStart, linkLength] = addString(entry.link);
    table.writeUInt8(KIND_CODE.get(entry.kind)!, at);
    table.writeUInt32LE(entry.mode >>> 0, at + 4);
    table.writeUInt32LE(clampU32(entry.uid), at + 8);
    table.writeUInt32LE(clampU32(entry.gid), at + 12);
    table.writeDoubleLE(entry.size, at + 16);
    table.writeDoubleLE(entry.mtime, at + 24);
    table.writeDoubleLE(entry.dataOffset, at + 32);
    table.writeUInt32LE(pathStart, at + 40);
    table.writeUInt32LE(pathLength, at + 44);
    table.writeUInt32LE(linkStart, at + 48);
    table.writeUInt32LE(linkLength, at + 52);
    table.writeUInt32LE(clampU32(entry.devmajor), at + 56);
    table.writeUInt32LE(clampU32(entry.devminor), at + 60);
  });
  const head = Buffer.alloc(HEAD);
  MAGIC.copy(head, 0);
  head.writeUInt32LE(VERSION, 8);
  head.write(hexOf(index.diffId), 12, 'latin1');
  head.write(hexOf(index.blob), 76, 'latin1');
  head.writeUInt32LE(index.entries.length, 140);
  head.writeUInt32LE(stringBytes, 144);
  const body = Buffer.concat([head, table, ...strings]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** The index in `bytes`, or null when they are not a whole, undamaged index of `diffId`. */
export function decodeLayerIndex(bytes: Buffer, diffId: string): LayerIndex | null {
  if (bytes.length < HEAD + TRAILER || !bytes.subarray(0, 8).equals(MAGIC) || bytes.readUInt32LE(8) !== VERSION) return null;
  const body = bytes.subarray(0, bytes.length - TRAILER);
  if (!createHash('sha256').update(body).digest().equals(bytes.subarray(bytes.length - TRAILER))) return null;
  const diffHex = bytes.toString('latin1', 12, 76);
  const blobHex = bytes.toString('latin1', 76, 140);
  if (diffHex !== hexOf(diffId) || !HEX.test(blobHex)) return null;
  const count = bytes.readUInt32LE(140);
  const stringBytes = bytes.readUInt32LE(144);
  const stringsAt = HEAD + count * ENTRY;
  if (stringsAt + stringBytes !== body.length) return null;
  // Most string tables are ASCII, where byte offsets are character offsets: one decode, then slices of it.
  const ascii = isAscii(bytes, stringsAt, stringsAt + stringBytes);
  const table = ascii ? bytes.toString('latin1', stringsAt, stringsAt + stringBytes) : '';
  const text = (start: number, length: number) => {
    if (length === 0) return '';
    if (length > MAX_PATH_BYTES) throw new RangeError('string longer than a layer may hold');
    if (start + length > stringBytes) throw new RangeError('string out of bounds');
    return ascii ? table.slice(start, start + length) : bytes.toString('utf8', stringsAt + start, stringsAt + start + length);
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const entries: LayerEntry[] = new Array(count);
  try {
    for (let i = 0; i < count; i++) {
      const at = HEAD + i * ENTRY;
      const kind = KINDS[bytes[at]!];
      if (kind === undefined) return null;
      const entry: LayerEntry = {
        kind,
        mode: view.getUint32(at + 4, true),
        uid: view.getUint32(at + 8, true),
        gid: view.getUint32(at + 12, true),
        size: view.getFloat64(at + 16, true),
        mtime: view.getFloat64(at + 24, true),
        dataOffset: view.getFloat64(at + 32, true),
        path: text(view.getUint32(at + 40, true), view.getUint32(at + 44, true)),
        link: text(view.getUint32(at + 48, true), view.getUint32(at + 52, true)),
        devmajor: view.getUint32(at + 56, true),
        devminor: view.getUint32(at + 60, true),
      };
      if (!plausible(entry)) return null;
      entries[i] = entry;
    }
  } catch {
    return null;
  }
  return { diffId, blob: `sha256:${blobHex}`, entries };
}

/** The blob digest an index file names, from its head alone (gc reads only this much). */
export function blobOfIndexHead(head: Buffer): string | null {
  if (head.length < HEAD || !head.subarray(0, 8).equals(MAGIC)) return null;
  const hex = head.toString('latin1', 76, 140);
  return HEX.test(hex) ? `sha256:${hex}` : null;
}

export const INDEX_HEAD_BYTES = HEAD;

function isAscii(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! > 0x7f) return false;
  return true;
}

/** A checksum proves no damage, not good faith: a planted file still has to hold values a layer could. */
function plausible(entry: LayerEntry): boolean {
  if (!(entry.size >= 0 && Number.isSafeInteger(entry.size) && entry.dataOffset >= 0 && Number.isSafeInteger(entry.dataOffset))) return false;
  if (!Number.isFinite(entry.mtime)) return false;
  if (entry.path === '.') return entry.kind === 'opaque';
  const path = entry.path;
  if (path === '' || path === '..' || path.startsWith('/') || path.endsWith('/') || path.includes('//')) return false;
  // No `.` or `..` component. This runs for every entry of every layer: most paths have no component starting
  // with a dot at all, which one search shows.
  if (path[0] !== '.' && !path.includes('/.')) return true;
  return !(path.startsWith('./') || path.startsWith('../') || path.endsWith('/.') || path.endsWith('/..') || path.includes('/./') || path.includes('/../'));
}

function hexOf(digest: string): string {
  return digest.startsWith('sha256:') ? digest.slice(7) : digest;
}

function clampU32(value: number): number {
  return Number.isSafeInteger(value) && value >= 0 && value <= 0xffffffff ? value : 0xffffffff;
}
