// The one API surface every shell calls: it owns the store, turns long work into tasks and announces changes.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type {
  AppInfo, BerthEvent, DiskUsage, FsckReport, ImageDetail, ImageInspect, ImageSummary, ImportOptions, ImportResult,
  ListImagesOptions, PruneReport, RemoveOptions, RemoveReport, TaskInfo,
} from '../../shared/api.js';
import { BerthError, toErrorPayload } from '../../shared/errors.js';
import pkg from '../../package.json' with { type: 'json' };
import type { BerthService, CoreFileSource, ServiceOptions } from './service-api.js';
import type { ImageStore, WriteSession } from './store/types.js';
import { MEDIA_TYPES } from './oci/media-types.js';
import { openStore, defaultStorePath } from './store/store.js';
import { BlobCache, catalogOf, loadCatalog } from './image/catalog.js';
import type { ImageRecord } from './image/model.js';
import { resolveImage } from './image/resolve.js';
import { inspectView } from './image/inspect-view.js';
import { layerHistory } from './image/layer-history.js';
import { listImages } from './image/list.js';
import { removeImage } from './image/remove.js';
import { diskUsage } from './image/disk-usage.js';
import { metaOf, setTag, keepAsDangling } from './image/index-entries.js';
import { normalizeReference, parseReference } from './ref/reference.js';
import { defaultImagePlatform, formatPlatform, parsePlatform } from './oci/platform.js';
import { importRootfs as importRootfsLayer } from './archive/import-rootfs.js';
import { TaskManager } from './tasks/task-manager.js';

export async function createService(options: ServiceOptions = {}): Promise<BerthService> {
  const storePath = options.storePath ?? defaultStorePath(options.env ?? process.env);
  const store = await openStore(storePath);
  return new Service(store, options);
}

class Service implements BerthService {
  private readonly listeners = new Set<(event: BerthEvent) => void>();
  private readonly cache: BlobCache;
  private readonly tasks: TaskManager;
  private readonly stopWatching: (() => void) | null;

  constructor(private readonly store: ImageStore, options: ServiceOptions) {
    this.cache = new BlobCache(store);
    this.tasks = new TaskManager((task) => this.emit({ type: 'task.update', task }));
    this.stopWatching = options.watch ? store.watch(() => this.emit({ type: 'store.changed' })) : null;
  }

  get storePath(): string {
    return this.store.root;
  }

