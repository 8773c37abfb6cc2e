// A pull from a multi-platform index keeps the index (its digest is what the tag names in the registry, and a
// later save or push carries it) but fetches only the platform it chose, as containerd does. So a manifest an
// index lists may be absent; anything a present manifest names must be there.
import type { Descriptor } from '../oci/descriptor.js';
import { isIndexMediaType, isManifestMediaType } from '../oci/media-types.js';

/** Whether `descriptor`, reached from `parent`, may be missing from the store without the store being damaged. */
export function mayBeAbsent(descriptor: Descriptor, parent: Descriptor | null): boolean {
  return parent !== null && isIndexMediaType(parent.mediaType)
    && (isManifestMediaType(descriptor.mediaType) || isIndexMediaType(descriptor.mediaType));
}
