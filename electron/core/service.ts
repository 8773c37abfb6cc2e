// The one API surface every shell calls: a thin table from the contract (shared/api.ts) onto operations (long or
// store-changing work, electron/core/operations/) and queries (reading the store as images, electron/core/image/).
import type {
  ImageFileListing,
  ImageFilePreview,
  ImageFileSearch,
  ImageFileSearchResult,
  ImageFilesQuery,
  ImageDiff,
  AppInfo, BerthEvent, DiskUsage, FsckReport, ImageDetail, ImageInspect, ImageSummary, ImportOptionProblem, ImportOptions, ListImagesOptions, PullOptions, PushOptions, SaveOptions, CommitOptions, CommitContainerOptions, EngineContainer, EngineImage, EngineInfo,
  PruneReport, RemoveOptions, RemoveReport, TaskHandle, TaskInfo, LoginResult, LogoutResult, RegistryLogin, RegistryTest,
  BerthSettings, UpdateCheck,
  HubSearchOptions, HubSearchPage, HubTagsOptions, HubTagsPage,
  ImageWaste,
} from '../../shared/api.js';
import type { PackageReport } from '../../shared/api.js';
import pkg from '../../package.json' with { type: 'json' };
import type { BerthService, CoreFileSource, CoreFileTarget, ServiceOptions } from './service-api.js';
import type { ImageStore } from './store/types.js';
import { openStore, defaultStorePath } from './store/store.js';
import { Catalog } from './image/catalog.js';
import type { ImageRecord } from './image/model.js';
import { resolveImage } from './image/resolve.js';
import { inspectView } from './image/inspect-view.js';
import { layerHistory } from './image/layer-history.js';
import { ListingMemo } from './image/listing-memo.js';
import { DEFAULT_SORT } from '../../shared/image-order.js';
import { diskUsage } from './image/disk-usage.js';
import { defaultImagePlatform, formatPlatform } from './oci/platform.js';
import { TaskManager } from './tasks/task-manager.js';
import { readSettings, settingsPath, type Settings } from './settings/settings.js';
import type { OperationContext } from './operations/context.js';
import { tagImage } from './operations/tag.js';
import { removeImages } from './operations/remove.js';
import { pruneImages } from './operations/prune.js';
import { authFilePath } from './credentials/auth-file.js';
import { savedCredentials, type CredentialSources } from './credentials/resolver.js';
import type { AccountContext } from './credentials/accounts.js';
import type { BackgroundIndexer } from './files/background-index.js';

export async function createService(options: ServiceOptions = {}): Promise<BerthService> {
  const storePath = options.storePath ?? defaultStorePath(options.env ?? process.env);
  const store = await openStore(storePath, options.store);
  return new Service(store, options);
}

class Service implements BerthService {
  private readonly listeners = new Set<(event: BerthEvent) => void>();
  private readonly ctx: OperationContext;
  private readonly stopWatching: (() => void) | null;
  private readonly listings = new ListingMemo();
  private usage: { records: readonly ImageRecord[]; blobs: ReadonlyMap<string, number>; value: DiskUsage } | null = null;
  private readonly warming: Promise<unknown>;
  private readonly background = new Set<Promise<void>>();
  private readonly credentialSources: CredentialSources;
  private readonly settingsFile: string;
  private cachedSettings: Promise<Settings> | null = null;
  private readonly indexer: Promise<BackgroundIndexer> | null;

