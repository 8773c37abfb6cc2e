// The "Tags in registry" list's rules, kept pure: which images have one, and how the tags read once filtered and
// set against what the store has.

/** Whether the pane offers the registry's tags: the image was pulled or pushed under its own repository. */
export function fromRegistry(repository: string, repoDigests: readonly string[]): boolean {
  return repoDigests.some((digest) => digest.slice(0, digest.lastIndexOf('@')) === repository);
}

/** A filter box appears from this many tags on. */
export const FILTER_FROM = 12;

export interface TagLine {
  tag: string;
  /** `repository:tag` as Pull is given it. */
  reference: string;
  local: boolean;
}

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Registries list tags in no useful order (docker-registry: as stored): `latest` first, then newest-looking first
 * (numbers compared as numbers, so 1.10 comes before 1.9), as a user scanning for a version expects.
 */
export function byVersion(a: string, b: string): number {
  if (a === 'latest' || b === 'latest') return a === b ? 0 : a === 'latest' ? -1 : 1;
  return natural.compare(b, a);
}

/** The registry's tags matching `filter` (a substring, any case), in byVersion order, each marked when the store has it. */
export function tagLines(repository: string, tags: readonly string[], localTags: ReadonlySet<string>, filter: string): TagLine[] {
  const needle = filter.trim().toLowerCase();
  return [...tags]
    .sort(byVersion)
    .filter((tag) => needle === '' || tag.toLowerCase().includes(needle))
    .map((tag) => ({ tag, reference: `${repository}:${tag}`, local: localTags.has(tag) }));
}
