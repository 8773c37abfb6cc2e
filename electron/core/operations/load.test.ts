import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryReference } from '../image/entry-reference.js';
import { openStore } from '../store/store.js';
import type { ImageStore } from '../store/types.js';
import { makeRootfsTar, type RootfsEntry } from '../testing/tarball.mjs';
import { legacyArchiveEntries, ociArchiveEntries, sha, testImage, type TestImage } from '../tarball/test-support/archives.js';
import { loadArchive } from './load.js';

let root: string;
let store: ImageStore;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'berth-load-'));
  store = await openStore(root);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const load = async (entries: RootfsEntry[] | Buffer) =>
  loadArchive(store, Readable.from([Buffer.isBuffer(entries) ? entries : await makeRootfsTar(entries)]));

async function tags(): Promise<Record<string, string>> {
  const index = await store.readIndex();
  return Object.fromEntries(index.manifests.map((e) => [entryReference(e) ?? '<none>', e.digest]));
}

/** Everything a load could change: index.json's bytes, the blobs, and stray files in ingest/ (beside the store's own folders). */
async function snapshot() {
  const ingest = (await readdir(path.join(root, 'ingest'))).filter((name) => name !== 'leases' && name !== 'trash');
  return { index: await readFile(path.join(root, 'index.json'), 'utf8'), blobs: (await readdir(path.join(root, 'blobs', 'sha256'))).sort(), ingest };
}

const one = async (): Promise<TestImage> => testImage();

describe('loadArchive: the formats in use', () => {
  it('loads a docker-archive as Docker before 25 saved it, following the symlink of a layer written once', async () => {
    const base = await makeRootfsTar({ 'etc/base': 'base\n' });
    const a = await testImage([base, await makeRootfsTar({ 'a': 'a\n' })]);
    const b = await testImage([base, await makeRootfsTar({ 'b': 'b\n' })]);
    const result = await load(legacyArchiveEntries([{ image: a, tags: ['alpha:1', 'alpha:latest'] }, { image: b, tags: ['127.0.0.1:5000/beta:2'] }]));
    expect(result.images).toEqual([
      { id: `sha256:${a.configHex}`, tags: ['docker.io/library/alpha:1', 'docker.io/library/alpha:latest'] },
      { id: `sha256:${b.configHex}`, tags: ['127.0.0.1:5000/beta:2'] },
    ]);
    const listed = await tags();
    expect(Object.keys(listed).sort()).toEqual(['127.0.0.1:5000/beta:2', 'docker.io/library/alpha:1', 'docker.io/library/alpha:latest']);
    // Only what the images use stays: no manifest.json, no v1 json, no repositories blob.
    const manifest = await store.readBlobJson<{ config: { digest: string }; layers: Array<{ digest: string; mediaType: string }> }>(listed['docker.io/library/alpha:1']!);
    expect(manifest.config.digest).toBe(`sha256:${a.configHex}`);
    expect(manifest.layers.map((l) => l.digest)).toEqual(a.diffIds);
    expect(manifest.layers[0]!.mediaType).toBe('application/vnd.oci.image.layer.v1.tar');
    const kept = new Set([a.configHex, b.configHex, ...a.diffIds, ...b.diffIds].map((d) => d.replace('sha256:', '')));
    for (const digest of Object.values(listed)) kept.add(digest.slice(7));
    expect((await snapshot()).blobs).toEqual([...kept].sort());
    expect((await store.fsck()).ok).toBe(true);
    expect((await store.layerSizes()).get(a.diffIds[0]!)).toBe(5);
  });

  it('loads a Docker 25+ archive keeping its own manifest (the digest docker shows)', async () => {
    const image = await one();
    const entries = ociArchiveEntries([{ image, tags: ['busybox:latest'] }], { withManifestJson: true, annotations: (tag) => ({ 'io.containerd.image.name': `docker.io/library/${tag}`, 'org.opencontainers.image.ref.name': 'latest' }) });
    const manifestEntry = entries.find((e) => e.path.startsWith('blobs/') && 'content' in e && String(e.content).includes('"schemaVersion"'))!;
    const result = await load(entries);
    expect(result.images).toEqual([{ id: `sha256:${image.configHex}`, tags: ['docker.io/library/busybox:latest'] }]);
    expect((await tags())['docker.io/library/busybox:latest']).toBe(`sha256:${sha((manifestEntry as unknown as { content: Buffer }).content)}`);
  });

  it('loads an OCI archive with only index.json, gzip layers kept as they came; a bare tag name loads untagged', async () => {
    const named = await one();
    const bare = await one();
    await load(ociArchiveEntries([{ image: named, tags: ['127.0.0.1:5000/x/y:3'] }], { gzipLayers: true }));
    await load(ociArchiveEntries([{ image: bare, tags: ['latest'] }], { annotations: () => ({ 'org.opencontainers.image.ref.name': 'latest' }) }));
    const listed = await tags();
    expect(Object.keys(listed).sort()).toEqual(['127.0.0.1:5000/x/y:3', '<none>']);
    const manifest = await store.readBlobJson<{ layers: Array<{ digest: string; mediaType: string }> }>(listed['127.0.0.1:5000/x/y:3']!);
    expect(manifest.layers[0]!.digest).toBe(`sha256:${sha(gzipSync(named.layers[0]!))}`);
    expect((await store.layerSizes()).get(manifest.layers[0]!.digest)).toBeGreaterThan(0);
  });

  it('loads an empty layer (two zero blocks, as podman and docker write one) with an unpacked size of 0', async () => {
    const empty = await testImage([Buffer.alloc(1024)]);
    const result = await load(legacyArchiveEntries([{ image: empty, tags: ['empty-layer:1'] }]));
    expect(result.images[0]!.id).toBe(`sha256:${empty.configHex}`);
    expect((await store.layerSizes()).get(empty.diffIds[0]!)).toBe(0);
  });

  it('reads the whole archive gzip-compressed', async () => {
    const image = await one();
    const tar = await makeRootfsTar(legacyArchiveEntries([{ image, tags: ['zipped:1'] }]));
    const result = await load(gzipSync(tar));
    expect(result.images[0]!.tags).toEqual(['docker.io/library/zipped:1']);
  });

  it('moves a tag from an image already in the store, which stays as dangling (nothing is lost)', async () => {
    const first = await one();
    const second = await one();
    await load(legacyArchiveEntries([{ image: first, tags: ['same:1'] }]));
    await load(legacyArchiveEntries([{ image: second, tags: ['same:1'] }]));
    const index = await store.readIndex();
    expect(index.manifests).toHaveLength(2);
    expect(Object.keys(await tags()).sort()).toEqual(['<none>', 'docker.io/library/same:1']);
  });
});