  constructor(private readonly store: ImageStore, options: ServiceOptions) {
    const tasks = new TaskManager((task) => {
      this.emit({ type: 'task.update', task });
      if (task.state === 'done') void this.indexer?.then((indexer) => indexer.taskUpdated(task));
    });
    this.settingsFile = options.settingsFile ?? settingsPath(options.env ?? process.env);
    this.credentialSources = { authFile: authFilePath(this.settingsFile), env: options.env ?? process.env };
    this.ctx = {
      store, catalog: new Catalog(store), tasks, settings: () => (this.cachedSettings ??= readSettings(this.settingsFile)), emit: (event) => this.emit(event),
      credentials: options.credentials ?? savedCredentials(this.credentialSources),
      background: (work) => {
        const running: Promise<void> = work().catch(() => undefined).finally(() => this.background.delete(running));
        this.background.add(running);
      },
    };
    // Loaded only where asked for: a CLI command never pays for the files core it does not use.
    const busy = () => tasks.list().some((task) => task.state === 'running' || task.state === 'queued');
    this.indexer = options.indexInBackground ? import('./files/background-index.js').then(({ BackgroundIndexer }) => new BackgroundIndexer(this.ctx, busy)) : null;
    this.stopWatching = options.watch ? store.watch(() => this.emit({ type: 'store.changed' })) : null;
    // A window or `berth serve` lists the store as soon as a page opens: have the catalog read and the table's
    // first order sorted by then. A damaged store is reported by that listing, not by this head start.
    this.warming = options.watch ? this.listImages({ order: DEFAULT_SORT, limit: 1 }).catch(() => undefined) : Promise.resolve();
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
    (await this.indexer)?.close();
    this.listeners.clear();
    await this.warming;
    while (this.background.size > 0) await Promise.all(this.background);
    await this.ctx.catalog.flush(); // a catalog cache write started by the last listing
  }

  // --- queries ---------------------------------------------------------------------------------------------

  async info(): Promise<AppInfo> {
    return { version: pkg.version, storePath: this.store.root, platform: formatPlatform(defaultImagePlatform()) };
  }

  async listImages(options: ListImagesOptions = {}): Promise<ImageSummary[]> {
    return this.listings.list(await this.records(), options);
  }

  async inspectImage(reference: string): Promise<ImageInspect> {
    const records = this.imageRecords(await this.records(), reference);
    const { config } = await this.ctx.catalog.documents(records[0]!);
    return inspectView(records, config);
  }

  async imageDetail(reference: string): Promise<ImageDetail> {
    const records = this.imageRecords(await this.records(), reference);
    const first = records[0]!;
    const { manifest, config } = await this.ctx.catalog.documents(first);
    return {
      inspect: inspectView(records, config),
      layers: layerHistory(manifest, config, await this.store.layerSizes()),
      diskSize: first.diskSize,
      manifestDigest: first.topDigest,
      manifestMediaType: first.manifestMediaType,
    };
  }

  async diskUsage(): Promise<DiskUsage> {
    // Walks every image's manifests: kept while neither the records nor the blobs on disk changed (both are
    // shared values that the store replaces on change), as the app asks again after every listing.
    const records = await this.records();
    const blobs = await this.store.blobSizes();
    const last = this.usage;
    if (last && last.records === records && last.blobs === blobs) return { ...last.value };
    const value = await diskUsage(this.store, records);
    this.usage = { records, blobs, value };
    return { ...value };
  }

  async fsck(): Promise<FsckReport> {
    const report = await this.store.fsck();
    const problems = [...report.problems];
    // From the blobs themselves, never the cache: fsck judges what is on disk. An index.json the store check
    // already reported as unreadable has no entries to judge.
    const catalog = await new Catalog(this.store, { persist: false }).load().catch(() => ({ broken: [] }));
    for (const b of catalog.broken) problems.push({ kind: 'invalid', subject: b.entry.digest, detail: b.reason });
    return { ok: report.ok && catalog.broken.length === 0, checkedBlobs: report.checkedBlobs, problems };
  }

  // --- operations ------------------------------------------------------------------------------------------

  tag(source: string, target: string): Promise<void> {
    return tagImage(this.ctx, source, target);
  }

  remove(references: string[], options: RemoveOptions = {}): Promise<RemoveReport> {
    return removeImages(this.ctx, references, options);
  }

  prune(): Promise<PruneReport> {
    return pruneImages(this.ctx);
  }

  load(source: CoreFileSource): Promise<TaskHandle<'load'>> {
    return import('./operations/load.js').then(({ startLoad }) => startLoad(this.ctx, source));
  }

  save(references: string[], target: CoreFileTarget, options?: SaveOptions): Promise<TaskHandle<'save'>> {
    return import('./operations/save.js').then(({ startSave }) => startSave(this.ctx, references, target, options));
  }

