// The memo answers from the summaries of the same records, in any order and length asked, and forgets them the
// moment the catalog hands out new records.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SORT } from '../../../shared/image-order.js';
import { listImages } from './list.js';
import { ListingMemo } from './listing-memo.js';
import { record } from './test-support/record.js';

// One image under many tags, all created at once: only the tie-breaks order them (tag-10 after tag-9).
const records = Object.freeze(Array.from({ length: 12 }, (_, i) => record('busy', 'a', '2024-01-01T00:00:00Z', `tag-${i}`)));
const tags = (rows: Array<{ tag: string }>) => rows.map((row) => row.tag);

describe('ListingMemo', () => {
  it('gives the first rows of the very list it gives whole, in the order asked', () => {
    const memo = new ListingMemo();
    const first = memo.list(records, { order: DEFAULT_SORT, limit: 3 });
    const all = memo.list(records, { order: DEFAULT_SORT });
    expect(tags(first)).toEqual(['tag-0', 'tag-1', 'tag-2']);
    expect(tags(all).slice(8)).toEqual(['tag-8', 'tag-9', 'tag-10', 'tag-11']);
    expect(first).toEqual(all.slice(0, 3));
    expect(first[0]).toBe(all[0]); // computed once for both calls
  });

  it('keeps docker order apart from the table order, and each equal to an unmemoised listing', () => {
    const memo = new ListingMemo();
    expect(memo.list(records, {})).toEqual(listImages(records, {}));
    expect(memo.list(records, { order: { column: 'tag', direction: 'desc' } })).toEqual(
      listImages(records, { order: { column: 'tag', direction: 'desc' } }),
    );
    expect(tags(memo.list(records, { filters: ['reference=*:tag-1*'] }))).toEqual(['tag-1', 'tag-10', 'tag-11']);
  });

  it('hands out frozen rows in a fresh array, and lists new records anew', () => {
    const memo = new ListingMemo();
    const rows = memo.list(records, {});
    expect(Object.isFrozen(rows[0])).toBe(true);
    rows.pop();
    expect(memo.list(records, {})).toHaveLength(12);

    const changed = Object.freeze([...records.slice(1), record('new', 'b', '2025-01-01T00:00:00Z')]);
    const after = memo.list(changed, {});
    expect(after[0]!.repository).toBe('new');
    expect(after).toHaveLength(12);
  });
});
