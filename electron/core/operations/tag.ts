// `berth tag SOURCE TARGET`: points TARGET at SOURCE's image; the image TARGET named before stays as dangling.
import { metaOf, setTag } from '../image/index-entries.js';
import { resolveImage } from '../image/resolve.js';
import { tagReference, type OperationContext } from './context.js';

export async function tagImage(ctx: OperationContext, source: string, target: string): Promise<void> {
  const targetRef = tagReference(target);
  await ctx.store.updateIndex(async (index) => {
    const { records } = await ctx.catalog.of(index);
    const from = resolveImage(records, source).records[0]!;
    setTag(index, targetRef, from.entry, { ...metaOf(from.entry), source: 'tag' }, new Date().toISOString());
  });
  ctx.emit({ type: 'store.changed' });
}
