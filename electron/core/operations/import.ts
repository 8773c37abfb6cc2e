// `berth import` / the app's Import: a root-filesystem tarball becomes a one-layer image, as `docker import` makes
// it (the layer kept byte for byte; see archive/rootfs-layer.ts), written through the one image writer.
import type { Readable } from 'node:stream';
import type { ImportOptions, ImportResult, TaskHandle } from '../../../shared/api.js';
import { importErrorInUserTerms } from './import-errors.js';
import { BerthError } from '../../../shared/errors.js';
import { openRootfsLayer } from '../archive/rootfs-layer.js';
import type { Compression } from '../archive/decompress.js';
import { applyChanges } from '../image/changes.js';
import { buildImportConfig, toGoJson } from '../image/import-config.js';
import { writeImage, type WrittenImage } from '../image/writer.js';
import { MEDIA_TYPES } from '../oci/media-types.js';
import { defaultImagePlatform, parsePlatform, type Platform } from '../oci/platform.js';
import type { ImageStore } from '../store/types.js';
import type { CoreFileSource } from '../service-api.js';
import { tagReference, type OperationContext } from './context.js';
import { openSource } from './open-source.js';

export interface ImportRootfsOptions {
  /** Full normalised references to tag the image with; none leaves it dangling. */
  tags?: readonly string[];
  /** `-c` instructions in Dockerfile syntax. */
  changes?: readonly string[];
  /** `-m`: the history comment; docker's "Imported from -" when absent. */
  message?: string;
  platform?: Platform;
  signal?: AbortSignal;
  /** Called with the count of input (possibly compressed) bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** Refuse more than this many decompressed bytes (decompression-bomb guard). */
  maxBytes?: number;
}

export interface ImportedImage extends WrittenImage {
  /** The layer's diff_id (its digest: the layer is stored uncompressed). */
  diffId: string;
  compression: Compression;
  /** Tar entries in the layer. */
  entries: number;
}

/** The work itself: reads `input` once and leaves the store with the whole image tagged, or unchanged. */
export async function importRootfsImage(store: ImageStore, input: Readable, options: ImportRootfsOptions = {}): Promise<ImportedImage> {
  // Changes are checked before any byte is read, so a typo costs nothing.
  applyChanges({}, options.changes ?? []);
  try {
    const layer = await openRootfsLayer(input, { signal: options.signal, onProgress: options.onProgress, maxBytes: options.maxBytes });
    const image = await writeImage(
      store,
      {
        layers: [{ stream: layer.stream, mediaType: MEDIA_TYPES.ociLayer, unpackedSize: layer.unpackedSize }],
        config: ([written]) => Buffer.from(toGoJson(buildImportConfig({
          diffId: written!.digest, changes: options.changes, message: options.message, platform: options.platform,
        }))),
      },
      { tags: options.tags ?? [], meta: { source: 'import' }, signal: options.signal },
    );
    return { ...image, diffId: image.layers[0]!.digest, compression: layer.compression, entries: layer.entries() };
  } catch (err) {
    input.destroy();
    if (options.signal?.aborted && !(err instanceof BerthError && err.code === 'CANCELLED')) {
      throw new BerthError('CANCELLED', 'import cancelled', { cause: err });
    }
    throw err;
  }
}

/** Checks the request, then starts the import as a task and returns its handle. */
export async function startImport(ctx: OperationContext, source: CoreFileSource, options: ImportOptions): Promise<TaskHandle<'import'>> {
  try {
    const reference = options.reference ? tagReference(options.reference) : null;
    const platform = options.platform ? parsePlatform(options.platform) : defaultImagePlatform();
    applyChanges({}, options.changes ?? []);
    const { maxLayerBytes } = await ctx.settings();
    const { stream, size, name } = await openSource(source);
    const title = `Import ${name ?? 'root filesystem'}${reference ? ` as ${reference}` : ''}`;
    return ctx.tasks.start('import', title, async (task): Promise<ImportResult> => {
      try {
        task.progress(0, size ?? null);
        const image = await importRootfsImage(ctx.store, stream, {
          tags: reference ? [reference] : [],
          changes: options.changes ?? [],
          ...(options.message ? { message: options.message } : {}),
          platform,
          ...(maxLayerBytes !== null ? { maxBytes: maxLayerBytes } : {}),
          signal: task.signal,
          onProgress: (bytes) => task.progress(bytes, size ?? null),
        });
        ctx.emit({ type: 'store.changed' });
        return { id: image.id, reference, manifestDigest: image.manifest.digest };
      } catch (err) {
        throw importErrorInUserTerms(err, name ?? null);
      } finally {
        await source.release?.();
      }
    });
  } catch (err) {
    await source.release?.();
    throw err;
  }
}
