// The system decompressors (xz for SHA-256-checked streams, zstd for large windows, bzip2): their exit status is
// the only sign of a damaged input once they have written what they could, so a non-zero exit must fail the read.
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPeer } from '../testing/peers.mjs';
import { makeRootfsTar } from '../testing/tarball.mjs';
import { decompressStream, zstdWindowSize } from './decompress.js';
import { checkRootfsEntry } from './tar-safety.js';
import { TarScanner } from './tar-scan.js';

/** The first bytes of an xz stream whose check is SHA-256 (flag byte 0x0a): routed to the `xz` program. */
const XZ_SHA256_HEAD = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x0a, ...Array<number>(24).fill(0)]);

async function readAll(input: Buffer): Promise<Buffer> {
  const { stream } = await decompressStream(Readable.from([input]));
  const out: Buffer[] = [];
  for await (const chunk of stream) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

let dir: string;
let savedPath: string | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-decompress-program-'));
  savedPath = process.env.PATH;
});
afterEach(async () => {
  process.env.PATH = savedPath;
  await rm(dir, { recursive: true, force: true });
});

/**
 * Puts a fake `name` first on PATH: it reads all its input, writes `output` (complete, valid bytes) and exits
 * with `status`, saying `stderr` (if any). So only the exit status tells that something went wrong.
 */
async function fakeProgram(name: string, output: Buffer, status: number, stderr = ''): Promise<void> {
  const bin = path.join(dir, 'bin');
  await rm(bin, { recursive: true, force: true });
  await mkdir(bin);
  await writeFile(path.join(dir, 'output'), output);
  const script = [
    '#!/bin/sh',
    'cat >/dev/null',
    `cat '${path.join(dir, 'output')}'`,
    stderr ? `printf '%s\\n' '${stderr}' >&2` : '',
    `exit ${status}`,
    '',
  ].join('\n');
  await writeFile(path.join(bin, name), script);
  await chmod(path.join(bin, name), 0o755);
  process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
}

describe('an external decompressor that exits non-zero', () => {
  it('fails the read with INVALID_ARCHIVE and the status, even after it wrote complete output', async () => {
    await fakeProgram('xz', Buffer.from('all the bytes, apparently\n'), 3);
    await expect(readAll(XZ_SHA256_HEAD)).rejects.toMatchObject({ code: 'INVALID_ARCHIVE', message: 'xz: exited with status 3' });
  });

  it("reports the program's own message when it gives one", async () => {
    await fakeProgram('xz', Buffer.alloc(0), 1, '(stdin): Compressed data is corrupt');
    await expect(readAll(XZ_SHA256_HEAD)).rejects.toMatchObject({ code: 'INVALID_ARCHIVE', message: 'xz: (stdin): Compressed data is corrupt' });
  });

  it('succeeds when the same program exits 0', async () => {
    await fakeProgram('xz', Buffer.from('fine\n'), 0);
    expect((await readAll(XZ_SHA256_HEAD)).toString()).toBe('fine\n');
  });

  it('fails although the program produced a whole, valid rootfs tarball (so the tar check cannot notice)', async () => {
    const tar = await makeRootfsTar({ 'etc/hostname': 'berth\n' });
    await fakeProgram('xz', tar, 1, '(stdin): Unexpected end of input');
    const { compression, stream } = await decompressStream(Readable.from([XZ_SHA256_HEAD]));
    expect(compression).toBe('xz');
    const scanner = new TarScanner(checkRootfsEntry);
    const error = await (async () => {
      for await (const chunk of stream) scanner.push(chunk as Buffer);
      scanner.end();
    })().catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'INVALID_ARCHIVE', message: 'xz: (stdin): Unexpected end of input' });
    expect(scanner.ended).toBe(true); // every byte of a complete tar had arrived
  });
});

