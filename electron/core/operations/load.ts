// `berth load` / the app's Load and drop: the images of a `docker save`, podman, skopeo or OCI archive into the
// store, as docker load does (moby image/tarexport/load.go and the containerd importer): the whole archive plain
// or compressed, read once (tarball/spool.ts), then each image checked (layers against the config's diff IDs), then
// ONE index change tags every image — or none: a tarball whose last image fails leaves the store as it was. What
// the pass wrote and no image kept (`manifest.json`, v1 `json` files, or everything after a failure) is discarded
// before the task ends, so a hostile archive leaves no trace.
import type { Readable } from 'node:stream';
import type { LoadResult, TaskHandle } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { decompressStream } from '../archive/decompress.js';
import { TarArchiveError } from '../archive/tar-header.js';
import { ImageWriter } from '../image/writer.js';
import type { ImageStore } from '../store/types.js';
import type { CoreFileSource } from '../service-api.js';
import { planDockerArchive } from '../tarball/docker-archive.js';
import { planOciArchive } from '../tarball/oci-archive.js';
import { invalidArchive, type ArchiveReader, type PlannedImage } from '../tarball/planned-image.js';
import { lookUpFile, spoolArchive } from '../tarball/spool.js';
import type { OperationContext } from './context.js';
import { openSource } from './open-source.js';

export interface LoadArchiveOptions {
  signal?: AbortSignal;
  /** Archive bytes read so far (compressed, as they come). */
  onProgress?: (bytesRead: number) => void;
}

async function* counted(input: AsyncIterable<Uint8Array>, onProgress?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let read = 0;
  for await (const chunk of input) {
    read += chunk.length;
    onProgress?.(read);
    yield chunk;
  }
}

async function planImages(reader: ArchiveReader): Promise<PlannedImage[]> {
  const { archive } = reader;
  // docker's graph-driver loader needs manifest.json; its containerd loader takes an OCI layout without one.
  if (lookUpFile(archive, 'manifest.json')) return planDockerArchive(reader, 'manifest.json');
  if (lookUpFile(archive, 'index.json')) return planOciArchive(reader);
  throw invalidArchive('it contains neither a manifest.json (docker save) nor an index.json (OCI layout)');
}

function checkTagsOnce(images: readonly PlannedImage[]): void {
  const owner = new Map<string, PlannedImage>();
  for (const image of images) {
    for (const tag of image.tags) {
      const other = owner.get(tag);
      if (other && other.target.digest !== image.target.digest) throw invalidArchive(`the tag ${tag} is given to two different images`);
      owner.set(tag, image);
    }
  }
}

/** The work itself: the store ends with every image of the archive tagged, or as it was. */
export async function loadArchive(store: ImageStore, input: AsyncIterable<Uint8Array>, options: LoadArchiveOptions = {}): Promise<LoadResult> {
  const { signal } = options;
  const before = new Set((await store.blobSizes()).keys());
  const writer = await ImageWriter.begin(store, { signal });
  const written = new Set<string>();
  let kept = new Set<string>();
  try {
    const { stream } = await decompressStream(counted(input, options.onProgress), { signal });
    const archive = await spoolArchive(async (bytes) => {
      const blob = await writer.writeLayer({ stream: bytes, mediaType: 'application/octet-stream' });
      written.add(blob.digest);
      return blob;
    }, stream, { signal });
    const images = await planImages({ store, archive, signal });
    checkTagsOnce(images);
    for (const image of images) {
      for (const document of image.documents) await writer.writeDocument(document.bytes, document.descriptor.mediaType, document.descriptor.digest);
      for (const [digest, bytes] of image.layerSizes) writer.noteLayerSize(digest, bytes);
      for (const blob of image.blobs) kept.add(blob.digest);
    }
    await writer.commit(images.map((image) => ({ target: image.target, tags: image.tags, meta: { source: 'load' as const, ...(image.repoDigests.length > 0 ? { repoDigests: image.repoDigests } : {}) } })));
    return { images: images.map((image) => ({ id: image.id, tags: image.tags })) };
  } catch (err) {
    await writer.abort();
    kept = new Set();
    if (signal?.aborted && !(err instanceof BerthError && err.code === 'CANCELLED')) throw new BerthError('CANCELLED', 'load cancelled', { cause: err });
    if (err instanceof TarArchiveError && err.problem !== 'invalid') {
      const what = err.problem === 'not-tar' ? 'it is not a tar archive' : 'it is truncated (the file ends inside an entry)';
      throw new BerthError('INVALID_ARCHIVE', `invalid image archive: ${what}; docker save, podman save and skopeo write tar archives (${err.detail})`, { cause: err });
    }
    throw err;
  } finally {
    const leftovers = new Set([...written].filter((d) => !before.has(d) && !kept.has(d)));
    // The judgement is gc's (under the lock, minding the index and other sessions): a blob that another writer
    // now uses stays.
    if (leftovers.size > 0) await store.gc({ only: leftovers }).catch(() => undefined);
  }
}

/** Starts the load as a task and returns its handle. */
export async function startLoad(ctx: OperationContext, source: CoreFileSource): Promise<TaskHandle<'load'>> {
  try {
    const { stream, size, name } = await openSource(source);
    return ctx.tasks.start('load', `Load ${name ?? 'image archive'}`, async (task): Promise<LoadResult> => {
      try {
        task.progress(0, size ?? null);
        const result = await loadArchive(ctx.store, stream as Readable, {
          signal: task.signal,
          onProgress: (bytes) => task.progress(bytes, size ?? null),
        });
        ctx.emit({ type: 'store.changed' });
        return result;
      } finally {
        stream.destroy();
        await source.release?.();
      }
    });
  } catch (err) {
    await source.release?.();
    throw err;
  }
}
