import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compress, makeRootfsTar, type RootfsEntry, type TarCompression } from '../testing/tarball.mjs';
import { findPeer } from '../testing/peers.mjs';
import { openStore } from '../store/store.js';
import type { ImageStore } from '../store/types.js';
import { importRootfsImage, type ImportRootfsOptions } from './import.js';

let root: string;
let store: ImageStore;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'berth-import-'));
  store = await openStore(root);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function runImport(bytes: Buffer, options: ImportRootfsOptions = {}) {
  const result = await importRootfsImage(store, Readable.from([bytes]), options);
  const [layer] = result.layers;
  return { ...result, layer: { digest: layer!.digest, size: layer!.size } };
}

/** Nothing half-written: no partial file in ingest/ (beside the store's own leases folder), no blob published. */
async function expectNothingWritten() {
  const ingest = (await readdir(path.join(root, 'ingest'))).filter((name) => name !== 'leases');
  expect(ingest).toEqual([]);
  expect(await readdir(path.join(root, 'blobs', 'sha256'))).toEqual([]);
}

const rootfs: RootfsEntry[] = [
  { path: './', type: 'directory' },
  { path: './bin/', type: 'directory' },
  { path: './bin/busybox', content: '#!busybox\n', mode: 0o755 },
  { path: './bin/sh', type: 'symlink', target: '/bin/busybox' },
  { path: './bin/ash', type: 'symlink', target: 'busybox' },
  { path: './etc/', type: 'directory' },
  { path: './etc/hostname', content: 'berth\n' },
  { path: './etc/hostname.link', type: 'link', target: './etc/hostname' },
  { path: './usr/lib/libx.so', type: 'symlink', target: '../../lib/libx.so.1' },
  { path: './run/fifo', type: 'fifo' },
];

describe('importRootfsImage', () => {
  it('stores the uncompressed tarball as the layer: digest = diff_id = sha256 of the input', async () => {
    const tar = await makeRootfsTar(rootfs);
    const result = await runImport(gzipSync(tar), { message: 'first', changes: ['CMD ["/bin/sh"]'] });
    expect(result.compression).toBe('gzip');
    expect(result.layer).toEqual({ digest: sha256(tar), size: tar.length });
    expect(result.diffId).toBe(sha256(tar));
    expect(result.entries).toBe(rootfs.length);

    const manifest = await store.readBlobJson(result.manifest.digest);
    expect((await store.readIndex()).manifests).toEqual([expect.objectContaining({ digest: result.manifest.digest, size: result.manifest.size })]);
    expect(manifest).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: result.config.digest, size: result.config.size },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(tar), size: tar.length }],
    });
    const config = await store.readBlobJson<Record<string, unknown>>(result.config.digest);
    expect(config).toMatchObject({ comment: 'first', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(tar)] } });
    expect((config.config as Record<string, unknown>).Cmd).toEqual(['/bin/sh']);
    expect(await store.readBlobBytes(result.layer.digest, 1 << 20)).toEqual(tar);
    expect((await readdir(path.join(root, 'ingest'))).filter((name) => name !== 'leases' && name !== 'cache')).toEqual([]);
  });

  const compressions: TarCompression[] = ['none', 'gzip', ...(findPeer('xz') ? (['xz'] as const) : []), ...(findPeer('zstd') ? (['zstd'] as const) : [])];
  it.each(compressions)(
    'gives the same layer for %s input',
    async (compression) => {
      const tar = await makeRootfsTar(rootfs);
      const result = await runImport(compress(tar, compression));
      expect(result.compression).toBe(compression);
      expect(result.layer.digest).toBe(sha256(tar));
    },
  );

  it('keeps bytes after the end-of-archive marker in the layer, as docker hashes them', async () => {
    const tar = Buffer.concat([await makeRootfsTar({ 'a.txt': 'a' }), Buffer.from('trailing junk\n')]);
    const result = await runImport(tar);
    expect(result.diffId).toBe(sha256(tar));
  });

  it('accepts an empty input as an empty layer, as docker does', async () => {
    const result = await runImport(Buffer.alloc(0));
    expect(result.diffId).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('reports progress in input bytes and honours maxBytes', async () => {
    const tar = await makeRootfsTar({ 'big.bin': Buffer.alloc(200_000, 7) });
    const gz = gzipSync(tar);
    const seen: number[] = [];
    await runImport(gz, { onProgress: (n) => seen.push(n) });
    expect(seen.at(-1)).toBe(gz.length);
    await expect(runImport(gz, { maxBytes: 100_000 })).rejects.toMatchObject({ code: 'INVALID_ARCHIVE', message: expect.stringContaining('exceeds the limit') });
  });

  it('rejects bad changes before reading the input', async () => {
    const input = new Readable({ read() { throw new Error('must not be read'); } });
    await expect(importRootfsImage(store, input, { changes: ['RUN rm -rf /'] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: 'run is not a valid change command' });
    await expectNothingWritten();
  });

  it('cancels through the AbortSignal and leaves nothing behind', async () => {
    const controller = new AbortController();
    const tar = await makeRootfsTar({ 'a.bin': Buffer.alloc(100_000) });
    const slow = Readable.from((async function* () {
      yield tar.subarray(0, 10_000);
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 20));
      yield tar.subarray(10_000);
    })());
    await expect(importRootfsImage(store, slow, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    await expectNothingWritten();
  });
});

/** A raw 512-byte ustar header, for shapes tar-stream will not write. */
function header(name: string, typeflag: string, size: number, extra: { linkname?: string } = {}): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100);
  block.write('0000000\0', 108);
  block.write('0000000\0', 116);
  block.write(size.toString(8).padStart(11, '0') + '\0', 124);
  block.write('00000000000\0', 136);
  block.write(typeflag, 156);
  if (extra.linkname) block.write(extra.linkname, 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return block;
}
const pad = (data: Buffer) => Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
const paxRecord = (key: string, value: string) => {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (`${length}${body}`.length !== length) length++;
  return `${length}${body}`;
};
const paxHeader = (records: string) => Buffer.concat([header('PaxHeader', 'x', Buffer.byteLength(records)), pad(Buffer.from(records))]);
const end = Buffer.alloc(1024);

