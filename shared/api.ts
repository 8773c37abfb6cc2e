// The contract between the core service and every shell (Electron IPC, the `berth serve` WebSocket, the CLI).
// Everything here is plain data: it must survive structured clone and JSON. The data types live by topic in
// shared/api/ and are re-exported here, so callers import everything from this one module.
import type { ErrorPayload } from './errors.js';
import type { FileRef, FileTargetRef, ImportOptions, ImportOptionProblem, ImportResult, LoadResult, SaveOptions, SaveResult, FileRefOptions } from './api/archives.js';
import type { CommitOptions, CommitResult, EngineInfo, EngineContainer, EngineImage, CommitContainerOptions, SendResult } from './api/engine.js';
import type { ImageFileListing, ImageFilePreview, ImageFileSearch, ImageFileSearchResult, ImageFilesQuery } from './api/files.js';
import type { ImageDiff } from './api/diff.js';
import type { HubSearchOptions, HubSearchPage, HubTagsOptions, HubTagsPage } from './api/hub.js';
import type { ImageSummary, ListImagesOptions, ImageInspect, ImageDetail, RemoveOptions, RemoveReport, PruneReport, DiskUsage, FsckReport } from './api/images.js';
import type { PackageReport } from './api/packages.js';
import type { PullOptions, PullResult, PushOptions, PushResult, RegistryLogin, LoginResult, LogoutResult, RegistryTest, BerthSettings, UpdateCheck } from './api/registry.js';
import type { ImageWaste } from './api/waste.js';
export type { ErrorPayload } from './errors.js';
export type * from './api/images.js';
export type * from './api/archives.js';
export type * from './api/engine.js';
export type * from './api/registry.js';
export type * from './api/hub.js';
export type * from './api/files.js';
export type * from './api/packages.js';
export type * from './api/diff.js';
export type * from './api/waste.js';

export type TaskState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface TaskProgress {
  current: number;
  /** Null when unknown (a stream of unknown length). */
  total: number | null;
}

/** What each kind of long operation gives back when it ends well. */
export interface TaskResults {
  import: ImportResult;
  load: LoadResult;
  save: SaveResult;
  pull: PullResult;
  push: PushResult;
  commit: CommitResult;
  'copy-to-berth': LoadResult;
  'send-to-engine': SendResult;
  gc: null;
  prune: null;
  'export-files': { path: string; entries: number; bytes: number };
}

export type TaskKind = keyof TaskResults;

/** Returned at once by every method that starts long work: the caller's own task, to follow and to cancel. */
export interface TaskHandle<K extends TaskKind = TaskKind> {
  taskId: string;
  kind: K;
}

export interface TaskInfo<K extends TaskKind = TaskKind> {
  id: string;
  kind: K;
  title: string;
  state: TaskState;
  progress: TaskProgress;
  children: Array<{ id: string; title: string; state: TaskState; progress: TaskProgress }>;
  error: ErrorPayload | null;
  /** Set when state is `done`. */
  result: TaskResults[K] | null;
  startedAt: string;
  endedAt: string | null;
}

export interface AppInfo {
  version: string;
  storePath: string;
  platform: string;
}

/**
 * Every method every shell offers. The service implements it; the renderer's bridge mirrors it. Adding one also
 * means a line in shared/rpc-signatures.ts (the typecheck insists) and its implementation in the service.
 */
