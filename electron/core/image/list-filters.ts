// `docker images --filter` over the store's records: how dockerd 20.10 combines filters is in
// shared/image-filter.ts, which the renderer's filter box uses too; here are only the records' side of it.
import { familiarName, familiarString } from '../ref/reference.js';
import { buildImageFilter, groupFilters, type FilterSubject, type Predicate as RowPredicate } from '../../../shared/image-filter.js';
import type { ImageRecord } from './model.js';
import { resolveImage } from './resolve.js';

export type Predicate = RowPredicate<ImageRecord>;

/** One predicate for every `--filter` value and the positional reference; null when nothing filters. */
export function imageFilter(filters: readonly string[], records: readonly ImageRecord[], reference?: string): Predicate | null {
  const byKind = groupFilters(filters);
  if (reference) byKind.set('reference', [...(byKind.get('reference') ?? []), reference]);
  const subject: FilterSubject<ImageRecord> = {
    isDangling: (r) => r.reference === null,
    labels: (r) => r.labels,
    familiarNames: (r) => (r.ref ? [familiarString(r.ref), familiarName(r.ref)] : null),
    createdAt: (r) => r.createdAt,
    createdOf: (value) => resolveImage(records, value).records[0]!.createdAt,
  };
  return buildImageFilter(byKind, subject);
}
