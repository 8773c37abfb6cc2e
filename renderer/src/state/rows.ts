// Row identity, filtering and sorting for the Images table: pure functions so selection logic can be tested.
import type { ImageSummary } from '../../../shared/api';
import { parseFilterBox } from './filter-box';

export type SortColumn = 'repository' | 'tag' | 'id' | 'created' | 'size';
export type SortDirection = 'asc' | 'desc';
export interface SortOrder {
  column: SortColumn;
  direction: SortDirection;
}

/** A stable key per row: the reference for a tag, the ID for a dangling image (one row each). */
export function rowKey(image: ImageSummary): string {
  return image.reference ?? `dangling:${image.id}`;
}

/** What `remove`/`tag` are given for this row: the familiar `repo:tag`, or the ID when dangling. */
export function rowTarget(image: ImageSummary): string {
  return image.dangling ? image.id : `${image.repository}:${image.tag}`;
}

export function displayName(image: ImageSummary): string {
  return image.dangling ? '<none>:<none>' : `${image.repository}:${image.tag}`;
}

export interface FilteredImages {
  images: ImageSummary[];
  /** Why the filter box cannot filter; the list is then empty. */
  error: string | null;
}

/** The filter box (words and docker filters, see filter-box.ts) and the "Show dangling" toggle, together. */
export function applyFilter(images: ImageSummary[], filter: string, showDangling: boolean): FilteredImages {
  const box = parseFilterBox(filter, images);
  if (box.error !== null) return { images: [], error: box.error };
  const hideDangling = !showDangling && !box.decidesDangling;
  const { predicate } = box;
  if (!predicate && !hideDangling) return { images, error: null };
  return { images: images.filter((image) => !(hideDangling && image.dangling) && (!predicate || predicate(image))), error: null };
}

export function filterImages(images: ImageSummary[], filter: string, showDangling: boolean): ImageSummary[] {
  return applyFilter(images, filter, showDangling).images;
}

// One collator for all comparisons: localeCompare with options builds a new one per call, which for
// 5,000 rows (about 60,000 comparisons) costs hundreds of milliseconds.
const names = new Intl.Collator(undefined, { sensitivity: 'variant' });
const tags = new Intl.Collator(undefined, { numeric: true });

// Parsing dates inside the comparator would run ~60,000 times for 5,000 rows.
const parsedCreated = new WeakMap<ImageSummary, number>();
function createdMs(image: ImageSummary): number {
  let ms = parsedCreated.get(image);
  if (ms === undefined) {
    ms = Date.parse(image.created) || 0;
    parsedCreated.set(image, ms);
  }
  return ms;
}

function compareBy(column: SortColumn, a: ImageSummary, b: ImageSummary): number {
  switch (column) {
    case 'repository':
      return names.compare(a.repository, b.repository);
    case 'tag':
      return tags.compare(a.tag, b.tag);
    case 'id':
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    case 'created':
      return createdMs(a) - createdMs(b);
    case 'size':
      return a.size - b.size;
  }
}

export function sortImages(images: ImageSummary[], order: SortOrder): ImageSummary[] {
  const sign = order.direction === 'asc' ? 1 : -1;
  const byName = order.column === 'repository' || order.column === 'tag';
  return [...images].sort(
    (a, b) =>
      // Sorting by name keeps <none> rows at the bottom either way, as they have no name to sort by.
      (byName && a.dangling !== b.dangling ? (a.dangling ? 1 : -1) : 0) ||
      sign * compareBy(order.column, a, b) ||
      compareBy('repository', a, b) ||
      compareBy('tag', a, b) ||
      compareBy('id', a, b),
  );
}

/** Click semantics of a file manager: plain click selects one, ctrl/cmd toggles, shift selects a range from the anchor. */
export function nextSelection(
  current: readonly string[],
  anchor: string | null,
  key: string,
  mode: 'single' | 'toggle' | 'range',
  visibleKeys: readonly string[],
): { selection: string[]; anchor: string | null } {
  if (mode === 'toggle') {
    const has = current.includes(key);
    return { selection: has ? current.filter((k) => k !== key) : [...current, key], anchor: key };
  }
  if (mode === 'range' && anchor !== null) {
    const from = visibleKeys.indexOf(anchor);
    const to = visibleKeys.indexOf(key);
    if (from >= 0 && to >= 0) {
      const [lo, hi] = from <= to ? [from, to] : [to, from];
      return { selection: visibleKeys.slice(lo, hi + 1), anchor };
    }
  }
  return { selection: [key], anchor: key };
}
