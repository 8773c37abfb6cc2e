// Row identity, filtering and sorting for the Images table: pure functions so selection logic can be tested.
import type { ImageSummary } from '../../../shared/api';

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

export function filterImages(images: ImageSummary[], filter: string, showDangling: boolean): ImageSummary[] {
  const needle = filter.trim().toLowerCase();
  return images.filter((image) => {
    if (image.dangling && !showDangling) return false;
    if (!needle) return true;
    const hex = image.id.replace(/^sha256:/, '');
    return (
      `${image.repository}:${image.tag}`.toLowerCase().includes(needle) ||
      hex.startsWith(needle.replace(/^sha256:/, '')) ||
      (image.reference?.toLowerCase().includes(needle) ?? false)
    );
  });
}

function compareBy(column: SortColumn, a: ImageSummary, b: ImageSummary): number {
  if ((column === 'repository' || column === 'tag') && a.dangling !== b.dangling) return a.dangling ? 1 : -1; // <none> after names
  switch (column) {
    case 'repository':
      return a.repository.localeCompare(b.repository);
    case 'tag':
      return a.tag.localeCompare(b.tag, undefined, { numeric: true });
    case 'id':
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    case 'created':
      return Date.parse(a.created) - Date.parse(b.created);
    case 'size':
      return a.size - b.size;
  }
}

export function sortImages(images: ImageSummary[], order: SortOrder): ImageSummary[] {
  const sign = order.direction === 'asc' ? 1 : -1;
  return [...images].sort(
    (a, b) =>
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
