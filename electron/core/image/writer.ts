// The one way images enter the store (go-containerregistry's layout.WriteImage, for Berth's store): layers as
// streams or as blobs already present, a config, a manifest, then the tags — all through one WriteSession, so gc
// cannot take a blob between its write and the commit that names it, and nothing is tagged until every blob of
// every image checked out. Import uses it; pull, load and commit write through it too.
//
// An ImageWriter may write several images (and raw documents such as an index) before one commit: a tarball's
// images are tagged together or not at all. `writeImage` below is the one-image shortcut.
import { BerthError } from '../../../shared/errors.js';
import type { Descriptor } from '../oci/descriptor.js';
import { MEDIA_TYPES } from '../oci/media-types.js';
import type { ImageManifest } from '../oci/manifest.js';
import type { Platform } from '../oci/platform.js';
import type { BlobRef, ImageStore, WriteSession } from '../store/types.js';
import { keepAsDangling, setTag, type EntryMeta } from './index-entries.js';

export type LayerInput =
  /** Bytes to write; a known digest and size are checked as they stream (pull), otherwise computed (import). */
  | {
    stream: AsyncIterable<Uint8Array>;
    mediaType: string;
    digest?: string;
    size?: number;
    onProgress?: (bytes: number) => void;
    /** What the layer takes unpacked, known once the stream has ended (counted from its tar headers). */
    unpackedSize?: () => number;
  }
  /**
   * Bytes of known digest and size opened from an offset (a pull's layer): kept when the write stops short, so
   * the next write of that digest, in this process or another, asks only for the rest.
   */
  | {
    open: (offset: number) => Promise<AsyncIterable<Uint8Array>>;
    mediaType: string;
    digest: string;
    size: number;
    onProgress?: (bytes: number) => void;
  }
  /** A blob the store already holds (a base image's layer, a layer shared with another image). */
  | { existing: Descriptor };

export interface ImageInput {
  layers: readonly LayerInput[];
  /** The config's exact bytes, or a builder that gets the written layers (import needs their digests). */
  config: Uint8Array | ((layers: readonly Descriptor[]) => Uint8Array);
  configMediaType?: string;
  manifestMediaType?: string;
  manifestAnnotations?: Record<string, string>;
  /** Recorded on the index entry (descriptor.platform) when the image is tagged. */
  platform?: Platform;
}

export interface WrittenImage {
  /** Image ID: the config digest. */
  id: string;
  /** Descriptor of the manifest, the thing a tag points at. */
  manifest: Descriptor;
  config: BlobRef;
  layers: Descriptor[];
}

export interface EntryToCommit {
  target: Descriptor;
  /** Full normalised references; none keeps the image as dangling (`<none>:<none>`). */
  tags: readonly string[];
  meta: EntryMeta;
}

export class ImageWriter {
  private constructor(private readonly session: WriteSession, private readonly signal: AbortSignal | undefined) {}

  static async begin(store: ImageStore, options: { signal?: AbortSignal } = {}): Promise<ImageWriter> {
    options.signal?.throwIfAborted();
    return new ImageWriter(await store.beginWrite(), options.signal);
  }

  /** Writes one layer; the returned descriptor names it as stored. */
  async writeLayer(layer: LayerInput): Promise<Descriptor> {
    if ('existing' in layer) {
      await this.session.retain(layer.existing.digest);
      return layer.existing;
    }
    if ('open' in layer) {
      const written = await this.session.writeBlobResumable(layer.open, {
        expectedDigest: layer.digest, expectedSize: layer.size, signal: this.signal,
        ...(layer.onProgress ? { onProgress: layer.onProgress } : {}),
      });
      return { mediaType: layer.mediaType, digest: written.digest, size: written.size };
    }
    const written = await this.session.writeBlob(layer.stream, {
      signal: this.signal,
      ...(layer.digest !== undefined ? { expectedDigest: layer.digest } : {}),
      ...(layer.size !== undefined ? { expectedSize: layer.size } : {}),
      ...(layer.onProgress ? { onProgress: layer.onProgress } : {}),
    });
    if (layer.unpackedSize) this.session.noteLayerSize(written.digest, layer.unpackedSize());
    return { mediaType: layer.mediaType, digest: written.digest, size: written.size };
  }

  /** Records what a layer written or retained here takes unpacked (kept at commit: docker's layer size). */
  noteLayerSize(digest: string, unpackedBytes: number): void {
    this.session.noteLayerSize(digest, unpackedBytes);
  }

  /** Writes a small document (config, manifest, index) whole. */
  async writeDocument(bytes: Uint8Array, mediaType: string, expectedDigest?: string): Promise<Descriptor> {
    const written = await this.session.writeBlobBytes(bytes, { signal: this.signal, ...(expectedDigest ? { expectedDigest } : {}) });
    return { mediaType, digest: written.digest, size: written.size };
  }

  /** Layers in order, then the config, then a manifest naming them. */
  async writeImage(input: ImageInput): Promise<WrittenImage> {
    const layers: Descriptor[] = [];
    for (const layer of input.layers) {
      this.signal?.throwIfAborted();
      layers.push(await this.writeLayer(layer));
    }
    const configBytes = typeof input.config === 'function' ? input.config(layers) : input.config;
    const config = await this.writeDocument(configBytes, input.configMediaType ?? MEDIA_TYPES.ociConfig);
    const manifestMediaType = input.manifestMediaType ?? MEDIA_TYPES.ociManifest;
    const document: ImageManifest = {
      schemaVersion: 2,
      mediaType: manifestMediaType,
      config,
      layers,
      ...(input.manifestAnnotations ? { annotations: input.manifestAnnotations } : {}),
    };
    const manifest = await this.writeDocument(Buffer.from(JSON.stringify(document)), manifestMediaType);
    return {
      id: config.digest,
      manifest: input.platform ? { ...manifest, platform: input.platform } : manifest,
      config: { digest: config.digest, size: config.size },
      layers,
    };
  }

  /**
   * Tags every entry in one atomic index change (the store checks each named blob is there, with its size) and
   * ends the session. Returns the entries whose tags moved away from another image, which stays as dangling.
   */
  async commit(entries: readonly EntryToCommit[]): Promise<Descriptor[]> {
    return this.session.commit((index) => {
      const now = new Date().toISOString();
      const displaced: Descriptor[] = [];
      for (const { target, tags, meta } of entries) {
        if (tags.length === 0) keepAsDangling(index, target, meta, now);
        for (const tag of tags) {
          const previous = setTag(index, tag, target, meta, now);
          if (previous) displaced.push(previous);
        }
      }
      return displaced;
    }, { signal: this.signal });
  }

  /** Ends the session without tagging; blobs written so far are unreferenced and go at the next gc. */
  abort(): Promise<void> {
    return this.session.abort();
  }
}

/** Writes one image and tags it, or leaves the index untouched. */
export async function writeImage(
  store: ImageStore,
  input: ImageInput,
  options: { tags: readonly string[]; meta: EntryMeta; signal?: AbortSignal },
): Promise<WrittenImage> {
  const writer = await ImageWriter.begin(store, { signal: options.signal });
  try {
    const image = await writer.writeImage(input);
    await writer.commit([{ target: image.manifest, tags: options.tags, meta: options.meta }]);
    return image;
  } catch (err) {
    await writer.abort();
    if (options.signal?.aborted && !(err instanceof BerthError && err.code === 'CANCELLED')) {
      throw new BerthError('CANCELLED', 'cancelled', { cause: err });
    }
    throw err;
  }
}
