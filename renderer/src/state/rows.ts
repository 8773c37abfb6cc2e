// Row identity, filtering and sorting for the Images table: pure functions so selection logic can be tested.
import type { ImageSummary } from '../../../shared/api';
import { parseFilterBox } from './filter-box';

export { sortImages, type SortColumn, type SortDirection, type SortOrder } from '../../../shared/image-order';

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