  importRootfs(source: CoreFileSource, options: ImportOptions): Promise<TaskHandle<'import'>> {
    // Loaded on first use: the archive readers (zlib, child processes, the tar scanner, `-c` changes) would
    // otherwise be compiled on every start of every command, `berth images` included.
    return import('./operations/import.js').then(({ startImport }) => startImport(this.ctx, source, options));
  }

  pull(reference: string, options: PullOptions = {}): Promise<TaskHandle<'pull'>> {
    // Loaded on first use, like import: the registry client (undici) is not needed by `berth images`.
    return import('./operations/pull.js').then(({ startPull }) => startPull(this.ctx, reference, options));
  }

  remoteTags(name: string): Promise<string[]> {
    return import('./operations/remote-tags.js').then(({ remoteTags }) => remoteTags(this.ctx, name));
  }

  checkImportOptions(options: ImportOptions): Promise<ImportOptionProblem[]> {
    // Typed as the user types: the `-c` parser without the archive readers the import itself needs.
    return import('./operations/import-options.js').then(({ checkImportOptions }) => checkImportOptions(options));
  }

  // --- tasks -----------------------------------------------------------------------------------------------

  async listTasks(): Promise<TaskInfo[]> {
    return this.ctx.tasks.list();
  }

  waitTask(taskId: string): Promise<TaskInfo> {
    return this.ctx.tasks.wait(taskId);
  }

  async cancelTask(taskId: string): Promise<void> {
    this.ctx.tasks.cancel(taskId);
  }

  push(reference: string, options: PushOptions = {}): Promise<TaskHandle<'push'>> {
    // Loaded on first use, like pull.
    return import('./operations/push.js').then(({ startPush }) => startPush(this.ctx, reference, options));
  }

  // --- registry logins ---------------------------------------------------------------------------------------

  login(server: string, username: string, password: string): Promise<LoginResult> {
    return this.accounts().then(({ module, ctx }) => module.login(ctx, server, username, password));
  }

  logout(server: string): Promise<LogoutResult> {
    return this.accounts().then(({ module, ctx }) => module.logout(ctx, server));
  }

  listRegistries(): Promise<RegistryLogin[]> {
    return this.accounts().then(({ module, ctx }) => module.listRegistries(ctx));
  }

  testRegistry(server: string): Promise<RegistryTest> {
    return this.accounts().then(({ module, ctx }) => module.testRegistry(ctx, server));
  }

  /** Loaded on first use, like pull (the registry client); settings read for insecureRegistries. */
  private async accounts(): Promise<{ module: typeof import('./credentials/accounts.js'); ctx: AccountContext }> {
    const [module, settings] = await Promise.all([import('./credentials/accounts.js'), this.ctx.settings()]);
    return { module, ctx: { ...this.credentialSources, transport: { insecureRegistries: settings.insecureRegistries } } };
  }

  // --- settings and updates ------------------------------------------------------------------------------------

  getSettings(): Promise<BerthSettings> {
    // Read afresh: the CLI or an editor may have changed the file since; operations then see the same.
    const reading = readSettings(this.settingsFile);
    this.cachedSettings = reading;
    reading.catch(() => {
      if (this.cachedSettings === reading) this.cachedSettings = null;
    });
    return reading;
  }

  async updateSettings(patch: Partial<BerthSettings>): Promise<BerthSettings> {
    const { updateSettingsFile } = await import('./settings/settings-write.js');
    const written = await updateSettingsFile(this.settingsFile, patch as Record<string, unknown>);
    this.cachedSettings = Promise.resolve(written);
    return { ...written };
  }

  checkUpdates(references?: string[]): Promise<UpdateCheck[]> {
    return import('./operations/check-updates.js').then(({ checkUpdates }) => checkUpdates(this.ctx, references));
  }

  searchHub(term: string, options: HubSearchOptions = {}): Promise<HubSearchPage> {
    return import('./hub/search.js').then(({ searchHub }) => searchHub(this.ctx, term, options));
  }

  hubTags(repository: string, options: HubTagsOptions = {}): Promise<HubTagsPage> {
    return import('./hub/tags.js').then(({ hubTags }) => hubTags(this.ctx, repository, options));
  }

