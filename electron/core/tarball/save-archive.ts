// One tarball for one or more images, in the shape Docker 25+ writes (moby image/tarexport/save.go with the
// containerd store): an OCI layout (`oci-layout`, `index.json` with each tag's `io.containerd.image.name` and
// `org.opencontainers.image.ref.name`, `blobs/sha256/…`) plus `manifest.json` and `repositories` for the loaders
// that want them (docker before 25, podman, skopeo's docker-archive). Blobs first, the index files last, as docker
// orders them.
//
// Layers go out uncompressed by default, as docker saves them: a stored gzip or zstd layer is decompressed on the
// fly, named by its diff ID, under a manifest Berth writes for the archive. A tar header needs the size before the
// bytes, so a compressed layer is decompressed once to count and once to write (both streaming; never in memory).
// With `keepCompressed` the stored blobs and manifest go out as they are.
import { createHash } from 'node:crypto';
import { ANNOTATIONS } from '../oci/annotations.js';
import type { Descriptor } from '../oci/descriptor.js';
import { digestHex } from '../oci/digest.js';
import { MEDIA_TYPES } from '../oci/media-types.js';
import { decompressStream } from '../archive/decompress.js';
import { TAR_BLOCK } from '../../../shared/archive-kind.js';
import { TAR_END, tarHeader, tarPadding } from '../archive/tar-write.js';
import { familiarString, parseReference } from '../ref/reference.js';
import type { ImageStore } from '../store/types.js';

export interface ImageToSave {
  /** The stored platform manifest. */
  manifest: Descriptor;
  manifestBytes: Buffer;
  config: Descriptor;
  layers: Descriptor[];
  diffIds: string[];
  /** Full normalised references; none for an image saved untagged. */
  tags: string[];
  /** `name@sha256:…` a registry gave it: carried in Berth's own index annotation so a reload keeps them. */
  repoDigests: string[];
}

export interface SaveArchiveOptions {
  keepCompressed?: boolean;
  signal?: AbortSignal;
}