export interface BerthApi {
  info(): Promise<AppInfo>;
  listImages(options?: ListImagesOptions): Promise<ImageSummary[]>;
  inspectImage(reference: string): Promise<ImageInspect>;
  imageDetail(reference: string): Promise<ImageDetail>;
  tag(source: string, target: string): Promise<void>;
  remove(references: string[], options?: RemoveOptions): Promise<RemoveReport>;
  prune(): Promise<PruneReport>;
  diskUsage(): Promise<DiskUsage>;
  fsck(): Promise<FsckReport>;
  /** Checks the options, then starts the import; the ImportResult arrives with the task's end. */
  importRootfs(file: FileRef, options: ImportOptions): Promise<TaskHandle<'import'>>;
  /** The checks `importRootfs` makes of its options, without a file: empty when an import could start. */
  checkImportOptions(options: ImportOptions): Promise<ImportOptionProblem[]>;
  /** Checks the reference, then starts the pull; the PullResult arrives with the task's end. */
  pull(reference: string, options?: PullOptions): Promise<TaskHandle<'pull'>>;
  /** The tags NAME's repository has in its registry (`berth tags`), every page, in the registry's order. */
  remoteTags(name: string): Promise<string[]>;
  /** Starts loading an image archive (`docker save`, podman, skopeo, OCI); the LoadResult arrives with the task's end. */
  load(file: FileRef): Promise<TaskHandle<'load'>>;
  /** Starts writing IMAGE… into one tarball at `target`; the SaveResult arrives with the task's end. */
  save(references: string[], target: FileTargetRef, options?: SaveOptions): Promise<TaskHandle<'save'>>;
  listTasks(): Promise<TaskInfo[]>;
  /** Resolves when the task has ended (at once if it has), whatever the outcome: read `state`. */
  waitTask(taskId: string): Promise<TaskInfo>;
  cancelTask(taskId: string): Promise<void>;
  /** Checks the login against the registry (`docker login`), then saves it in Berth's credentials file. */
  login(server: string, username: string, password: string): Promise<LoginResult>;
  /** Removes Berth's saved login for the server (`docker logout`); docker's own config is never edited. */
  logout(server: string): Promise<LogoutResult>;
  /** The registries with a login (Berth's, docker's config, credential helpers), without secrets. */
  listRegistries(): Promise<RegistryLogin[]>;
  /** Whether the registry answers and whether its saved login is accepted. */
  testRegistry(server: string): Promise<RegistryTest>;
  /** settings.json as read now (defaults for what it leaves out). */
  getSettings(): Promise<BerthSettings>;
  /** Writes the given keys to settings.json (checked as a read checks them; other keys kept) and returns the result. */
  updateSettings(patch: Partial<BerthSettings>): Promise<BerthSettings>;
  /** Asks each tagged image's registry (a manifest HEAD) whether its tag now names another digest. */
  checkUpdates(references?: string[]): Promise<UpdateCheck[]>;
  /** Checks the reference and that the store has it, then starts the push; the PushResult arrives with the task's end. */
  push(reference: string, options?: PushOptions): Promise<TaskHandle<'push'>>;
  /** Searches Docker Hub's index (`docker search`): `indexUrl`'s /v1/search, the filters applied as dockerd applies them. */
  searchHub(term: string, options?: HubSearchOptions): Promise<HubSearchPage>;
  /** One page of a Docker Hub repository's tags with their platforms, sizes and push times (`hubUrl`'s v2 API). */
  hubTags(repository: string, options?: HubTagsOptions): Promise<HubTagsPage>;
  /**
   * Checks the base image, changes and adds, then starts a daemonless commit; the CommitResult arrives with the task's
   * end. `tarball` (a dropped or picked file) is added at / as one more layer, after `options.adds`.
   */
  commitImage(options: CommitOptions, tarball?: FileRef): Promise<TaskHandle<'commit'>>;
  /** Whether the local Docker Engine (DOCKER_HOST or /var/run/docker.sock; podman's socket too) answers, and what it is. */
  engineInfo(): Promise<EngineInfo>;
  listEngineContainers(): Promise<EngineContainer[]>;
  listEngineImages(): Promise<EngineImage[]>;
  /** `docker commit CONTAINER` through the engine, then the new image streamed into Berth's store. */
  commitContainer(container: string, options?: CommitContainerOptions): Promise<TaskHandle<'commit'>>;
  /** Streams the engine's image (`GET /images/{name}/get`) into Berth's store. */
  copyFromEngine(image: string): Promise<TaskHandle<'copy-to-berth'>>;
  /** Streams Berth's save of the images into the engine (`POST /images/load`). */
  sendToEngine(references: string[]): Promise<TaskHandle<'send-to-engine'>>;
  /** One folder of the image's merged filesystem, or of what one layer changed; indexes the layers first if need be. */
  imageFiles(reference: string, query?: ImageFilesQuery): Promise<ImageFileListing>;
  /** Paths in the image (or one layer's changes) matching a fragment or glob. */
  searchImageFiles(reference: string, search: ImageFileSearch): Promise<ImageFileSearchResult>;
  /** A path's metadata, and its text when it is a small text file. */
  previewImageFile(reference: string, path: string): Promise<ImageFilePreview>;
  /** The OS (etc/os-release) and the packages installed in the image (dpkg, apk, rpm's sqlite rpmdb), read offline from its layers. */
  imagePackages(reference: string): Promise<PackageReport>;
  /** Saves a file of the image (its bytes as they are) or a folder (as a tar, as `docker cp` writes it) to the target. */
  saveImageFiles(reference: string, path: string, target: FileTargetRef): Promise<TaskHandle<'export-files'>>;
  /** What differs from image A to image B: paths added, changed and deleted (docker diff's rules), sizes, config. */
  diffImages(a: string, b: string): Promise<ImageDiff>;
  /** Bytes later layers overwrite or remove, the paths wasting most, and dive's efficiency score; indexes the layers first if need be. */
  imageWaste(reference: string): Promise<ImageWaste>;
}

export type BerthMethod = keyof BerthApi;

export type BerthEvent =
  | { type: 'task.update'; task: TaskInfo }
  | { type: 'store.changed' };

/** A reply that crosses a boundary as data: errors stay typed payloads, never strings to parse. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** Wire format shared by IPC and the WebSocket bridge. */
export type RpcRequest = { id: number; method: BerthMethod; args: unknown[] };
export type RpcResponse = { id: number } & Reply<unknown>;

/** The renderer's view: the API plus events and the shell's own file helpers. */
export interface BerthBridge extends BerthApi {
  onEvent(listener: (event: BerthEvent) => void): () => void;
  /**
   * Turns a dropped or picked File into a FileRef the shell will read (the browser shell uploads it first,
   * reporting bytes sent and stopping with CANCELLED when `signal` aborts; other shells hand it over at once).
   */
  fileRef(file: File, options?: FileRefOptions): Promise<FileRef>;
  /** Asks the shell for a file to open (Electron: native dialog; browser: returns null, the page uses <input type=file>). */
  chooseFile?(purpose: 'import' | 'load'): Promise<FileRef | null>;
  shell: 'electron' | 'web';
}
