// Annotation keys on index.json descriptors: the standard OCI and containerd names, and Berth's own metadata.

export const ANNOTATIONS = {
  /** Full normalised reference, e.g. `docker.io/library/ubuntu:14.04` (OCI standard key). */
  refName: 'org.opencontainers.image.ref.name',
  /** Same value, for containerd and Docker 25+ readers. */
  containerdName: 'io.containerd.image.name',
  /** buildx marks provenance/SBOM manifests in an index with this key (value `attestation-manifest`). */
  dockerReferenceType: 'vnd.docker.reference.type',
  /** `name@sha256:…` digests as a registry knows them, comma separated. */
  repoDigests: 'dev.berth.repo-digests',
  /** RFC 3339: when this entry was created (pulled, loaded, imported, tagged). */
  created: 'dev.berth.created',
  /** RFC 3339: last time a tag was set on this entry (docker's Metadata.LastTagTime). */
  lastTagTime: 'dev.berth.last-tag-time',
  /** How the image arrived: `import`, `pull`, `load`, `commit`, `tag`. */
  source: 'dev.berth.source',
} as const;
