import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findPeer } from '../testing/peers.mjs';
import { decompressStream, detectCompression, zstdWindowSize } from './decompress.js';

function run(program: string, args: string[], input: Buffer): Buffer {
  const result = spawnSync(program, args, { input, maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')}: ${result.stderr.toString()}`);
  return result.stdout;
}

async function collect(input: Buffer, options: Parameters<typeof decompressStream>[1] = {}, chunkSize = 65536) {
  const chunks = [];
  for (let i = 0; i < input.length; i += chunkSize) chunks.push(input.subarray(i, i + chunkSize));
  const { compression, stream } = await decompressStream(Readable.from(chunks), options);
  const out: Buffer[] = [];
  for await (const chunk of stream) out.push(chunk as Buffer);
  return { compression, bytes: Buffer.concat(out) };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
// Compressible but not trivial: a few MiB of repeated random lines.
const line = randomBytes(3000).toString('base64');
const payload = Buffer.from(Array.from({ length: 1500 }, (_, i) => `${i} ${line.slice(i % 100, 2000)}\n`).join(''));

describe('detectCompression', () => {
  it('recognises the magic numbers docker recognises', () => {
    expect(detectCompression(Buffer.from([0x1f, 0x8b, 0x08, 0]))).toBe('gzip');
    expect(detectCompression(Buffer.from('BZh91AY'))).toBe('bzip2');
    expect(detectCompression(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))).toBe('xz');
    expect(detectCompression(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))).toBe('zstd');
    expect(detectCompression(Buffer.from('ustar'))).toBe('none');
    expect(detectCompression(Buffer.alloc(0))).toBe('none');
  });
});

describe('decompressStream', () => {
  it('passes plain input through unchanged, in small chunks', async () => {
    const { compression, bytes } = await collect(payload, {}, 1000);
    expect(compression).toBe('none');
    expect(sha(bytes)).toBe(sha(payload));
  });

  it('handles an empty input', async () => {
    const { compression, bytes } = await collect(Buffer.alloc(0));
    expect(compression).toBe('none');
    expect(bytes.length).toBe(0);
  });

  it('gunzips, including concatenated members', async () => {
    const two = Buffer.concat([gzipSync(payload.subarray(0, 1000)), gzipSync(payload.subarray(1000))]);
    const { compression, bytes } = await collect(two, {}, 777);
    expect(compression).toBe('gzip');
    expect(sha(bytes)).toBe(sha(payload));
  });

  it.skipIf(!findPeer('xz'))('decodes xz made by the xz program: multi-block, concatenated streams, SHA-256 checks', async () => {
    const multiBlock = run('xz', ['-c', '-q', '-T2', '--block-size=100000'], payload);
    expect(sha((await collect(multiBlock, {}, 1000)).bytes)).toBe(sha(payload));
    const concatenated = Buffer.concat([run('xz', ['-c'], payload.subarray(0, 5)), run('xz', ['-c'], payload.subarray(5))]);
    expect(sha((await collect(concatenated)).bytes)).toBe(sha(payload));
    // xz-decompress cannot verify SHA-256: routed to the xz program.
    const sha256Check = run('xz', ['-c', '--check=sha256'], payload);
    const routed = await collect(sha256Check);
    expect(routed.compression).toBe('xz');
    expect(sha(routed.bytes)).toBe(sha(payload));
  });

  it.skipIf(!findPeer('zstd'))('decodes zstd made by the zstd program, including several frames and a large window', async () => {
    const one = run('zstd', ['-c', '-q', '-19'], payload);
    expect(sha((await collect(one, {}, 500)).bytes)).toBe(sha(payload));
    const frames = Buffer.concat([run('zstd', ['-c', '-q'], payload.subarray(0, 10)), run('zstd', ['-c', '-q'], payload.subarray(10))]);
    expect(sha((await collect(frames)).bytes)).toBe(sha(payload));
    const long = run('zstd', ['-c', '-q', '--long=27'], payload);
    expect(zstdWindowSize(long)).toBeGreaterThan(2 ** 25);
    expect(sha((await collect(long)).bytes)).toBe(sha(payload));
  });

  it.skipIf(!findPeer('bzip2'))('decodes bzip2 through the bzip2 program', async () => {
    const { compression, bytes } = await collect(run('bzip2', ['-c'], payload));
    expect(compression).toBe('bzip2');
    expect(sha(bytes)).toBe(sha(payload));
  });

  it('stops a decompression bomb at maxOutputBytes (gzip)', async () => {
    const bomb = gzipSync(Buffer.alloc(50 << 20));
    await expect(collect(bomb, { maxOutputBytes: 1 << 20 })).rejects.toMatchObject({ code: 'INVALID_ARCHIVE', message: expect.stringContaining('exceeds the limit of 1048576 bytes') });
  });

  it.skipIf(!findPeer('zstd'))('stops a zstd bomb without inflating it all at once', async () => {
    const bomb = run('zstd', ['-c', '-q', '-19'], Buffer.alloc(200 << 20));
    expect(bomb.length).toBeLessThan(100_000);
    const before = process.memoryUsage().rss;
    await expect(collect(bomb, { maxOutputBytes: 4 << 20 })).rejects.toMatchObject({ code: 'INVALID_ARCHIVE' });
    expect(process.memoryUsage().rss - before).toBeLessThan(150 << 20);
  });

  it('reports corrupt gzip as INVALID_ARCHIVE', async () => {
    const good = gzipSync(payload);
    const corrupt = Buffer.from(good);
    for (let i = 100; i < 200; i++) corrupt[i] = (corrupt[i] ?? 0) ^ 0xff;
    await expect(collect(corrupt)).rejects.toMatchObject({ code: 'INVALID_ARCHIVE', message: expect.stringMatching(/^gzip decompression failed/) });
    await expect(collect(good.subarray(0, good.length - 50))).rejects.toMatchObject({ code: 'INVALID_ARCHIVE' });
  });

  it.skipIf(!findPeer('xz'))('reports corrupt xz from the JavaScript decoder as INVALID_ARCHIVE', async () => {
    const good = run('xz', ['-c'], payload);
    await expect(collect(good.subarray(0, good.length - 30))).rejects.toMatchObject({ code: 'INVALID_ARCHIVE' });
  });
});
