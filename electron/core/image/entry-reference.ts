// The reference an index.json entry names, parsed once per distinct string for the life of the process.
// A store of 50,000 tags is read on every listing (and scanned on every tag and rmi); parsing docker's
// grammar is the costliest per-row step, and the answer for a given string never changes.
import type { Descriptor } from '../oci/descriptor.js';
import { ANNOTATIONS } from '../oci/annotations.js';
import { parseNormalizedTagged, parseReference, referenceToString, withDefaultTag, type ImageReference } from '../ref/reference.js';

export interface EntryName {
  /** Full normalised reference: `docker.io/library/ubuntu:14.04`. */
  full: string;
  /** The same, parsed (with the default tag applied). */
  ref: ImageReference;
}

// Bounded so a long-running app does not grow it without end: dropped whole when full, refilled on use. Only the
// parsed reference is kept (and the normalised string where it differs from the name, which is rare): one object
// per name, since a listing of 50,000 tags keeps every one alive until it ends.
const MAX_MEMO = 1 << 18;
const refs = new Map<string, ImageReference | null>();
const renamed = new Map<string, string>();

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
  let ref = refs.get(name);
  if (ref === undefined) ref = learn(name);
  return ref ? { full: renamed.get(name) ?? name, ref } : null;
}

function learn(name: string): ImageReference | null {
  if (refs.size >= MAX_MEMO) {
    refs.clear();
    renamed.clear();
  }
  // Berth and containerd write names already normalised: one regular expression tells and splits those.
  let ref: ImageReference | null = parseNormalizedTagged(name);
  if (!ref) {
    try {
      ref = withDefaultTag(parseReference(name));
      const full = referenceToString(ref);
      if (full !== name) renamed.set(name, full);
    } catch {
      ref = null;
    }
  }
  refs.set(name, ref);
  return ref;
}
