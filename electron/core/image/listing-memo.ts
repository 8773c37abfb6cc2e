// The listings of one version of the store. The catalog hands out the same frozen records while index.json is
// unchanged (catalog.ts), so summaries computed for those records stay true until the records change. The app asks
// twice per page load (its first screenful, then everything, both in its table order) and `berth serve` once per
// open tab: with 50,000 tags each of those was a full summarize-and-sort, now it is one per change of the store.
import type { ImageSummary, ListImagesOptions } from '../../../shared/api.js';
import { listImages } from './list.js';
import type { ImageRecord } from './model.js';

/** Few: a page load asks for one order; more keys only come from filters typed in the CLI's own process. */
const MAX_KEPT = 8;

export class ListingMemo {
  private records: readonly ImageRecord[] | null = null;
  private readonly kept = new Map<string, readonly ImageSummary[]>();

  /** listImages(records, options), from memory when these records were listed so before. A new array each call. */
  list(records: readonly ImageRecord[], options: ListImagesOptions): ImageSummary[] {
    if (records !== this.records) {
      this.records = records;
      this.kept.clear();
    }
    const { limit, all: _all, ...rest } = options; // `all` changes nothing (Berth has no intermediate images)
    const key = JSON.stringify([rest.filters ?? [], rest.reference ?? null, rest.order ?? null]);
    let rows = this.kept.get(key);
    if (!rows) {
      rows = Object.freeze(listImages(records, rest).map((row) => Object.freeze(row)));
      if (this.kept.size >= MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(key, rows);
    }
    return rows.slice(0, limit);
  }
}
