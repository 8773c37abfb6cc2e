// The app's before-upload judgement agrees with what the core's tar reader and decompressor decide.
import { describe, expect, it } from 'vitest';
import { makeRootfsTar } from '../electron/core/testing/tarball.mjs';
import { detectCompression, importableKind, notTarMessage, tarChecksum } from './archive-kind.js';
import { gzipSync } from 'node:zlib';

describe('importableKind', () => {
  it('tells a tar archive, a compressed file, an empty file and anything else apart', async () => {
    const tar = await makeRootfsTar({ 'etc/x': 'y' });
    expect(importableKind(tar.subarray(0, 512), tar.length)).toBe('tar');
    expect(importableKind(gzipSync(tar).subarray(0, 512), 100)).toBe('compressed');
    expect(importableKind(new Uint8Array(0), 0)).toBe('empty');
    expect(importableKind(new TextEncoder().encode('remember the milk\n'), 18)).toBe('not-tar');
    expect(importableKind(new TextEncoder().encode('x'.repeat(512)), 4000)).toBe('not-tar');
  });

  it('checks the header checksum as Go does: a flipped byte makes a mismatch, a text field a malformed one', async () => {
    const block = Uint8Array.from((await makeRootfsTar({ 'etc/x': 'y' })).subarray(0, 512));
    expect(tarChecksum(block)).toBe('ok');
    block[0] = (block[0]! + 1) & 0xff;
    expect(tarChecksum(block)).toBe('mismatch');
    block.fill(0x41, 148, 156);
    expect(tarChecksum(block)).toBe('malformed');
  });

  it('knows the magic numbers of what import decompresses', () => {
    expect(detectCompression(Uint8Array.of(0x1f, 0x8b, 0x08))).toBe('gzip');
    expect(detectCompression(Uint8Array.of(0x42, 0x5a, 0x68))).toBe('bzip2');
    expect(detectCompression(Uint8Array.of(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00))).toBe('xz');
    expect(detectCompression(Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd))).toBe('zstd');
    expect(notTarMessage('notes.txt')).toMatch(/^notes\.txt is not a tar archive/);
  });
});
