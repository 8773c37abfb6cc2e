import { describe, expect, it } from 'vitest';
import { MEDIA_TYPES, isConfigMediaType, isIndexMediaType, isLayerMediaType, isManifestMediaType } from './media-types.js';
import { isAttestationManifest, isDescriptor, isForeignLayer } from './descriptor.js';
import { childDescriptors } from './manifest.js';

const D = (mediaType: string, hex = 'a') => ({ mediaType, digest: `sha256:${hex.repeat(64)}`, size: 1 });

describe('media types', () => {
  it('tells indexes, manifests, configs and layers apart, OCI and Docker alike', () => {
    expect([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList].every(isIndexMediaType)).toBe(true);
    expect([MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest].every(isManifestMediaType)).toBe(true);
    expect([MEDIA_TYPES.ociConfig, MEDIA_TYPES.dockerConfig].every(isConfigMediaType)).toBe(true);
    expect(isIndexMediaType(MEDIA_TYPES.ociManifest)).toBe(false);
    expect(isManifestMediaType(MEDIA_TYPES.ociIndex)).toBe(false);
  });

  it.each([
    MEDIA_TYPES.ociLayer, MEDIA_TYPES.ociLayerGzip, MEDIA_TYPES.ociLayerZstd, MEDIA_TYPES.dockerLayer, MEDIA_TYPES.dockerLayerGzip,
    MEDIA_TYPES.dockerForeignLayerGzip, 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  ])('%s is a layer', (type) => expect(isLayerMediaType(type)).toBe(true));

  it.each([MEDIA_TYPES.ociConfig, MEDIA_TYPES.ociManifest, 'application/vnd.oci.image.layer.v1.tar+bzip2', 'text/plain', ''])(
    '%s is not a layer', (type) => expect(isLayerMediaType(type)).toBe(false));
});

describe('descriptors', () => {
  it('accepts the shape Berth relies on and nothing looser', () => {
    expect(isDescriptor(D(MEDIA_TYPES.ociLayer))).toBe(true);
    expect(isDescriptor({ ...D(MEDIA_TYPES.ociLayer), size: -1 })).toBe(false);
    expect(isDescriptor({ ...D(MEDIA_TYPES.ociLayer), size: 1.5 })).toBe(false);
    expect(isDescriptor({ ...D(MEDIA_TYPES.ociLayer), size: '1' })).toBe(false);
    expect(isDescriptor({ digest: 'sha256:x', size: 1 })).toBe(false);
    expect(isDescriptor(null)).toBe(false);
  });

  it('knows foreign layers only with their URLs', () => {
    expect(isForeignLayer({ ...D(MEDIA_TYPES.dockerForeignLayerGzip), urls: ['https://example.invalid/l'] })).toBe(true);
    expect(isForeignLayer(D(MEDIA_TYPES.dockerForeignLayerGzip))).toBe(false);
    expect(isForeignLayer({ ...D(MEDIA_TYPES.dockerLayerGzip), urls: ['https://example.invalid/l'] })).toBe(false);
  });

  it('recognises buildx attestation entries', () => {
    expect(isAttestationManifest({ annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } })).toBe(true);
    expect(isAttestationManifest({})).toBe(false);
  });

  it('lists what a manifest or an index points at, and nothing from other documents', () => {
    const config = D(MEDIA_TYPES.ociConfig, 'c');
    const layer = D(MEDIA_TYPES.ociLayer, 'd');
    expect(childDescriptors(MEDIA_TYPES.ociManifest, { config, layers: [layer, { bogus: true }] })).toEqual([config, layer]);
    expect(childDescriptors(MEDIA_TYPES.dockerManifestList, { manifests: [layer] })).toEqual([layer]);
    expect(childDescriptors(MEDIA_TYPES.ociLayer, { config, layers: [layer] })).toEqual([]);
    expect(childDescriptors(MEDIA_TYPES.ociManifest, null)).toEqual([]);
  });
});