describe('the real programs on damaged input', () => {
  const payload = Buffer.from(Array.from({ length: 4000 }, (_, i) => `line ${i} of the payload\n`).join(''));
  const compress = (program: string, args: string[]) => {
    const result = spawnSync(program, args, { input: payload });
    if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr.toString()}`);
    return result.stdout;
  };

  it.skipIf(!findPeer('xz'))('xz: a truncated SHA-256-checked stream fails, naming xz', async () => {
    const whole = compress('xz', ['-c', '--check=sha256']);
    expect(await readAll(whole)).toEqual(payload);
    await expect(readAll(whole.subarray(0, whole.length - 40))).rejects.toMatchObject({ code: 'INVALID_ARCHIVE', message: expect.stringMatching(/^xz: /) });
  });

  it.skipIf(!findPeer('zstd'))('zstd: a truncated long-window stream fails, naming zstd', async () => {
    const whole = compress('zstd', ['-c', '-q', '--long=27']);
    expect(await readAll(whole)).toEqual(payload);
    await expect(readAll(whole.subarray(0, whole.length - 10))).rejects.toMatchObject({ code: 'INVALID_ARCHIVE', message: expect.stringMatching(/^zstd: /) });
  });

  it.skipIf(!findPeer('bzip2'))('bzip2: a truncated stream fails, naming bzip2', async () => {
    const whole = compress('bzip2', ['-c']);
    expect(await readAll(whole)).toEqual(payload);
    await expect(readAll(whole.subarray(0, whole.length - 10))).rejects.toMatchObject({ code: 'INVALID_ARCHIVE', message: expect.stringMatching(/^bzip2: /) });
  });
});

describe('which decoder runs: the JavaScript ones unless they cannot', () => {
  const payload = Buffer.from(Array.from({ length: 3000 }, (_, i) => `row ${i}\n`).join(''));
  const compress = (program: string, args: string[]) => spawnSync(program, args, { input: payload }).stdout;

  it.skipIf(!findPeer('xz'))('xz with no check, CRC32 or CRC64 never needs the program (a broken xz on PATH does not matter)', async () => {
    const streams = ['none', 'crc32', 'crc64'].map((check) => compress('xz', ['-c', `--check=${check}`]));
    const sha256Checked = compress('xz', ['-c', '--check=sha256']);
    await fakeProgram('xz', Buffer.alloc(0), 2, 'must not run');
    for (const stream of streams) expect(await readAll(stream)).toEqual(payload);
    await expect(readAll(sha256Checked)).rejects.toMatchObject({ message: 'xz: must not run' });
  });

  it.skipIf(!findPeer('zstd'))('zstd up to a 32 MiB window never needs the program; a larger one does', async () => {
    const atLimit = compress('zstd', ['-c', '-q', '--long=25']);
    const plain = compress('zstd', ['-c', '-q']);
    const beyond = compress('zstd', ['-c', '-q', '--long=26']);
    expect(zstdWindowSize(atLimit)).toBe(2 ** 25);
    await fakeProgram('zstd', Buffer.alloc(0), 2, 'must not run');
    expect(await readAll(atLimit)).toEqual(payload);
    expect(await readAll(plain)).toEqual(payload);
    await expect(readAll(beyond)).rejects.toMatchObject({ message: 'zstd: must not run' });
  });
});

describe('zstdWindowSize', () => {
  const frame = (...bytes: number[]) => Buffer.from([0x28, 0xb5, 0x2f, 0xfd, ...bytes]);
  it('reads the window descriptor of a multi-segment frame', () => {
    expect(zstdWindowSize(frame(0x00, 0x00))).toBe(1024); // exponent 0, mantissa 0
    expect(zstdWindowSize(frame(0x00, 0x0b))).toBe(2048 + 3 * 256); // exponent 1, mantissa 3
    expect(zstdWindowSize(frame(0x00, 0x78))).toBe(2 ** 25); // exponent 15
  });
  it('takes the content size of a single-segment frame as its window', () => {
    expect(zstdWindowSize(frame(0x20, 200))).toBe(200); // 1-byte size
    expect(zstdWindowSize(frame(0x60, 0x34, 0x12))).toBe(0x1234 + 256); // 2-byte size, offset by 256
    expect(zstdWindowSize(frame(0xa0, 0x78, 0x56, 0x34, 0x12))).toBe(0x12345678); // 4-byte size
    expect(zstdWindowSize(frame(0xe0, 1, 0, 0, 0, 1, 0, 0, 0))).toBe(2 ** 32 + 1); // 8-byte size
    expect(zstdWindowSize(frame(0x22, 0xaa, 0xbb, 100))).toBe(100); // after a 2-byte dictionary ID
    expect(zstdWindowSize(frame(0x23, 0xaa, 0xbb, 0xcc, 0xdd, 100))).toBe(100); // after a 4-byte dictionary ID
  });
  it('is 0 when the header is too short to tell', () => {
    expect(zstdWindowSize(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))).toBe(0);
  });
});

describe('maxOutputBytes', () => {
  it('allows exactly the limit and refuses one byte more', async () => {
    const limited = async (bytes: Buffer, maxOutputBytes: number) => {
      const { stream } = await decompressStream(Readable.from([bytes]), { maxOutputBytes });
      const out: Buffer[] = [];
      for await (const chunk of stream) out.push(chunk as Buffer);
      return Buffer.concat(out);
    };
    const data = Buffer.alloc(1000, 7);
    expect((await limited(data, 1000)).length).toBe(1000);
    await expect(limited(data, 999)).rejects.toMatchObject({ code: 'INVALID_ARCHIVE', message: 'decompressed data exceeds the limit of 999 bytes' });
  });
});
