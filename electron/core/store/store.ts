// The OCI image layout store: opening (creating the layout when absent) and the ImageStore object.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import { openBlobStream, readBlobJsonWhole, readBlobJsonWholeSync, readBlobWhole, statBlob } from './blob-read.js';
import { sharedBlobSizesReader } from './blob-list.js';
import { sharedLayerSizesReader } from './layer-sizes.js';
import { commitIndexChange } from './commit.js';
import { checkStore } from './fsck.js';
import { isNotFound, publishNoClobber, writeNewFileDurably } from './fs-util.js';
import { collectGarbage } from './gc.js';
import { emptyIndex, sharedIndexReader } from './index-file.js';
import { withWriteLock, type LockOptions } from './lock.js';
import { addBlobSources, readBlobSources } from './blob-sources.js';
import { addCompressedLayers, readCompressedLayers } from './compressed-layers.js';
import { blobPathFor, ownedTempName, storePaths, STORE_DIRS, type StorePaths } from './paths.js';
import { ownDir } from './own-paths.js';
import type { FreeSpaceOptions } from './free-space.js';
import { StoreWriteSession } from './session.js';
import type { Descriptor } from '../oci/descriptor.js';
import type { BlobFacts, GcOptions, GcReport, ImageStore, StoreFsckReport, WriteSession } from './types.js';
import type { OciIndex } from '../oci/image-index.js';
import { collectImageBlobs as collect } from './walk.js';
import { watchIndexFile } from './watch.js';

export { defaultStorePath } from './paths.js';

export interface OpenStoreOptions {
  /** How long a writer waits for another process's write lock before failing with CONFLICT (default 60 s). */
  lockTimeoutMs?: number;
  /** How blob writes judge free space (tests give a small reserve or a fake probe). */
  freeSpace?: FreeSpaceOptions;
}

const OCI_LAYOUT = JSON.stringify({ imageLayoutVersion: '1.0.0' });

/** Opens the store at `root`, creating the layout (oci-layout, index.json, blobs/sha256, ingest) where absent. */
export async function openStore(root: string, options: OpenStoreOptions = {}): Promise<ImageStore> {
  const paths = storePaths(root);
  await refuseForeignDirectory(paths);
  // A new store is its user's alone (0700, as podman's storage): it holds the layers of private images pulled with
  // a login, and other local users must not read them. A folder that exists keeps the mode its owner gave it.
  await fs.mkdir(paths.root, { recursive: true, mode: 0o700 });
  // Blobs are the store's content: a link there is refused. ingest/ holds only Berth's scratch: a link is repaired.
  await ownDir(paths.root, STORE_DIRS.blobs);
  await ownDir(paths.root, STORE_DIRS.ingest, { repair: true });
  await ownDir(paths.root, STORE_DIRS.leases, { repair: true });
  await createIfAbsent(paths, paths.ociLayout, OCI_LAYOUT);
  await createIfAbsent(paths, paths.index, JSON.stringify(emptyIndex()));
  return new LayoutStore(paths, { timeoutMs: options.lockTimeoutMs }, options.freeSpace ?? {});
}

/** A non-empty directory that is not an OCI layout is someone else's folder: never write into it. */
async function refuseForeignDirectory(paths: StorePaths): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(paths.root);
  } catch (err) {
    if (isNotFound(err)) return;
    if ((err as { code?: string }).code === 'ENOTDIR') throw new BerthError('INVALID_ARGUMENT', `store path ${paths.root} is not a directory`);
    throw err;
  }
  if (names.length > 0 && !names.includes('oci-layout')) {
    throw new BerthError('INVALID_ARGUMENT', `${paths.root} is not empty and not an OCI image layout (no oci-layout file); refusing to use it as a store`);
  }
}

