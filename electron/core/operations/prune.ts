// `berth prune` (docker image prune): drops dangling entries, then gc frees every blob nothing references.
import type { PruneReport } from '../../../shared/api.js';
import type { OperationContext } from './context.js';

export async function pruneImages(ctx: OperationContext): Promise<PruneReport> {
  const deleted = await ctx.store.updateIndex(async (index) => {
    const { records } = await ctx.catalog.of(index);
    const dangling = records.filter((r) => r.reference === null);
    const tagged = new Set(records.filter((r) => r.reference !== null).map((r) => r.id));
    const doomed = new Set(dangling.map((r) => r.entry));
    index.manifests = index.manifests.filter((e) => !doomed.has(e));
    // An ID still tagged elsewhere lost only a dangling entry, not the image.
    return [...new Set(dangling.filter((r) => !tagged.has(r.id)).map((r) => r.id))];
  });
  const gc = await ctx.store.gc();
  if (deleted.length > 0 || gc.deleted.length > 0) ctx.emit({ type: 'store.changed' });
  return { deleted, untagged: [], spaceReclaimed: gc.bytes };
}
