// One order for the app and the service: the same result in Node and Chromium, sorted or merely checked.
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from './api.js';
import { compareImages, DEFAULT_SORT, isSortOrder, sortImages } from './image-order.js';
import { imageSummary } from './test-support/image-summary.js';

function row(repository: string, tag: string, created: string, size = 0): ImageSummary {
  const id = `sha256:${(repository + tag).length.toString(16).padStart(64, '0')}`;
  return imageSummary({ id, repository, tag, created, size, diskSize: size });
}

const T = '2024-01-01T00:00:00Z';
const rows = [row('b', 'tag-10', T), row('b', 'tag-9', T), row('a', 'z', T), row('<none>', '<none>', '2025-01-01T00:00:00Z', 9), row('a-b', '1', T), row('a.b', '1', T)];

describe('image order', () => {
  it('puts newest first and breaks ties by repository, then tag numerically', () => {
    expect(sortImages(rows, DEFAULT_SORT).map((r) => `${r.repository}:${r.tag}`)).toEqual([
      '<none>:<none>', 'a:z', 'a-b:1', 'a.b:1', 'b:tag-9', 'b:tag-10',
    ]);
  });

  it('keeps dangling rows last when sorting by name, whichever the direction', () => {
    for (const direction of ['asc', 'desc'] as const) {
      expect(sortImages(rows, { column: 'repository', direction }).at(-1)!.dangling).toBe(true);
    }
  });

  it('returns a new array, checking a sorted list instead of sorting it', () => {
    const sorted = sortImages(rows, { column: 'size', direction: 'desc' });
    let comparisons = 0;
    const compare = compareImages({ column: 'size', direction: 'desc' });
    for (let i = 1; i < sorted.length; i++) comparisons += compare(sorted[i - 1]!, sorted[i]!) <= 0 ? 1 : 0;
    expect(comparisons).toBe(sorted.length - 1);
    const again = sortImages(sorted, { column: 'size', direction: 'desc' });
    expect(again).toEqual(sorted);
    expect(again).not.toBe(sorted);
  });

  it('recognises a sort order and nothing else', () => {
    expect(isSortOrder({ column: 'tag', direction: 'asc' })).toBe(true);
    expect(isSortOrder({ column: 'tag', direction: 'up' })).toBe(false);
    expect(isSortOrder({ column: 'labels', direction: 'asc' })).toBe(false);
    expect(isSortOrder({ column: 'tag', direction: 'asc', extra: 1 })).toBe(false);
    expect(isSortOrder(['tag', 'asc'])).toBe(false);
  });
});
