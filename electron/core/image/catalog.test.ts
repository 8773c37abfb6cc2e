// The catalog over a real store: the same records with and without the cache file, blobs read only for images
// the cache does not know, facts for digests nothing references pruned, and damaged cache files rebuilt.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/store.js';
import type { ImageStore } from '../store/types.js';
import { Catalog, type CatalogResult } from './catalog.js';
import { catalogCachePath, encodeCatalogCache, readCatalogCache } from './catalog-cache.js';
import type { DocumentFacts } from './image-facts.js';
import { addDangling, tag, writeImage, writeIndex } from './test-support/images.js';

let root: string;
let store: ImageStore;
const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64' };

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'berth-catalog-'));
  store = await openStore(root);
  const plain = await writeImage(store, { salt: 'plain', created: '2024-01-01T00:00:05.5Z', labels: { a: '1', 'b=c': 'd' } });
  const amd = await writeImage(store, { salt: 'amd', platform: AMD64, created: '2023-05-01T00:00:00Z' });
  const arm = await writeImage(store, { salt: 'arm', platform: ARM64, created: '2023-05-01T00:00:01Z' });
  const multi = await writeIndex(store, [{ manifest: arm, platform: ARM64 }, { manifest: amd, platform: AMD64 }]);
  const old = await writeImage(store, { salt: 'old' }); // no created time at all
  await tag(store, 'docker.io/library/plain:1', plain);
  await tag(store, 'docker.io/library/plain:2', plain);
  await tag(store, 'ghcr.io/team/multi:latest', multi);
  await addDangling(store, old);
  // A tag whose manifest is gone (as another tool may leave it): listed as broken, never cached.
  const index = structuredClone(await store.readIndex());
  const gone = `docker.io/library/gone:1`;
  index.manifests.push({ ...plain, digest: `sha256:${'e'.repeat(64)}`, annotations: { 'org.opencontainers.image.ref.name': gone } });
  await fs.writeFile(path.join(root, 'index.json'), JSON.stringify(index));
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** The store, counting blob reads. */
function counting(inner: ImageStore): { store: ImageStore; reads: () => number } {
  let reads = 0;
  const wrapped = Object.create(inner) as ImageStore;
  wrapped.readBlobJson = <T>(digest: string) => {
    reads++;
    return inner.readBlobJson<T>(digest);
  };
  wrapped.readBlobJsonSync = <T>(digest: string) => {
    reads++;
    return inner.readBlobJsonSync<T>(digest);
  };
  return { store: wrapped, reads: () => reads };
}

async function load(catalog: Catalog): Promise<CatalogResult> {
  const result = await catalog.load(AMD64);
  await catalog.flush();
  return result;
}

async function plant(bytes: Buffer | string): Promise<void> {
  await fs.mkdir(path.dirname(catalogCachePath(root)), { recursive: true });
  await fs.writeFile(catalogCachePath(root), bytes);
}

