// Which reference an index.json entry names: containerd's annotation first, then the OCI ref name; short names
// normalised as docker does; names Berth cannot list under a repository (umoci's bare tags) make a dangling entry.
import { describe, expect, it } from 'vitest';
import { entryName, entryReference, normalizedName } from './entry-reference.js';

const entry = (annotations?: Record<string, string>) => ({ mediaType: 'x', digest: `sha256:${'a'.repeat(64)}`, size: 1, ...(annotations ? { annotations } : {}) });
const OCI = 'org.opencontainers.image.ref.name';
const CONTAINERD = 'io.containerd.image.name';

describe('entryReference', () => {
  it('reads the normalised name Berth writes, parsed', () => {
    expect(entryName(entry({ [OCI]: 'docker.io/library/x:1', [CONTAINERD]: 'docker.io/library/x:1' }))).toEqual({
      full: 'docker.io/library/x:1', ref: { domain: 'docker.io', path: 'library/x', tag: '1', digest: null },
    });
  });

  it('prefers containerd\'s name, falls back to the OCI one, and normalises short names', () => {
    expect(entryReference(entry({ [OCI]: 'a:1', [CONTAINERD]: 'quay.io/b/c:2' }))).toBe('quay.io/b/c:2');
    expect(entryReference(entry({ [OCI]: 'ubuntu', [CONTAINERD]: 'Not A Name' }))).toBe('docker.io/library/ubuntu:latest');
    expect(entryReference(entry({ [OCI]: 'short:2' }))).toBe('docker.io/library/short:2');
    expect(entryReference(entry({ [OCI]: 'index.docker.io/library/x:1' }))).toBe('docker.io/library/x:1');
    expect(entryReference(entry({ [OCI]: 'docker.io/x@sha256:' + 'b'.repeat(64) }))).toBe('docker.io/library/x@sha256:' + 'b'.repeat(64));
  });

  it('leaves entries without a usable name dangling (a bare tag that is a valid name reads as docker reads it)', () => {
    expect(entryReference(entry())).toBeNull();
    expect(entryReference(entry({ [OCI]: 'v1' }))).toBe('docker.io/library/v1:latest');
    expect(entryReference(entry({ [OCI]: 'V1' }))).toBeNull(); // uppercase: not a repository name
    expect(entryReference(entry({ [OCI]: '' }))).toBeNull();
  });

  it('answers a name again from memory with the same parts', () => {
    const first = normalizedName('ghcr.io/team/tool:9');
    expect(normalizedName('ghcr.io/team/tool:9')).toEqual(first);
    expect(normalizedName('ghcr.io/team/tool:9')!.ref).toBe(first!.ref);
    expect(normalizedName('busybox')).toEqual({ full: 'docker.io/library/busybox:latest', ref: expect.objectContaining({ tag: 'latest' }) });
    expect(normalizedName('busybox')).toEqual(normalizedName('busybox'));
  });
});
