// `berth df`: what the images take, with shared layers counted once, and what a prune would give back.
import { readdir, lstat } from 'node:fs/promises';
import path from 'node:path';
import type { DiskUsage } from '../../../shared/api.js';
import type { ImageStore } from '../store/types.js';
import type { ImageRecord } from './model.js';

/** Every blob one record needs, with its size: the entry, the platform manifest, the config, the layers. */
export function blobsOf(record: ImageRecord): Map<string, number> {
  const blobs = new Map<string, number>([
    [record.topDigest, record.entry.size],
    [record.manifestDigest, record.manifestSize],
    [record.manifest.config.digest, record.manifest.config.size],
  ]);
  for (const layer of record.manifest.layers) blobs.set(layer.digest, layer.size);
  return blobs;
}

/** Layers only, like an image's size, so unique size never exceeds the total. */
function layersOf(record: ImageRecord): Map<string, number> {
  return new Map(record.manifest.layers.map((l) => [l.digest, l.size]));
}

function sumDistinct(records: ImageRecord[], blobs: (r: ImageRecord) => Map<string, number>): number {
  const all = new Map<string, number>();
  for (const r of records) for (const [digest, size] of blobs(r)) all.set(digest, size);
  let total = 0;
  for (const size of all.values()) total += size;
  return total;
}

export async function diskUsage(store: ImageStore, records: ImageRecord[]): Promise<DiskUsage> {
  const byId = new Map<string, ImageRecord>();
  for (const r of records) if (!byId.has(r.id)) byId.set(r.id, r);
  let totalSize = 0;
  for (const r of byId.values()) totalSize += r.size;
  const storeSize = await blobsOnDisk(store);
  const keptSize = sumDistinct(records.filter((r) => r.reference !== null), blobsOf);
  return {
    images: records.length,
    uniqueImages: byId.size,
    totalSize,
    uniqueSize: sumDistinct(records, layersOf),
    reclaimable: Math.max(0, storeSize - keptSize),
    storeSize,
  };
}

async function blobsOnDisk(store: ImageStore): Promise<number> {
  const dir = path.join(store.root, 'blobs', 'sha256');
  let total = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const info = await lstat(path.join(dir, name)).catch(() => null);
    if (info?.isFile()) total += info.size;
  }
  return total;
}