describe('the catalog cache', () => {
  it('gives the same records as reading every blob, and reads no blob once cached', async () => {
    const truth = await load(new Catalog(store, { persist: false }));
    expect(truth.records.map((r) => r.reference)).toEqual([
      'docker.io/library/plain:1', 'docker.io/library/plain:2', 'ghcr.io/team/multi:latest', null,
    ]);
    expect(truth.records[2]!.platform).toEqual(AMD64);
    expect(truth.broken.map((b) => b.reason)).toEqual([expect.stringMatching(/not in the store/)]);
    expect(await readCatalogCache(root)).toEqual({ entries: new Map(), problem: 'absent' });

    const cold = counting(store);
    expect(await load(new Catalog(cold.store))).toEqual(truth);
    expect(cold.reads()).toBeGreaterThanOrEqual(7); // 3 manifests, 3 configs, 1 index (+ the missing one)
    expect((await readCatalogCache(root)).problem).toBeNull();

    const warm = counting(store);
    expect(await load(new Catalog(warm.store))).toEqual(truth);
    expect(warm.reads()).toBe(1); // only the missing manifest is tried again
  });

  it('keeps what a pass learned in memory for the next pass of the same process', async () => {
    const counted = counting(store);
    const catalog = new Catalog(counted.store, { persist: false });
    await load(catalog);
    const first = counted.reads();
    await load(catalog);
    expect(counted.reads() - first).toBe(1);
  });

  it('hands out the last records again, reading nothing, until index.json changes', async () => {
    const index = structuredClone(await store.readIndex());
    index.manifests = index.manifests.filter((d) => !d.annotations?.['org.opencontainers.image.ref.name']?.includes('gone'));
    await fs.writeFile(path.join(root, 'index.json'), JSON.stringify(index)); // only sound entries: nothing to retry
    const counted = counting(store);
    const catalog = new Catalog(counted.store, { persist: false });
    const first = await load(catalog);
    const reads = counted.reads();
    expect(await load(catalog)).toBe(first);
    expect(counted.reads()).toBe(reads);
    expect(Object.isFrozen(first.records)).toBe(true);

    const plain = first.records.find((r) => r.reference === 'docker.io/library/plain:1')!.entry;
    await tag(store, 'docker.io/library/plain:3', plain);
    const after = await load(catalog);
    expect(after).not.toBe(first);
    expect(after.records.map((r) => r.reference)).toContain('docker.io/library/plain:3');
  });

  it('prunes facts of digests nothing references any more', async () => {
    await load(new Catalog(store));
    const before = (await readCatalogCache(root)).entries;
    const stale = `sha256:${'a'.repeat(64)}`;
    const extra = new Map<string, DocumentFacts>(before);
    extra.set(stale, { ...[...before.values()].find((f) => f.kind === 'manifest')! });
    await plant(encodeCatalogCache(extra));
    await load(new Catalog(store));
    const after = await readCatalogCache(root);
    expect(after.problem).toBeNull();
    expect(after.entries.has(stale)).toBe(false);
    expect([...after.entries.keys()].sort()).toEqual([...before.keys()].sort());

    // Untagging drops the image's facts on the next listing.
    const index = structuredClone(await store.readIndex());
    index.manifests = index.manifests.filter((d) => !d.annotations?.['org.opencontainers.image.ref.name']?.includes('multi'));
    await fs.writeFile(path.join(root, 'index.json'), JSON.stringify(index));
    await load(new Catalog(store));
    expect((await readCatalogCache(root)).entries.size).toBe(before.size - 2); // the index and the manifest chosen from it
  });

  const damaged: Array<[string, () => Promise<void>, RegExp]> = [
    ['not JSON at all', () => plant('{"format":"berth-catalog-cache", garbage'), /not a version 1|too short/],
    ['cut short', async () => plant((await fs.readFile(catalogCachePath(root))).subarray(0, 500)), /truncated|checksum/],
    ['a changed byte', async () => {
      const bytes = await fs.readFile(catalogCachePath(root));
      bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 1;
      await plant(bytes);
    }, /checksum mismatch/],
    ['valid framing, entries of the wrong shape', async () => {
      const wrong = new Map((await readCatalogCache(root)).entries);
      for (const [digest, facts] of wrong) wrong.set(digest, { ...facts, kind: 'manifest', config: 42 } as unknown as DocumentFacts);
      await plant(encodeCatalogCache(wrong));
    }, /wrong shape/],
    ['valid framing, an instant that is not [ms, ns]', async () => {
      const wrong = new Map((await readCatalogCache(root)).entries);
      for (const [digest, facts] of wrong) if (facts.kind === 'manifest') wrong.set(digest, { ...facts, instant: ['2024', 1e9] } as unknown as DocumentFacts);
      await plant(encodeCatalogCache(wrong));
    }, /wrong shape/],
    ['valid framing, entries not an object', () => plant(encodeCatalogCache(new Map()).toString().replace('"entries":{}', '"entries":[]')), /checksum|not an object/],
    ['another version', () => plant(`{"format":"berth-catalog-cache","version":2,"sha256":"${'0'.repeat(64)}","entries":{}}`), /not a version 1/],
    ['empty', () => plant(''), /too short/],
  ];
  for (const [what, damage, reason] of damaged) {
    it(`is rebuilt from the blobs when ${what}`, async () => {
      const truth = await load(new Catalog(store, { persist: false }));
      await load(new Catalog(store));
      await damage();
      expect((await readCatalogCache(root)).problem).toMatch(reason);
      expect(await load(new Catalog(store))).toEqual(truth);
      const rebuilt = await readCatalogCache(root);
      expect(rebuilt.problem).toBeNull();
      expect(rebuilt.entries.size).toBe(4); // plain, old, the index and the manifest chosen from it
    });
  }

  it('still lists when the cache cannot be written (a read-only cache folder)', async () => {
    if (process.getuid?.() === 0) return; // root writes anyway; the symlinked-folder test covers a refused write
    await fs.mkdir(path.dirname(catalogCachePath(root)), { recursive: true });
    await fs.chmod(path.dirname(catalogCachePath(root)), 0o500);
    const truth = await load(new Catalog(store, { persist: false }));
    expect(await load(new Catalog(store))).toEqual(truth);
  });
});