interface BlobOut {
  digest: string;
  size: number;
  /** The bytes: a stored blob as is, a stored blob decompressed, or a document of the archive's own. */
  source: { stored: string } | { decompress: string } | { bytes: Buffer };
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

async function decompressedLength(store: ImageStore, digest: string, signal?: AbortSignal): Promise<number> {
  const { stream } = await decompressStream(store.openBlob(digest), { signal });
  let length = 0;
  for await (const chunk of stream) length += (chunk as Buffer).length;
  return length;
}

/** What goes into the archive: every blob (each once) and the index documents. */
export async function planArchive(store: ImageStore, images: readonly ImageToSave[], options: SaveArchiveOptions = {}) {
  const blobs = new Map<string, BlobOut>();
  const addBytes = (bytes: Buffer) => {
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    blobs.set(digest, { digest, size: bytes.length, source: { bytes } });
    return { digest, size: bytes.length };
  };
  const index: Descriptor[] = [];
  const manifestJson: unknown[] = [];
  const repositories: Record<string, Record<string, string>> = {};
  for (const image of images) {
    let manifest: Descriptor;
    let layerPaths: string[];
    blobs.set(image.config.digest, { digest: image.config.digest, size: image.config.size, source: { stored: image.config.digest } });
    if (options.keepCompressed) {
      for (const layer of image.layers) blobs.set(layer.digest, { digest: layer.digest, size: layer.size, source: { stored: layer.digest } });
      blobs.set(image.manifest.digest, { digest: image.manifest.digest, size: image.manifest.size, source: { bytes: image.manifestBytes } });
      manifest = { mediaType: image.manifest.mediaType, digest: image.manifest.digest, size: image.manifest.size };
      layerPaths = image.layers.map((l) => `blobs/sha256/${digestHex(l.digest)}`);
    } else {
      const layers: Descriptor[] = [];
      for (const [i, layer] of image.layers.entries()) {
        const diffId = image.diffIds[i]!;
        if (!blobs.has(diffId)) {
          const plain = layer.digest === diffId;
          const size = plain ? layer.size : await decompressedLength(store, layer.digest, options.signal);
          blobs.set(diffId, { digest: diffId, size, source: plain ? { stored: layer.digest } : { decompress: layer.digest } });
        }
        layers.push({ mediaType: MEDIA_TYPES.ociLayer, digest: diffId, size: blobs.get(diffId)!.size });
      }
      const config = { mediaType: MEDIA_TYPES.ociConfig, digest: image.config.digest, size: image.config.size };
      manifest = { mediaType: MEDIA_TYPES.ociManifest, ...addBytes(json({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, config, layers })) };
      layerPaths = layers.map((l) => `blobs/sha256/${digestHex(l.digest)}`);
    }
    const berth: Record<string, string> = image.repoDigests.length > 0 ? { [ANNOTATIONS.repoDigests]: image.repoDigests.join(',') } : {};
    if (image.tags.length === 0) index.push({ ...manifest, ...(image.repoDigests.length > 0 ? { annotations: berth } : {}) });
    for (const tag of image.tags) {
      const ref = parseReference(tag);
      index.push({ ...manifest, annotations: { [ANNOTATIONS.containerdName]: tag, [ANNOTATIONS.refName]: ref.tag ?? 'latest', ...berth } });
      const familiar = familiarString(ref);
      const name = familiar.slice(0, familiar.lastIndexOf(':'));
      (repositories[name] ??= {})[ref.tag ?? 'latest'] = digestHex(image.diffIds.at(-1) ?? image.config.digest);
    }
    manifestJson.push({
      Config: `blobs/sha256/${digestHex(image.config.digest)}`,
      RepoTags: image.tags.length > 0 ? image.tags.map((t) => familiarString(parseReference(t))) : null,
      Layers: layerPaths,
    });
  }
  const documents: Array<[string, Buffer]> = [
    ['oci-layout', json({ imageLayoutVersion: '1.0.0' })],
    ['index.json', json({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: index })],
    ['manifest.json', json(manifestJson)],
    ['repositories', json(repositories)],
  ];
  // The archive's exact length: two folder headers, each entry's header, data and padding, the end marker.
  const entry = (size: number) => TAR_BLOCK + size + tarPadding(size).length;
  const total = 2 * TAR_BLOCK + [...blobs.values()].reduce((sum, b) => sum + entry(b.size), 0)
    + documents.reduce((sum, [, b]) => sum + entry(b.length), 0) + TAR_END.length;
  return { blobs: [...blobs.values()], documents, total };
}

export type ArchivePlan = Awaited<ReturnType<typeof planArchive>>;

/** The archive's bytes, in order; `onProgress` gets the bytes produced so far (of `plan.total`). */
export async function* archiveBytes(store: ImageStore, plan: ArchivePlan, options: SaveArchiveOptions & { onProgress?: (bytes: number) => void } = {}): AsyncGenerator<Buffer> {
  let done = 0;
  const counted = (bytes: Buffer) => {
    done += bytes.length;
    options.onProgress?.(done);
    return bytes;
  };
  yield counted(tarHeader({ name: 'blobs', size: 0, type: 'directory' }));
  yield counted(tarHeader({ name: 'blobs/sha256', size: 0, type: 'directory' }));
  for (const blob of plan.blobs) {
    options.signal?.throwIfAborted();
    yield counted(tarHeader({ name: `blobs/sha256/${digestHex(blob.digest)}`, size: blob.size }));
    let written = 0;
    const source = 'bytes' in blob.source ? [blob.source.bytes]
      : 'stored' in blob.source ? store.openBlob(blob.source.stored)
        : (await decompressStream(store.openBlob(blob.source.decompress), { signal: options.signal })).stream;
    for await (const chunk of source) {
      options.signal?.throwIfAborted();
      written += (chunk as Buffer).length;
      yield counted(chunk as Buffer);
    }
    // A blob that changed size since the plan (damage) would shift every later header: stop instead.
    if (written !== blob.size) throw new Error(`blob ${blob.digest} gave ${written} bytes, expected ${blob.size}`);
    yield counted(tarPadding(blob.size));
  }
  for (const [name, bytes] of plan.documents) {
    yield counted(tarHeader({ name, size: bytes.length }));
    yield counted(bytes);
    yield counted(tarPadding(bytes.length));
  }
  yield counted(TAR_END);
}