  onEvent(listener: (event: BerthEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.stopWatching?.();
    this.listeners.clear();
  }

  async info(): Promise<AppInfo> {
    return { version: pkg.version, storePath: this.store.root, platform: formatPlatform(defaultImagePlatform()) };
  }

  async listImages(options: ListImagesOptions = {}): Promise<ImageSummary[]> {
    return listImages(await this.records(), options);
  }

  async inspectImage(reference: string): Promise<ImageInspect> {
    const records = await this.records();
    return inspectView(this.imageRecords(records, reference));
  }

  async imageDetail(reference: string): Promise<ImageDetail> {
    const records = this.imageRecords(await this.records(), reference);
    const first = records[0]!;
    return {
      inspect: inspectView(records),
      layers: layerHistory(first),
      manifestDigest: first.topDigest,
      manifestMediaType: first.manifestMediaType,
    };
  }

  async tag(source: string, target: string): Promise<void> {
    const targetRef = this.tagReference(target);
    await this.store.updateIndex(async (index) => {
      const { records } = await catalogOf(index, this.store, this.cache);
      const from = resolveImage(records, source).records[0]!;
      setTag(index, targetRef, from.entry, { ...metaOf(from.entry), source: 'tag' }, new Date().toISOString());
    });
    this.emit({ type: 'store.changed' });
  }

  async remove(references: string[], options: RemoveOptions = {}): Promise<RemoveReport> {
    const report: RemoveReport = { items: [], errors: [] };
    await this.store.updateIndex(async (index) => {
      // One catalog for the whole batch: each removal only drops entries (or edits their annotations in place).
      let { records } = await catalogOf(index, this.store, this.cache);
      for (const reference of references) {
        try {
          report.items.push(...removeImage(index, records, reference, options.force ?? false));
        } catch (err) {
          report.errors.push({ image: reference, error: toErrorPayload(err) });
        }
        const live = new Set(index.manifests);
        records = records.filter((r) => live.has(r.entry));
      }
    });
    if (report.items.length > 0) {
      await this.store.gc();
      this.emit({ type: 'store.changed' });
    }
    return report;
  }

  async prune(): Promise<PruneReport> {
    const deleted = await this.store.updateIndex(async (index) => {
      const { records } = await catalogOf(index, this.store, this.cache);
      const dangling = records.filter((r) => r.reference === null);
      const tagged = new Set(records.filter((r) => r.reference !== null).map((r) => r.id));
      const doomed = new Set(dangling.map((r) => r.entry));
      index.manifests = index.manifests.filter((e) => !doomed.has(e));
      return [...new Set(dangling.filter((r) => !tagged.has(r.id)).map((r) => r.id))];
    });
    const gc = await this.store.gc();
    if (deleted.length > 0 || gc.deleted.length > 0) this.emit({ type: 'store.changed' });
    return { deleted, untagged: [], spaceReclaimed: gc.bytes };
  }

  async diskUsage(): Promise<DiskUsage> {
    return diskUsage(this.store, await this.records());
  }

  async fsck(): Promise<FsckReport> {
    const report = await this.store.fsck();
    const { broken } = await loadCatalog(this.store, this.cache);
    const problems = [...report.problems];
    for (const b of broken) problems.push({ kind: 'invalid', subject: b.entry.digest, detail: b.reason });
    return { ok: report.ok && broken.length === 0, checkedBlobs: report.checkedBlobs, problems };
  }

  async importRootfs(source: CoreFileSource, options: ImportOptions): Promise<ImportResult> {
    const reference = options.reference ? this.tagReference(options.reference) : null;
    const platform = options.platform ? parsePlatform(options.platform) : defaultImagePlatform();
    const { stream, size, name } = await openSource(source);
    const title = `Import ${name ?? 'root filesystem'}${reference ? ` as ${reference}` : ''}`;
    return this.tasks.run('import', title, async (ctx) => {
      ctx.progress(0, size ?? null);
      let session: WriteSession | undefined;
      try {
        session = await this.store.beginWrite();
        const written = await importRootfsLayer(session, stream, {
          changes: options.changes ?? [],
          ...(options.message ? { message: options.message } : {}),
          platform,
          signal: ctx.signal,
          onProgress: (bytes) => ctx.progress(bytes, size ?? null),
        });
        const target = { mediaType: MEDIA_TYPES.ociManifest, digest: written.manifest.digest, size: written.manifest.size };
        await session.commit((index) => {
          const now = new Date().toISOString();
          if (reference) setTag(index, reference, target, { source: 'import', created: now }, now);
          else keepAsDangling(index, target, { source: 'import', created: now }, now);
        }, { signal: ctx.signal });
        this.emit({ type: 'store.changed' });
        return { id: written.config.digest, reference, manifestDigest: written.manifest.digest };
      } catch (err) {
        await session?.abort();
        stream.destroy();
        throw err;
      }
    });
  }

  async listTasks(): Promise<TaskInfo[]> {
    return this.tasks.list();
  }

  async cancelTask(taskId: string): Promise<void> {
    this.tasks.cancel(taskId);
  }

  private async records(): Promise<ImageRecord[]> {
    return (await loadCatalog(this.store, this.cache)).records;
  }

  private imageRecords(records: ImageRecord[], reference: string): ImageRecord[] {
    const { id } = resolveImage(records, reference);
    return records.filter((r) => r.id === id);
  }

  private tagReference(input: string): string {
    const full = normalizeReference(input);
    if (parseReference(full).digest) {
      throw new BerthError('INVALID_REFERENCE', `refusing to create a tag with a digest reference: ${input}`);
    }
    return full;
  }

  private emit(event: BerthEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A shell's listener failing must not break the operation that emitted the event.
      }
    }
  }
}

async function openSource(source: CoreFileSource): Promise<{ stream: Readable; size: number | undefined; name: string | undefined }> {
  if ('stream' in source) return { stream: source.stream, size: source.size, name: source.name };
  if ('uploadId' in source) {
    throw new BerthError('INVALID_ARGUMENT', 'an upload must be resolved by the shell that received it');
  }
  const info = await stat(source.path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new BerthError('NOT_FOUND', `cannot read ${source.path}: no such file`);
    throw new BerthError('INVALID_ARGUMENT', `cannot read ${source.path}: ${err.message}`);
  });
  if (!info.isFile()) throw new BerthError('INVALID_ARGUMENT', `${source.path} is not a regular file`);
  return { stream: createReadStream(source.path, { highWaterMark: 1 << 20 }), size: info.size, name: source.path.split(/[\\/]/).pop() };
}
