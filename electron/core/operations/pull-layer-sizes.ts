// Docker's SIZE for pulled layers the pull could not measure as they landed (pull-layer-meter.ts: a resumed
// layer), measured after the pull has committed, so it never makes a pull slower: each is read back from the
// store, decompressed and its tar headers counted as archive/unpacked-size.ts counts them. The sizes are recorded with an empty index change (the write session
// keeps them under the lock). A layer that is not a tar Berth can read stays unmeasured: listings then count it
// as stored, as for any layer Berth never measured.
import { measureUnpacked } from './pull-layer-meter.js';
import type { ImageStore } from '../store/types.js';

async function unpackedSizeOf(store: ImageStore, digest: string): Promise<number | null> {
  const blob = store.openBlob(digest);
  try {
    return await measureUnpacked(blob);
  } catch {
    return null;
  } finally {
    blob.destroy();
  }
}

/** Measures `digests` (layers this process just pulled) and records what could be measured. */
export async function recordPulledLayerSizes(store: ImageStore, digests: readonly string[]): Promise<void> {
  const known = await store.layerSizes();
  const measured = new Map<string, number>();
  for (const digest of digests) {
    if (known.has(digest) || measured.has(digest)) continue;
    const bytes = await unpackedSizeOf(store, digest);
    if (bytes !== null) measured.set(digest, bytes);
  }
  if (measured.size === 0) return;
  const session = await store.beginWrite();
  try {
    for (const [digest, bytes] of measured) {
      // A layer removed (rmi, gc) meanwhile is simply not recorded.
      if (!(await session.retain(digest).then(() => true, () => false))) continue;
      session.noteLayerSize(digest, bytes);
    }
    await session.commit(() => undefined);
  } catch {
    await session.abort();
  }
}