describe('loadArchive: containerd exports and cancel', () => {
  it('loads a nested index (containerd export) as a sparse index tagged by its name, the present platform checked', async () => {
    const image = await one();
    const entries = ociArchiveEntries([{ image, tags: [] }], { gzipLayers: true });
    const manifestEntry = entries.find((e) => 'content' in e && String(e.content).includes('"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"'))! as unknown as { content: Buffer };
    const manifestDigest = `sha256:${sha(manifestEntry.content)}`;
    const absent = `sha256:${'a'.repeat(64)}`;
    const nested = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestDigest, size: manifestEntry.content.length, platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: absent, size: 500, platform: { os: 'linux', architecture: 'arm64' } },
      ],
    }));
    const top = { mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${sha(nested)}`, size: nested.length, annotations: { 'io.containerd.image.name': 'docker.io/library/multi:1' } };
    const withNested = [
      ...entries.filter((e) => e.path !== 'index.json'),
      { path: `blobs/sha256/${sha(nested)}`, content: nested },
      { path: 'index.json', content: JSON.stringify({ schemaVersion: 2, manifests: [top] }) },
    ];
    const result = await load(withNested);
    expect(result.images).toEqual([{ id: `sha256:${image.configHex}`, tags: ['docker.io/library/multi:1'] }]);
    expect((await tags())['docker.io/library/multi:1']).toBe(top.digest);
    expect(await store.fsck()).toMatchObject({ ok: true, problems: [] });
  });

  it('a cancel mid-load leaves the store as it was', async () => {
    await load(legacyArchiveEntries([{ image: await one(), tags: ['before:1'] }]));
    const before = await snapshot();
    const big = await testImage([await makeRootfsTar({ big: Buffer.alloc(8 << 20, 1) })]);
    const tar = await makeRootfsTar(legacyArchiveEntries([{ image: big, tags: ['big:1'] }]));
    const controller = new AbortController();
    const slow = Readable.from((async function* () {
      for (let at = 0; at < tar.length; at += 1 << 20) {
        if (at >= 2 << 20) controller.abort();
        yield tar.subarray(at, at + (1 << 20));
      }
    })());
    await expect(loadArchive(store, slow, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await snapshot()).toEqual(before);
  });
});

describe('loadArchive: a small archive cannot buy unbounded work', () => {
  it('decompresses a gzip layer once however many times the manifests name it', async () => {
    // One gzip bomb-ish layer named 300 times (in one manifest, and again in manifest.json): each check used to
    // decompress it afresh, so a few KB of archive could cost 10 000 images x 1 000 layers x its unpacked size.
    const layer = await makeRootfsTar({ zeros: Buffer.alloc(1 << 20) });
    const image = await testImage(Array.from({ length: 300 }, () => layer));
    const layerDigest = `sha256:${sha(gzipSync(layer))}`;
    const opened: string[] = [];
    const counting = new Proxy(store, {
      get(target, name) {
        const value = Reflect.get(target, name) as unknown;
        if (name === 'openBlob') return (digest: string, ...rest: unknown[]) => (opened.push(digest), target.openBlob(digest, ...(rest as [])));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const tar = await makeRootfsTar(ociArchiveEntries([{ image, tags: ['many:1'] }], { gzipLayers: true, withManifestJson: true }));
    const result = await loadArchive(counting, Readable.from([tar]));
    expect(result.images).toEqual([{ id: `sha256:${image.configHex}`, tags: ['docker.io/library/many:1'] }]);
    expect(opened.filter((d) => d === layerDigest)).toHaveLength(1);
  });

  it('refuses indexes that multiply into millions of manifest checks, in seconds', async () => {
    // index.json names one nested index 2 000 times, which names one manifest 1 000 times: 2 million checks (and
    // as many descriptors kept) from an archive of a few hundred KB.
    const image = await one();
    const base = ociArchiveEntries([{ image, tags: [] }]);
    const index = JSON.parse(String((base.find((e) => e.path === 'index.json') as unknown as { content: Buffer }).content)) as { manifests: Array<Record<string, unknown>> };
    const manifest = { ...index.manifests[0]!, annotations: undefined, platform: { os: 'linux', architecture: 'amd64' } };
    const nested = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: Array.from({ length: 1000 }, () => manifest) }));
    const top = { mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${sha(nested)}`, size: nested.length };
    const entries = [
      ...base.filter((e) => e.path !== 'index.json'),
      { path: `blobs/sha256/${sha(nested)}`, content: nested },
      { path: 'index.json', content: JSON.stringify({ schemaVersion: 2, manifests: Array.from({ length: 2000 }, () => top) }) },
    ];
    const started = Date.now();
    await expect(load(entries)).rejects.toMatchObject({ code: 'INVALID_ARCHIVE', message: expect.stringMatching(/more than .* manifests/) });
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe.each(['an empty', 'a populated'])('loadArchive: hostile archives leave %s store as it was', (kind) => {
  let populated: Awaited<ReturnType<typeof snapshot>>;
  beforeEach(async () => {
    if (kind === 'a populated') await load(legacyArchiveEntries([{ image: await one(), tags: ['kept:1'] }]));
    populated = await snapshot();
  });

  async function refused(entries: RootfsEntry[] | Buffer, message: RegExp) {
    await expect(load(entries)).rejects.toMatchObject({ code: 'INVALID_ARCHIVE', message: expect.stringMatching(message) });
    expect(await snapshot()).toEqual(populated);
  }

  it('refuses paths that leave the archive and entries that are not files', async () => {
    const good = legacyArchiveEntries([{ image: await one(), tags: ['bad:1'] }]);
    await refused([{ path: '../evil', content: 'x' }, ...good], /climbs out of the archive/);
    await refused([{ path: '/etc/evil', content: 'x' }, ...good], /absolute path/);
    await refused([{ path: 'dev', type: 'character-device' }, ...good], /character device/);
    await refused([{ path: 'fifo', type: 'fifo' }, ...good], /fifo/);
    await refused([{ path: 'escape', type: 'symlink', target: '../../etc/passwd' }, ...good], /points outside the archive/);
  });

  it('refuses a manifest.json that names missing files or the wrong layer count, and layers that do not match', async () => {
    const image = await one();
    const good = legacyArchiveEntries([{ image, tags: ['bad:1'] }]);
    const withManifest = (manifest: unknown) => [...good.filter((e) => e.path !== 'manifest.json'), { path: 'manifest.json', content: JSON.stringify(manifest) }];
    const layerPaths = good.filter((e) => e.path.endsWith('layer.tar')).map((e) => e.path);
    await refused(withManifest([{ Config: 'missing.json', RepoTags: [], Layers: layerPaths }]), /config "missing.json" is not in the archive/);
    await refused(withManifest([{ Config: `${image.configHex}.json`, RepoTags: [], Layers: layerPaths.slice(1) }]), /1 layer listed .* which has 2/);
    await refused(withManifest([{ Config: `${image.configHex}.json`, RepoTags: [], Layers: [...layerPaths].reverse() }]), /does not match the config/);
    await refused(withManifest([{ Config: `${image.configHex}.json`, RepoTags: ['Upper:1'], Layers: layerPaths }]), /invalid tag "Upper:1"/);
    await refused(withManifest({}), /must be a list of images/);
    await refused(good.filter((e) => e.path !== 'manifest.json' && e.path !== 'repositories'), /neither a manifest.json/);
  });

  it('refuses a config whose bytes do not match its name, and one tag given to two images', async () => {
    const image = await one();
    const other = await one();
    const good = legacyArchiveEntries([{ image, tags: ['bad:1'] }]);
    const tampered = good.map((e) => (e.path === `${image.configHex}.json` ? { ...e, content: Buffer.from(String((e as unknown as { content: Buffer }).content).replace('/bin/sh', '/bin/xx')) } : e));
    await refused(tampered, /does not match its digest/);
    await refused(legacyArchiveEntries([{ image, tags: ['dup:1'] }, { image: other, tags: ['dup:1'] }]), /given to two/);
  });

  it('refuses truncated and non-tar input', async () => {
    const tar = await makeRootfsTar(legacyArchiveEntries([{ image: await one(), tags: ['cut:1'] }]));
    await refused(tar.subarray(0, Math.floor(tar.length / 2) + 100), /truncated/);
    await refused(Buffer.from('{"not":"a tar"}'.repeat(100)), /./);
  });
});
