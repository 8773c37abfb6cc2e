// The reference an index.json entry names, parsed once per distinct string for the life of the process.
// A store of 50,000 tags is read on every listing (and scanned on every tag and rmi); parsing docker's
// grammar is the costliest per-row step, and the answer for a given string never changes.
import type { Descriptor } from '../oci/descriptor.js';
import { ANNOTATIONS } from '../oci/annotations.js';
import { parseReference, referenceToString, withDefaultTag, type ImageReference } from '../ref/reference.js';

export interface EntryName {
  /** Full normalised reference: `docker.io/library/ubuntu:14.04`. */
  full: string;
  /** The same, parsed (with the default tag applied). */
  ref: ImageReference;
}

// Bounded so a long-running app does not grow it without end: dropped whole when full, refilled on use.
const MAX_MEMO = 1 << 18;
const memo = new Map<string, EntryName | null>();

/** Berth's own annotation, containerd's, or a bare OCI ref name, normalised; null for a dangling entry. */
export function entryName(entry: Descriptor): EntryName | null {
  const annotations = entry.annotations;
  if (!annotations) return null;
  const containerd = annotations[ANNOTATIONS.containerdName];
  const ociName = annotations[ANNOTATIONS.refName];
  return (containerd ? normalizedName(containerd) : null) ?? (ociName && ociName !== containerd ? normalizedName(ociName) : null);
}

export function entryReference(entry: Descriptor): string | null {
  return entryName(entry)?.full ?? null;
}

/** `name` normalised, or null when it is not a reference Berth can list under a repository (umoci's bare "v1"). */
export function normalizedName(name: string): EntryName | null {
  let hit = memo.get(name);
  if (hit !== undefined) return hit;
  try {
    const ref = withDefaultTag(parseReference(name));
    hit = { full: referenceToString(ref), ref };
  } catch {
    hit = null;
  }
  if (memo.size >= MAX_MEMO) memo.clear();
  memo.set(name, hit);
  return hit;
}