  commitImage(options: CommitOptions, tarball?: CoreFileSource): Promise<TaskHandle<'commit'>> {
    // Loaded on first use: the folder walker and the tar readers are not needed by `berth images`.
    return import('./operations/commit.js').then(({ startCommit }) => startCommit(this.ctx, options, tarball), async (err: unknown) => {
      await tarball?.release?.();
      throw err;
    });
  }

  // --- the Docker Engine bridge (loaded on first use: undici and the load/save machinery) -----------------------

  engineInfo(): Promise<EngineInfo> {
    return import('./engine/info.js').then(({ engineInfo }) => engineInfo(this.credentialSources.env));
  }

  listEngineContainers(): Promise<EngineContainer[]> {
    return import('./engine/info.js').then(({ listEngineContainers }) => listEngineContainers(this.credentialSources.env));
  }

  listEngineImages(): Promise<EngineImage[]> {
    return import('./engine/info.js').then(({ listEngineImages }) => listEngineImages(this.credentialSources.env));
  }

  commitContainer(container: string, options: CommitContainerOptions = {}): Promise<TaskHandle<'commit'>> {
    return import('./operations/engine.js').then(({ startCommitContainer }) => startCommitContainer(this.ctx, this.credentialSources.env, container, options));
  }

  copyFromEngine(image: string): Promise<TaskHandle<'copy-to-berth'>> {
    return import('./operations/engine.js').then(({ startCopyFromEngine }) => startCopyFromEngine(this.ctx, this.credentialSources.env, image));
  }

  sendToEngine(references: string[]): Promise<TaskHandle<'send-to-engine'>> {
    return import('./operations/engine.js').then(({ startSendToEngine }) => startSendToEngine(this.ctx, this.credentialSources.env, references));
  }

  async imageFiles(reference: string, query?: ImageFilesQuery): Promise<ImageFileListing> {
    const [{ openImageFiles }, { listImageFiles }] = await Promise.all([import('./files/image-files.js'), import('./files/file-listing.js')]);
    return listImageFiles(await openImageFiles(this.ctx, reference), query);
  }

  async searchImageFiles(reference: string, search: ImageFileSearch): Promise<ImageFileSearchResult> {
    const [{ openImageFiles }, files] = await Promise.all([import('./files/image-files.js'), import('./files/file-listing.js')]);
    return files.searchImageFiles(await openImageFiles(this.ctx, reference), search);
  }

  async previewImageFile(reference: string, path: string): Promise<ImageFilePreview> {
    const [{ openImageFiles }, { previewImageFile }] = await Promise.all([import('./files/image-files.js'), import('./files/file-listing.js')]);
    return previewImageFile(await openImageFiles(this.ctx, reference), path);
  }

  async imagePackages(reference: string): Promise<PackageReport> {
    // Loaded on first use: the layer index and the package readers (which load sql.js only for an rpmdb) are not needed by `berth images`.
    const [{ openImageFiles }, { readPackages }] = await Promise.all([import('./files/image-files.js'), import('./files/packages/packages.js')]);
    return readPackages(await openImageFiles(this.ctx, reference));
  }

  saveImageFiles(reference: string, path: string, target: CoreFileTarget): Promise<TaskHandle<'export-files'>> {
    return import('./operations/export-files.js').then(({ startExportFiles }) => startExportFiles(this.ctx, reference, path, target));
  }

  async diffImages(a: string, b: string): Promise<ImageDiff> {
    const [{ openImageFiles }, { diffImages }] = await Promise.all([import('./files/image-files.js'), import('./files/image-diff.js')]);
    // One after the other: the second image's layers often are the first's, indexed once.
    const before = await openImageFiles(this.ctx, a);
    return diffImages(before, await openImageFiles(this.ctx, b));
  }

  async imageWaste(reference: string): Promise<ImageWaste> {
    const [{ openImageFiles }, { imageWaste }] = await Promise.all([import('./files/image-files.js'), import('./files/wasted-space.js')]);
    const files = await openImageFiles(this.ctx, reference);
    return imageWaste(files.record.id, files.indexes, files.merged);
  }

  private async records(): Promise<readonly ImageRecord[]> {
    return (await this.ctx.catalog.load()).records;
  }

  private imageRecords(records: readonly ImageRecord[], reference: string): ImageRecord[] {
    const { id } = resolveImage(records, reference);
    return records.filter((r) => r.id === id);
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
