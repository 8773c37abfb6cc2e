// Registry digests (`name@sha256:…`) recorded on index entries when an image came from or went to a registry.
import { ANNOTATIONS } from '../oci/annotations.js';
import type { ImageRecord } from './model.js';

export function repoDigestsOf(record: ImageRecord): string[] {
  const raw = record.entry.annotations?.[ANNOTATIONS.repoDigests];
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [];
}
