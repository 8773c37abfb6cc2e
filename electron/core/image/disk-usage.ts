// `berth df`: what the images take, with shared layers counted once, and what a prune would give back.
import type { DiskUsage } from '../../../shared/api.js';
import type { ImageStore } from '../store/types.js';
import { walkReferences } from '../store/walk.js';
import type { ImageRecord } from './model.js';

/** Distinct layers only, unpacked and as stored, so unique size never exceeds the total. */
function distinctLayerBytes(records: readonly ImageRecord[]): { content: number; disk: number } {
  const layers = new Map<string, { content: number; disk: number }>();
  for (const r of records) for (const l of r.layers) layers.set(l.digest, { content: l.unpacked ?? l.size, disk: l.size });
  const total = { content: 0, disk: 0 };
  for (const size of layers.values()) {
    total.content += size.content;
    total.disk += size.disk;
  }
  return total;
}

export async function diskUsage(store: ImageStore, records: readonly ImageRecord[]): Promise<DiskUsage> {
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
  // gc also keeps the gzip twin a push made of a kept layer (store/compressed-layers.ts).
  for (const [layer, twin] of await store.compressedLayers()) if (kept.has(layer) && !kept.has(twin.digest)) keptSize += onDisk.get(twin.digest) ?? 0;
  const distinct = distinctLayerBytes(records);
  return {
    images: records.length,
    uniqueImages: byId.size,
    totalSize,
    uniqueSize: distinct.content,
    uniqueDiskSize: distinct.disk,
    reclaimable: storeSize - keptSize,
    storeSize,
  };
}
