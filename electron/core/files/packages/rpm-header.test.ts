import { describe, expect, it } from 'vitest';
import { parseRpmHeader, RpmHeaderError, RPMTAG } from './rpm-header.js';
import { rpmPackage, sourceRpmName } from './rpmdb-sqlite.js';

type Entry = { tag: number; type: number; data: Buffer; count?: number };

/** A header blob as rpm writes it: il, dl, index entries, data store. */
function header(entries: Entry[]): Buffer {
  const index = Buffer.alloc(entries.length * 16);
  const store: Buffer[] = [];
  let offset = 0;
  entries.forEach((entry, i) => {
    index.writeInt32BE(entry.tag, i * 16);
    index.writeUInt32BE(entry.type, i * 16 + 4);
    index.writeInt32BE(offset, i * 16 + 8);
    index.writeUInt32BE(entry.count ?? 1, i * 16 + 12);
    store.push(entry.data);
    offset += entry.data.length;
  });
  const preamble = Buffer.alloc(8);
  preamble.writeUInt32BE(entries.length, 0);
  preamble.writeUInt32BE(offset, 4);
  return Buffer.concat([preamble, index, ...store]);
}

const str = (tag: number, text: string): Entry => ({ tag, type: 6, data: Buffer.from(`${text}\0`) });
const int32 = (tag: number, value: number): Entry => {
  const data = Buffer.alloc(4);
  data.writeUInt32BE(value);
  return { tag, type: 4, data };
};

const GOOD = header([
  { tag: 63, type: 7, data: Buffer.alloc(16), count: 16 }, // the immutable region marker real headers start with
  str(RPMTAG.NAME, 'bash'),
  str(RPMTAG.VERSION, '5.2.26'),
  str(RPMTAG.RELEASE, '3.fc40'),
  int32(RPMTAG.EPOCH, 0),
  str(RPMTAG.ARCH, 'x86_64'),
  int32(RPMTAG.SIZE, 8_000_000),
  str(RPMTAG.SOURCERPM, 'bash-5.2.26-3.fc40.src.rpm'),
]);

function expectRejected(blob: Uint8Array, message: RegExp): void {
  expect(() => parseRpmHeader(blob)).toThrow(RpmHeaderError);
  expect(() => parseRpmHeader(blob)).toThrow(message);
}

describe('rpm header', () => {
  it('reads the tags Berth shows', () => {
    const fields = parseRpmHeader(GOOD);
    expect(fields).toEqual({ name: 'bash', version: '5.2.26', release: '3.fc40', epoch: 0, arch: 'x86_64', size: 8_000_000, sourceRpm: 'bash-5.2.26-3.fc40.src.rpm' });
    expect(rpmPackage(fields)).toEqual({ name: 'bash', version: '0:5.2.26-3.fc40', architecture: 'x86_64', source: 'bash', sourceVersion: '5.2.26-3.fc40', installedSize: 8_000_000, manager: 'rpm' });
  });

  it('rejects a truncated header at every length', () => {
    for (let length = 0; length < GOOD.length; length++) expect(() => parseRpmHeader(GOOD.subarray(0, length)), `length ${length}`).toThrow(RpmHeaderError);
  });

  it('rejects offsets past the data, a string without its NUL and numbers that run off the end', () => {
    const past = Buffer.from(GOOD);
    past.writeInt32BE(1 << 20, 8 + 1 * 16 + 8); // NAME's offset
    expectRejected(past, /offset 1048576 is outside/);
    const negative = Buffer.from(GOOD);
    negative.writeInt32BE(-4, 8 + 1 * 16 + 8);
    expectRejected(negative, /offset -4/);
    expectRejected(header([{ tag: RPMTAG.NAME, type: 6, data: Buffer.from('no terminator') }]), /runs past the data/);
    expectRejected(header([{ tag: RPMTAG.SIZE, type: 4, data: Buffer.from([1, 2]) }]), /runs past the data/);
    expectRejected(header([{ tag: RPMTAG.NAME, type: 4, data: Buffer.alloc(4) }]), /is not a string/);
  });

  it('rejects claimed sizes before reading or allocating anything', () => {
    const manyTags = Buffer.from(GOOD);
    manyTags.writeUInt32BE(0x80000000, 0); // 2 G index entries
    expectRejected(manyTags, /claims 2147483648 tags/);
    const hugeData = Buffer.from(GOOD);
    hugeData.writeUInt32BE(0x7fffffff, 4); // 2 GB of data
    expectRejected(hugeData, /claims 2147483647 bytes of data/);
    const countTwoGig = Buffer.from(GOOD);
    countTwoGig.writeUInt32BE(0x80000000, 8 + 1 * 16 + 12); // NAME's count: 2 G strings; only the first is read
    expect(parseRpmHeader(countTwoGig).name).toBe('bash');
    const sizeCount = header([{ ...int32(RPMTAG.SIZE, 7), count: 0x80000000 }]);
    expect(parseRpmHeader(sizeCount).size).toBe(7);
  });

  it('splits source rpm file names whose package names hold dashes', () => {
    expect(sourceRpmName('python3-pip-23.3.2-1.fc40.src.rpm')).toEqual({ name: 'python3-pip', version: '23.3.2-1.fc40' });
    expect(sourceRpmName('kernel-6.8.5-301.fc40.nosrc.rpm')).toEqual({ name: 'kernel', version: '6.8.5-301.fc40' });
    expect(sourceRpmName('nodashes.src.rpm')).toBeNull();
    expect(sourceRpmName('bash-5.2.26-3.fc40.x86_64.rpm')).toBeNull();
  });

  it('leaves out rpm’s gpg-pubkey pseudo packages', () => {
    expect(rpmPackage({ name: 'gpg-pubkey', version: 'a15b79cc', release: '63d04c2c' })).toBeNull();
  });
});
