// An image index (OCI image index, Docker manifest list) — also the shape of an OCI layout's index.json.
import type { Descriptor } from './descriptor.js';

export interface OciIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}
