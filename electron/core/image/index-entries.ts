// Edits of index.json entries that keep docker's tag semantics: one entry per tag, and an image that loses its
// last tag stays as a dangling entry (no ref name) instead of silently disappearing.
import type { Descriptor } from '../oci/descriptor.js';
import type { OciIndex } from '../oci/image-index.js';
import { ANNOTATIONS } from '../oci/annotations.js';
import { entryReference } from './entry-reference.js';

export interface EntryMeta {
  source: 'import' | 'pull' | 'load' | 'commit' | 'tag' | 'copy';
  /** When the image arrived; kept from the source entry when tagging. */
  created?: string;
  repoDigests?: string[];
}


function bareDescriptor(d: Descriptor): Descriptor {
  const { mediaType, digest, size } = d;
  return { mediaType, digest, size, ...(d.platform ? { platform: d.platform } : {}) };
}

function isDangling(entry: Descriptor): boolean {
  return entryReference(entry) === null;
}

/**
 * Adds a dangling entry for `target` unless some entry already points at it; then that entry gains `meta`'s repo
 * digests it lacks (docker's RepoDigests belong to the image: `pull name@digest` of an image already there adds one).
 */
export function keepAsDangling(index: OciIndex, target: Descriptor, meta: EntryMeta, now: string): void {
  const existing = index.manifests.find((e) => e.digest === target.digest);
  if (existing) {
    addRepoDigests(existing, meta.repoDigests ?? []);
    return;
  }
  const annotations: Record<string, string> = {
    [ANNOTATIONS.created]: meta.created ?? now,
    [ANNOTATIONS.source]: meta.source,
  };
  if (meta.repoDigests?.length) annotations[ANNOTATIONS.repoDigests] = meta.repoDigests.join(',');
  index.manifests.push({ ...bareDescriptor(target), annotations });
}

/**
 * Points `reference` (full, normalised) at `target`. Returns the descriptor the tag pointed at before, if it
 * pointed elsewhere; that image is kept as dangling when nothing else names it.
 */
export function setTag(index: OciIndex, reference: string, target: Descriptor, meta: EntryMeta, now: string): Descriptor | null {
  const previousAt = index.manifests.findIndex((e) => entryReference(e) === reference);
  const previous = previousAt >= 0 ? index.manifests[previousAt]! : null;
  if (previous) index.manifests.splice(previousAt, 1);

  index.manifests = index.manifests.filter((e) => !(e.digest === target.digest && isDangling(e)));
  const annotations: Record<string, string> = {
    [ANNOTATIONS.refName]: reference,
    [ANNOTATIONS.containerdName]: reference,
    [ANNOTATIONS.created]: meta.created ?? now,
    [ANNOTATIONS.lastTagTime]: now,
    [ANNOTATIONS.source]: meta.source,
  };
  if (meta.repoDigests?.length) annotations[ANNOTATIONS.repoDigests] = meta.repoDigests.join(',');
  index.manifests.push({ ...bareDescriptor(target), annotations });

  if (previous && previous.digest !== target.digest) {
    keepAsDangling(index, previous, metaOf(previous), now);
    return previous;
  }
  return null;
}

export function addRepoDigests(entry: Descriptor, digests: readonly string[]): void {
  const had = metaOf(entry).repoDigests ?? [];
  const all = [...new Set([...had, ...digests])];
  if (all.length === had.length) return;
  entry.annotations = { ...entry.annotations, [ANNOTATIONS.repoDigests]: all.join(',') };
}

export function metaOf(entry: Descriptor): EntryMeta {
  const a = entry.annotations ?? {};
  const repoDigests = a[ANNOTATIONS.repoDigests]?.split(',').filter(Boolean);
  return {
    source: (a[ANNOTATIONS.source] as EntryMeta['source'] | undefined) ?? 'copy',
    ...(a[ANNOTATIONS.created] ? { created: a[ANNOTATIONS.created] } : {}),
    ...(repoDigests?.length ? { repoDigests } : {}),
  };
}