describe('hostile root filesystem tarballs', () => {
  const hostile: Array<[string, () => Promise<Buffer>, RegExp]> = [
    ['an absolute path', () => makeRootfsTar({ '/etc/passwd': 'x' }), /"\/etc\/passwd".*absolute paths are not allowed/],
    ['a .. path', () => makeRootfsTar({ '../x': 'x' }), /"\.\.\/x".*'\.\.' path components/],
    ['a .. in the middle', () => makeRootfsTar({ 'a/../../x': 'x' }), /"a\/\.\.\/\.\.\/x"/],
    ['a hard link leaving the root', () => makeRootfsTar([{ path: 'pw', type: 'link', target: '../../etc/passwd' }]), /"pw".*hard link target "\.\.\/\.\.\/etc\/passwd"/],
    ['an absolute hard link', () => makeRootfsTar([{ path: 'pw', type: 'link', target: '/etc/passwd' }]), /"pw".*absolute path/],
    ['a symlink climbing out', () => makeRootfsTar([{ path: 'a/b', type: 'symlink', target: '../../../etc/shadow' }]), /"a\/b".*points outside the root filesystem/],
    ['a character device', () => makeRootfsTar([{ path: 'dev/null', type: 'character-device' }]), /"dev\/null".*character device files are not allowed/],
    ['a block device', () => makeRootfsTar([{ path: 'dev/sda', type: 'block-device' }]), /"dev\/sda".*block device files are not allowed/],
    ['garbage', async () => Buffer.from('this is not a tar archive at all\n'.repeat(40)), /not a tar header|checksum/],
    ['a truncated tar', async () => (await makeRootfsTar({ 'big.bin': Buffer.alloc(5000, 1) })).subarray(0, 2000), /truncated/],
    ['a stream cut inside a header', async () => (await makeRootfsTar({ 'a.txt': 'a' })).subarray(0, 300), /truncated/],
    ['two pax headers for one entry', async () => Buffer.concat([paxHeader(paxRecord('path', 'safe')), paxHeader(paxRecord('path', '../evil')), header('x', '0', 0), end]), /two pax headers in a row/],
    ['a pax path escaping', async () => Buffer.concat([paxHeader(paxRecord('path', '../../evil')), header('innocent', '0', 0), end]), /"\.\.\/\.\.\/evil"/],
    ['a duplicate pax record', async () => Buffer.concat([paxHeader(paxRecord('path', 'a') + paxRecord('path', 'b')), header('x', '0', 0), end]), /duplicate pax record "path"/],
    ['an oversized pax header', async () => Buffer.concat([header('PaxHeader', 'x', 2 << 20), Buffer.alloc(2 << 20), header('x', '0', 0), end]), /pax header .* more than the 1048576 allowed/],
    ['two GNU long names', async () => Buffer.concat([header('././@LongLink', 'L', 4), pad(Buffer.from('aaa\0')), header('././@LongLink', 'L', 4), pad(Buffer.from('bbb\0')), header('x', '0', 0), end]), /two GNU long-name headers/],
    ['a symlink header carrying data', async () => Buffer.concat([header('s', '2', 512, { linkname: 'x' }), header('hidden', '0', 0), end]), /"s": a symlink entry must not carry data/],
    ['a global pax path', async () => Buffer.concat([header('g', 'g', Buffer.byteLength(paxRecord('path', 'x'))), pad(Buffer.from(paxRecord('path', 'x'))), header('x', '0', 0), end]), /global pax header sets "path"/],
    ['an unknown entry type', async () => Buffer.concat([header('v', 'V', 0), end]), /unsupported tar entry type "V"/],
    ['data after a single zero block', async () => Buffer.concat([header('a', '0', 0), Buffer.alloc(512), header('b', '0', 0), end]), /follows a single zero block/],
  ];

  it.each(hostile)('rejects %s with INVALID_ARCHIVE naming the problem, leaving nothing', async (_label, make, message) => {
    const bytes = await make();
    const error = await runImport(bytes).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'INVALID_ARCHIVE' });
    expect((error as Error).message).toMatch(message);
    await expectNothingWritten();
  });

  it('rejects corrupt gzip with INVALID_ARCHIVE, leaving nothing', async () => {
    const gz = gzipSync(await makeRootfsTar(rootfs));
    for (let i = 30; i < 60; i++) gz[i] = (gz[i] ?? 0) ^ 0x55;
    await expect(runImport(gz)).rejects.toMatchObject({ code: 'INVALID_ARCHIVE' });
    await expectNothingWritten();
  });

  it('accepts the header shapes real tools write: GNU long names, pax paths, ustar prefixes', async () => {
    const long = `usr/share/${'d'.repeat(120)}/file`;
    const tar = await makeRootfsTar({ [long]: 'x', [`opt/${'p'.repeat(90)}/${'n'.repeat(90)}`]: 'y' });
    const gnu = Buffer.concat([header('././@LongLink', 'L', long.length + 1), pad(Buffer.from(`${long}\0`)), header(long.slice(0, 100), '0', 0), end]);
    for (const bytes of [tar, gnu]) await expect(runImport(bytes)).resolves.toMatchObject({ diffId: sha256(bytes) });
  });
});