async function createIfAbsent(paths: StorePaths, file: string, content: string): Promise<void> {
  try {
    await fs.lstat(file);
    return;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const temp = path.join(paths.ingest, ownedTempName('init-', '.tmp'));
  await writeNewFileDurably(temp, content);
  await publishNoClobber(temp, file); // another process creating the store at the same moment wins just as well
}

class LayoutStore implements ImageStore {
  readonly root: string;
  private readonly sharedIndex: () => Promise<OciIndex>;
  private readonly sharedLayerSizes: () => Promise<ReadonlyMap<string, number>>;
  private readonly sharedBlobSizes: () => Promise<ReadonlyMap<string, number>>;

  constructor(
    private readonly paths: StorePaths,
    private readonly lockOptions: LockOptions,
    private readonly freeSpace: FreeSpaceOptions,
  ) {
    this.root = paths.root;
    this.sharedIndex = sharedIndexReader(paths);
    this.sharedLayerSizes = sharedLayerSizesReader(paths);
    this.sharedBlobSizes = sharedBlobSizesReader(paths);
  }

  beginWrite(): Promise<WriteSession> {
    return StoreWriteSession.begin(this.paths, this, this.lockOptions, this.freeSpace);
  }

  updateIndex<T>(mutate: (index: OciIndex) => T | Promise<T>): Promise<T> {
    return commitIndexChange(this.paths, this, mutate, this.lockOptions);
  }

  readIndex(): Promise<OciIndex> {
    return this.sharedIndex();
  }

  async hasBlob(digest: string): Promise<boolean> {
    return (await this.blobSize(digest)) !== null;
  }

  blobPath(digest: string): string {
    return blobPathFor(this.paths, digest);
  }

  layerSizes(): Promise<ReadonlyMap<string, number>> {
    return this.sharedLayerSizes();
  }

  blobSizes(): Promise<ReadonlyMap<string, number>> {
    return this.sharedBlobSizes();
  }

  async blobSize(digest: string): Promise<number | null> {
    const stats = await statBlob(this.paths, digest);
    return stats ? stats.size : null;
  }

  openBlob(digest: string, options: { start?: number } = {}): Readable {
    return openBlobStream(this.paths, digest, options.start ?? 0);
  }

  readBlobBytes(digest: string, maxBytes?: number): Promise<Buffer> {
    return readBlobWhole(this.paths, digest, maxBytes);
  }

  readBlobJson<T>(digest: string): Promise<T> {
    return readBlobJsonWhole<T>(this.paths, digest);
  }

  readBlobJsonSync<T>(digest: string): T {
    return readBlobJsonWholeSync<T>(this.paths, digest);
  }

  gc(options: GcOptions = {}): Promise<GcReport> {
    return collectGarbage(this.paths, this, this.lockOptions, options);
  }

  fsck(options: { verifyContent?: boolean } = {}): Promise<StoreFsckReport> {
    return checkStore(this.paths, this, options.verifyContent ?? true);
  }

  watch(listener: () => void): () => void {
    return watchIndexFile(this.paths.index, listener);
  }

  blobSources(): Promise<ReadonlyMap<string, readonly string[]>> {
    return readBlobSources(this.paths);
  }

  compressedLayers(): Promise<ReadonlyMap<string, Descriptor>> {
    return readCompressedLayers(this.paths);
  }

  recordBlobFacts(facts: BlobFacts): Promise<void> {
    return withWriteLock(this.paths.lock, async () => {
      if (facts.sources) await addBlobSources(this.paths, facts.sources);
      if (facts.compressed) await addCompressedLayers(this.paths, facts.compressed);
    }, this.lockOptions);
  }
}

/**
 * Every blob an image uses: the manifest (or index) itself, nested manifests, configs and layers, as
 * digest -> size (from the referencing descriptor). For `rmi` (what becomes unreferenced) and `df` (sizes).
 * Absent or unreadable manifests contribute only themselves.
 */
export function collectImageBlobs(store: ImageStore, manifest: Descriptor): Promise<Map<string, number>> {
  return collect(store, manifest);
}
