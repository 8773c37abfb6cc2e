// An image manifest (OCI image manifest or Docker schema 2): one config and its layers, for one platform.
import { type Descriptor, isDescriptor } from './descriptor.js';
import { isIndexMediaType, isManifestMediaType } from './media-types.js';

export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

/** The descriptors a manifest or index document points at (config and layers, or nested manifests). */
export function childDescriptors(mediaType: string, document: unknown): Descriptor[] {
  if (!document || typeof document !== 'object') return [];
  const doc = document as Record<string, unknown>;
  const found: unknown[] = [];
  if (isIndexMediaType(mediaType) && Array.isArray(doc.manifests)) found.push(...doc.manifests);
  if (isManifestMediaType(mediaType)) {
    found.push(doc.config);
    if (Array.isArray(doc.layers)) found.push(...doc.layers);
  }
  return found.filter((d): d is Descriptor => isDescriptor(d));
}
