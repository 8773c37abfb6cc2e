// A dropped tarball's kind from its first entries: every image archive shape the core loads says "image archive",
// OS trees and other tars say "root filesystem", gzip is looked into, and a text file is no tar at all.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { makeRootfsTar } from '../../../../electron/core/testing/tarball.mjs';
import { legacyArchiveEntries, ociArchiveEntries, testImage } from '../../../../electron/core/tarball/test-support/archives.js';
import { entryVerdict, sniffTarball } from './archive-sniff';

const blob = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]);

describe('sniffTarball', () => {
  it('tells image archives (Docker before and after 25, OCI only, gzip-compressed) by their first entries', async () => {
    const image = await testImage();
    const legacy = await makeRootfsTar(legacyArchiveEntries([{ image, tags: ['a:1'] }]));
    const docker25 = await makeRootfsTar(ociArchiveEntries([{ image, tags: ['a:1'] }], { withManifestJson: true }));
    const oci = await makeRootfsTar(ociArchiveEntries([{ image, tags: [] }], { gzipLayers: true }));
    for (const bytes of [legacy, docker25, oci, gzipSync(legacy), gzipSync(docker25)]) {
      expect(await sniffTarball(blob(bytes))).toEqual({ kind: 'image-archive' });
    }
  });

  it('finds the first telling entry past ./ and past a large first entry it does not read into memory', async () => {
    const image = await testImage();
    const entries = [{ path: './', type: 'directory' as const }, ...ociArchiveEntries([{ image, tags: ['a:1'] }]).map((e) => ({ ...e, path: `./${e.path}` }))];
    expect(await sniffTarball(blob(await makeRootfsTar(entries)))).toEqual({ kind: 'image-archive' });
    // A long (pax) name is read from its own entry.
    const long = `blobs/sha256/${'a'.repeat(64)}/${'x'.repeat(120)}`;
    expect(await sniffTarball(blob(await makeRootfsTar({ [long]: 'x' })))).toEqual({ kind: 'image-archive' });
  });

  it('calls an OS tree, any other tar and an empty tar a root filesystem', async () => {
    const os = await makeRootfsTar([{ path: 'bin', type: 'directory' }, { path: 'etc/os-release', content: 'ID=x\n' }]);
    expect(await sniffTarball(blob(os))).toEqual({ kind: 'rootfs' });
    expect(await sniffTarball(blob(gzipSync(os)))).toEqual({ kind: 'rootfs' });
    expect(await sniffTarball(blob(await makeRootfsTar({ 'notes.txt': 'hi' })))).toEqual({ kind: 'rootfs' });
    expect(await sniffTarball(blob(new Uint8Array(1024)))).toEqual({ kind: 'rootfs' });
  });

  it('says a text file or broken gzip is no tar, and leaves xz and zstd to the core', async () => {
    expect(await sniffTarball(blob(new TextEncoder().encode('just some text, not an archive at all\n'.repeat(40))))).toEqual({ kind: 'not-tar' });
    expect(await sniffTarball(blob(new Uint8Array([0x1f, 0x8b, 0x08, 0, 1, 2, 3, 4, 5])))).toEqual({ kind: 'not-tar' });
    expect(await sniffTarball(blob(new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2])))).toEqual({ kind: 'unknown', compression: 'xz' });
    expect(await sniffTarball(blob(new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 1, 2])))).toEqual({ kind: 'unknown', compression: 'zstd' });
  });
});

describe('entryVerdict', () => {
  it('knows the image archive names and nothing else', () => {
    for (const name of ['manifest.json', 'index.json', 'oci-layout', 'repositories', 'blobs/', 'blobs/sha256/ab', `${'c'.repeat(64)}/layer.tar`, `${'d'.repeat(64)}.json`, `${'e'.repeat(64)}.tar`]) {
      expect(entryVerdict(name), name).toBe('image');
    }
    for (const name of ['bin/', 'etc/passwd', 'usr/lib/x', 'manifest.json.bak', 'abc/layer.tar']) expect(entryVerdict(name), name).toBe('rootfs');
    expect(entryVerdict('./')).toBeNull();
  });
});
