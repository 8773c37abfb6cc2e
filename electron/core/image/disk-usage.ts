// `berth df`: what the images take, with shared layers counted once, and what a prune would give back.
import type { DiskUsage } from '../../../shared/api.js';
import type { ImageStore } from '../store/types.js';
import { walkReferences } from '../store/walk.js';
import type { ImageRecord } from './model.js';

/** Distinct layers only, like an image's size, so unique size never exceeds the total. */
function distinctLayerBytes(records: ImageRecord[]): number {
  const layers = new Map<string, number>();
  for (const r of records) for (const l of r.layers) layers.set(l.digest, l.size);
  let total = 0;
  for (const size of layers.values()) total += size;
  return total;
}

export async function diskUsage(store: ImageStore, records: ImageRecord[]): Promise<DiskUsage> {
  const byId = new Map<string, ImageRecord>();
  for (const r of records) if (!byId.has(r.id)) byId.set(r.id, r);
  let totalSize = 0;
  for (const r of byId.values()) totalSize += r.size;
  const onDisk = await store.blobSizes();
  let storeSize = 0;
  for (const size of onDisk.values()) storeSize += size;
  // What survives a prune is what gc marks from the tagged entries: every platform of an index, not only ours.
  const kept = await walkReferences(store, records.filter((r) => r.reference !== null).map((r) => r.entry));
  let keptSize = 0;
  for (const digest of kept.keys()) keptSize += onDisk.get(digest) ?? 0;
  return {
    images: records.length,
    uniqueImages: byId.size,
    totalSize,
    uniqueSize: distinctLayerBytes(records),
    reclaimable: storeSize - keptSize,
    storeSize,
  };
}
