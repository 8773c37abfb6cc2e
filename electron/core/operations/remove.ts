// `berth rmi [-f] IMAGE…`: docker's rules per argument (image/remove.ts) over one catalog, then gc, whose
// deletions decide which layers the report names.
import type { RemoveOptions, RemoveReport } from '../../../shared/api.js';
import { toErrorPayload } from '../../../shared/errors.js';
import { removeImage } from '../image/remove.js';
import type { OperationContext } from './context.js';

export async function removeImages(ctx: OperationContext, references: string[], options: RemoveOptions = {}): Promise<RemoveReport> {
  const report: RemoveReport = { items: [], errors: [] };
  await ctx.store.updateIndex(async (index) => {
    // One catalog for the whole batch: each removal only drops entries (or edits their annotations in place).
    let { records } = await ctx.catalog.of(index);
    for (const reference of references) {
      try {
        report.items.push(...removeImage(index, records, reference, options.force ?? false));
      } catch (err) {
        report.errors.push({ image: reference, error: toErrorPayload(err) });
      }
      const live = new Set(index.manifests);
      records = records.filter((r) => live.has(r.entry));
    }
  });
  if (report.items.length > 0) {
    const { deleted } = await ctx.store.gc();
    // A layer is reported only when gc did delete it: not when another process's write still holds it.
    const gone = new Set(deleted);
    report.items = report.items.filter((item) => !('deletedLayer' in item) || gone.has(item.deletedLayer));
    ctx.emit({ type: 'store.changed' });
  }
  return report;
}
