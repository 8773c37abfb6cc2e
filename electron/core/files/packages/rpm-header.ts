// An RPM header as rpmdb stores it (rpm's lib/header.c "blob": the on-disk header without its 8-byte magic):
//   il (uint32 BE, index entries) · dl (uint32 BE, data bytes) · il × {tag, type, offset, count} (int32 BE each) · data.
// Only the tags Berth shows are decoded. The bytes come from an image, so they are hostile: every count and offset
// is checked against the blob before it is read, with rpm's own limits (hdrblobVerifyInfo: 0xffff tags, 256 MiB of
// data), and nothing is allocated from a claimed size.

export const RPMTAG = {
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  SIZE: 1009,
  ARCH: 1022,
  SOURCERPM: 1044,
  LONGSIZE: 5009,
} as const;

const TYPE = { INT32: 4, INT64: 5, STRING: 6, STRING_ARRAY: 8, I18NSTRING: 9 } as const;

/** rpm's HEADER_TAGS_MAX and HEADER_DATA_MAX. */
const MAX_TAGS = 0xffff;
const MAX_DATA = 0x0fffffff;
/** Names, versions and file names are short; a longer "string" is not one Berth shows. */
const MAX_STRING = 4096;

export class RpmHeaderError extends Error {
  override name = 'RpmHeaderError';
}

/** The fields of one installed package's header; absent tags are undefined. */
export interface RpmHeaderFields {
  name?: string;
  version?: string;
  release?: string;
  epoch?: number;
  arch?: string;
  sourceRpm?: string;
  size?: number;
}

export function parseRpmHeader(blob: Uint8Array): RpmHeaderFields {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (blob.byteLength < 8) throw new RpmHeaderError(`header of ${blob.byteLength} bytes is shorter than its 8-byte preamble`);
  const il = view.getUint32(0);
  const dl = view.getUint32(4);
  if (il < 1 || il > MAX_TAGS) throw new RpmHeaderError(`header claims ${il} tags (1 to ${MAX_TAGS} allowed)`);
  if (dl > MAX_DATA) throw new RpmHeaderError(`header claims ${dl} bytes of data (at most ${MAX_DATA})`);
  const dataStart = 8 + il * 16;
  if (dataStart + dl > blob.byteLength) throw new RpmHeaderError(`header claims ${dataStart + dl} bytes but has ${blob.byteLength}`);
  const data = blob.subarray(dataStart, dataStart + dl);
  const dataView = new DataView(data.buffer, data.byteOffset, data.byteLength);

  const fields: RpmHeaderFields = {};
  for (let i = 0; i < il; i++) {
    const at = 8 + i * 16;
    const tag = view.getInt32(at);
    const type = view.getUint32(at + 4);
    const offset = view.getInt32(at + 8);
    const count = view.getUint32(at + 12);
    if (!WANTED.has(tag)) continue;
    if (offset < 0 || offset >= dl) throw new RpmHeaderError(`tag ${tag}: offset ${offset} is outside the ${dl}-byte data`);
    if (count < 1) throw new RpmHeaderError(`tag ${tag}: count 0`);
    switch (tag) {
      case RPMTAG.NAME:
        fields.name = readString(data, tag, type, offset);
        break;
      case RPMTAG.VERSION:
        fields.version = readString(data, tag, type, offset);
        break;
      case RPMTAG.RELEASE:
        fields.release = readString(data, tag, type, offset);
        break;
      case RPMTAG.ARCH:
        fields.arch = readString(data, tag, type, offset);
        break;
      case RPMTAG.SOURCERPM:
        fields.sourceRpm = readString(data, tag, type, offset);
        break;
      case RPMTAG.EPOCH:
        fields.epoch = readInt(dataView, tag, type, offset, TYPE.INT32);
        break;
      case RPMTAG.SIZE:
        fields.size ??= readInt(dataView, tag, type, offset, TYPE.INT32);
        break;
      case RPMTAG.LONGSIZE:
        fields.size = readInt(dataView, tag, type, offset, TYPE.INT64); // the real size of a package past 4 GiB
        break;
    }
  }
  return fields;
}

const WANTED: ReadonlySet<number> = new Set(Object.values(RPMTAG));

/** The first string of a STRING, STRING_ARRAY or I18NSTRING entry, which must end with a NUL inside the data. */
function readString(data: Uint8Array, tag: number, type: number, offset: number): string {
  if (type !== TYPE.STRING && type !== TYPE.STRING_ARRAY && type !== TYPE.I18NSTRING) throw new RpmHeaderError(`tag ${tag}: type ${type} is not a string`);
  const end = data.indexOf(0, offset);
  if (end < 0) throw new RpmHeaderError(`tag ${tag}: string at ${offset} runs past the data`);
  if (end - offset > MAX_STRING) throw new RpmHeaderError(`tag ${tag}: string of ${end - offset} bytes`);
  return Buffer.from(data.buffer, data.byteOffset + offset, end - offset).toString('utf8');
}

/** The first value of an INT32 (unsigned, as rpm prints SIZE) or INT64 entry. */
function readInt(view: DataView, tag: number, type: number, offset: number, want: number): number {
  if (type !== want) throw new RpmHeaderError(`tag ${tag}: type ${type}, expected ${want}`);
  const width = want === TYPE.INT64 ? 8 : 4;
  if (offset + width > view.byteLength) throw new RpmHeaderError(`tag ${tag}: ${width}-byte value at ${offset} runs past the data`);
  if (width === 4) return view.getUint32(offset);
  const value = view.getBigUint64(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RpmHeaderError(`tag ${tag}: ${value} is too large`);
  return Number(value);
}
