// The Images filter box: plain words and docker's `--filter` values, as `berth images --filter` reads them.
// The filters' rules are shared/image-filter.ts (the CLI's own code); here are only the rows' side of it and
// how the box splits what was typed.
import type { ImageSummary } from '../../../shared/api';
import { instantOf, type Instant } from '../../../shared/format';
import { buildImageFilter, FILTER_KINDS, groupFilters, type FilterSubject } from '../../../shared/image-filter';
import { resolveImageInput } from '../../../shared/image-resolve';
import { parseReference, repositoryName } from '../../../shared/ref/reference';

export interface BoxFilter {
  /** null when the box filters nothing. */
  predicate: ((image: ImageSummary) => boolean) | null;
  /** Why the box cannot filter (an unknown kind, a bad pattern, an image before=/since= cannot find). */
  error: string | null;
  /** A `dangling=` filter was typed: it decides, not the "Show dangling" toggle. */
  decidesDangling: boolean;
}

const NOTHING: BoxFilter = { predicate: null, error: null, decidesDangling: false };

/** Words separated by white space; a word with `=` is a filter (`kind=value`), any other narrows by name or ID. */
export function parseFilterBox(text: string, images: readonly ImageSummary[]): BoxFilter {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return NOTHING;
  const filters = tokens.filter((t) => t.includes('='));
  const words = tokens.filter((t) => !t.includes('=')).map((w) => w.toLowerCase());
  for (const filter of filters) {
    const key = filter.slice(0, filter.indexOf('=')).trim().toLowerCase();
    if (!key) return failed(`“${filter}” has no filter name: type name=value, for example dangling=true.`);
    if (!(FILTER_KINDS as readonly string[]).includes(key)) {
      return failed(`Unknown filter “${key}”. Filters: ${FILTER_KINDS.map((k) => `${k}=`).join(', ')}.`);
    }
  }
  let byFilters: ((image: ImageSummary) => boolean) | null;
  let decidesDangling: boolean;
  try {
    const byKind = groupFilters(filters);
    decidesDangling = byKind.has('dangling');
    byFilters = buildImageFilter(byKind, subjectOver(images));
  } catch (err) {
    return failed(err instanceof Error ? err.message : String(err));
  }
  const byWords = words.length ? (image: ImageSummary) => words.every((word) => matchesWord(image, word)) : null;
  const predicate =
    byFilters && byWords ? (image: ImageSummary) => byFilters(image) && byWords(image) : (byFilters ?? byWords);
  return { predicate, error: null, decidesDangling };
}

function failed(error: string): BoxFilter {
  return { predicate: null, error, decidesDangling: false };
}

/** One plain word: part of `repository:tag` or of the full reference, or the start of the ID. */
export function matchesWord(image: ImageSummary, needle: string): boolean {
  const hex = image.id.replace(/^sha256:/, '');
  return (
    `${image.repository}:${image.tag}`.toLowerCase().includes(needle) ||
    hex.startsWith(needle.replace(/^sha256:/, '')) ||
    (image.reference?.toLowerCase().includes(needle) ?? false)
  );
}

function subjectOver(images: readonly ImageSummary[]): FilterSubject<ImageSummary> {
  const created = new WeakMap<ImageSummary, Instant>();
  const createdAt = (image: ImageSummary): Instant => {
    let at = created.get(image);
    if (!at) created.set(image, (at = instantOf(image.created)));
    return at;
  };
  return {
    isDangling: (image) => image.dangling,
    labels: (image) => image.labels,
    familiarNames: (image) => (image.dangling ? null : [`${image.repository}:${image.tag}`, image.repository]),
    createdAt,
    createdOf: (value) => createdAt(findImage(images, value)),
  };
}

/** The row `value` names, in the CLI's order (shared/image-resolve.ts, as the core resolves a name). */
export function findImage(images: readonly ImageSummary[], value: string): ImageSummary {
  return resolveImageInput(images, value, {
    id: (image) => image.id,
    reference: (image) => image.reference,
    byDigest: (named) => {
      const repo = repositoryName(named);
      const sameRepo = (reference: string | null) => {
        try {
          return reference !== null && repositoryName(parseReference(reference)) === repo;
        } catch {
          return false;
        }
      };
      return (
        images.find((i) => i.repoDigest !== null && sameRepo(i.repoDigest) && i.repoDigest.endsWith(`@${named.digest}`)) ??
        images.find((i) => i.manifestDigest === named.digest && sameRepo(i.reference))
      );
    },
  }).item;
}
