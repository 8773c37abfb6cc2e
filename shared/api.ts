// The contract between the core service and every shell (Electron IPC, the `berth serve` WebSocket, the CLI).
// Everything here is plain data: it must survive structured clone and JSON.
import type { ErrorPayload } from './errors.js';
import type { SortOrder } from './image-order.js';

export type { ErrorPayload } from './errors.js';

/** One row of `berth images`: one per tag, or one per untagged (dangling) image. */
export interface ImageSummary {
  /** Image ID: the config digest, `sha256:<64 hex>`. */
  id: string;
  /** Familiar repository (`ubuntu`, `ghcr.io/x/y`) or `<none>`. */
  repository: string;
  /** Tag or `<none>`. */
  tag: string;
  /** Full normalised reference (`docker.io/library/ubuntu:14.04`), null when dangling. */
  reference: string | null;
  /** Digest of the manifest (or index) this tag points at, `sha256:…`. */
  manifestDigest: string;
  /** Registry digest (`name@sha256:…`) when pulled or pushed, else null. */
  repoDigest: string | null;
  /** RFC 3339 time from the image config. */
  created: string;
  /**
   * docker's SIZE: what the layers' files take unpacked, measured as each layer was written (a layer another tool
   * wrote, never measured, counts as stored).
   */
  size: number;
  /** Bytes of the layers as stored on disk (compressed where they are). */
  diskSize: number;
  /** Of `size`, the bytes of layers this image shares with at least one other image. */
  sharedSize: number;
  labels: Record<string, string>;
  dangling: boolean;
}

export interface ListImagesOptions {
  /** `docker images -a` shows intermediate images; Berth has none, so this changes nothing. Dangling images are
   * listed by default, as docker does; filter them with `dangling=false`. */
  all?: boolean;
  /** `--filter` values, docker style: `dangling=true`, `reference=ubu*`, `before=ID`, `since=ID`, `label=k[=v]`. */
  filters?: string[];
  /** Optional positional `REPOSITORY[:TAG]` argument. */
  reference?: string;
  /** The app's table order (shared/image-order.ts) instead of docker's newest first. */
  order?: SortOrder;
  /**
   * At most this many rows, the first in the order: the app asks for its first screenful ahead of the whole list,
   * so the first rows of 50,000 appear without waiting for all of them to be sent and parsed.
   */
  limit?: number;
}

/**
 * The JSON `docker image inspect` prints (dockerd 20.10's types.ImageInspect, keys in its order), as far as a
 * daemonless store can fill it. shared/inspect/image-inspect-type.ts describes the Go types `-f` templates see.
 */
export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  Container: string;
  ContainerConfig: ContainerConfig;
  DockerVersion: string;
  Author: string;
  Config: ContainerConfig;
  Architecture: string;
  Variant?: string;
  Os: string;
  OsVersion?: string;
  Size: number;
  VirtualSize: number;
  /** Berth keeps no unpacked layers: the zero value, `{"Data":null,"Name":""}`. */
  GraphDriver: { Data: Record<string, string> | null; Name: string };
  RootFS: { Type: string; Layers?: string[]; BaseLayer?: string };
  Metadata: { LastTagTime: string };
}

export interface ContainerConfig {
  Hostname: string;
  Domainname: string;
  User: string;
  AttachStdin: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  ExposedPorts?: Record<string, object>;
  Tty: boolean;
  OpenStdin: boolean;
  StdinOnce: boolean;
  Env: string[] | null;
  Cmd: string[] | null;
  /** Durations in nanoseconds. */
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number };
  ArgsEscaped?: boolean;
  Image: string;
  Volumes: Record<string, object> | null;
  WorkingDir: string;
  Entrypoint: string[] | null;
  NetworkDisabled?: boolean;
  MacAddress?: string;
  OnBuild: string[] | null;
  Labels: Record<string, string> | null;
  StopSignal?: string;
  StopTimeout?: number;
  Shell?: string[];
}

/** One layer with what built it (the detail page's Layers tab, `docker history`). */
export interface LayerInfo {
  /** Compressed or stored blob digest; null for history entries that made no layer. */
  digest: string | null;
  diffId: string | null;
  mediaType: string | null;
  /** What the layer's files take unpacked (docker history's SIZE); as stored when never measured; 0 for no layer. */
  size: number;
  /** Bytes of the layer as stored on disk. */
  diskSize: number;
  created: string | null;
  createdBy: string;
  comment: string;
  emptyLayer: boolean;
}

/** Everything the detail page shows about one image. */
export interface ImageDetail {
  inspect: ImageInspect;
  layers: LayerInfo[];
  /** The image's layers as stored on disk (inspect.Size is their content unpacked). */
  diskSize: number;
  manifestDigest: string;
  manifestMediaType: string;
}

export interface RemoveOptions {
  force?: boolean;
}

/**
 * `Untagged:` and `Deleted:` lines, in the order docker prints them: an image's tags, its ID (`deleted`), then
 * the layers its removal deleted from the store (`deletedLayer`, top layer first), which docker also prints as
 * `Deleted:` lines.
 */
export interface RemoveReport {
  items: Array<{ untagged: string } | { deleted: string } | { deletedLayer: string }>;
  /** Per-argument failures (the CLI prints them and exits 1, or 0 with -f when the image does not exist). */
  errors: Array<{ image: string; error: ErrorPayload }>;
}

export interface PruneReport {
  deleted: string[];
  untagged: string[];
  spaceReclaimed: number;
}

export interface DiskUsage {
  images: number;
  /** Tagged plus dangling image IDs, each counted once. */
  uniqueImages: number;
  /** Sum of every image's size (content unpacked): shared layers counted once per image. */
  totalSize: number;
  /** Content of the distinct layers referenced from the index: shared layers counted once (docker system df's SIZE). */
  uniqueSize: number;
  /** The same distinct layers as stored on disk (compressed where they are). */
  uniqueDiskSize: number;
  /** Bytes a prune plus gc would free: dangling images' blobs and unreferenced blobs. */
  reclaimable: number;
  /** Bytes on disk under blobs/, referenced or not. */
  storeSize: number;
}

export interface FsckReport {
  ok: boolean;
  checkedBlobs: number;
  problems: Array<{ kind: 'missing' | 'corrupt' | 'orphan' | 'invalid' | 'stray'; subject: string; detail: string }>;
}

/**
 * A file the shell handed out for reading: picked in a native dialog, dropped on the window, or uploaded to
 * `berth serve`. Only the shell that issued it can turn it back into bytes; the page never sees a path.
 */
export interface FileRef {
  fileId: string;
  /** The file's own name, for titles and messages. */
  name: string;
  /** Bytes, when known. */
  size: number | null;
}

/** Where the shell lets an operation write a file (a Save… dialog's choice, a download): the other direction. */
export interface FileTargetRef {
  targetId: string;
  name: string;
}

export interface ImportOptions {
  /** `REPOSITORY[:TAG]`; empty for an untagged image. */
  reference?: string;
  /** `-c` instructions in Dockerfile syntax. */
  changes?: string[];
  /** `-m` commit message. */
  message?: string;
  /** `os/arch[/variant]`; the host's by default. */
  platform?: string;
}

/** One thing wrong with an import's options, found before any byte is read (or uploaded). */
export interface ImportOptionProblem {
  field: 'reference' | 'changes' | 'platform';
  /** The service's own message, as `importRootfs` would fail with it. */
  message: string;
  /** For `changes`: the index (in `options.changes`) of the first instruction that fails, when one can be named. */
  index?: number;
}

export interface ImportResult {
  id: string;
  reference: string | null;
  manifestDigest: string;
}

export interface CommitOptions {
  /** The image to build on (`--from`): a reference or an image ID in Berth's store. */
  from?: string;
  /** `REPOSITORY[:TAG]`; empty for an untagged image. */
  reference?: string;
  /** `-c` instructions in Dockerfile syntax (docker commit's allowed ones). */
  changes?: string[];
  /** `-m` commit message. */
  message?: string;
  /** `-a` author, e.g. "Jane Doe <jane@example.com>". */
  author?: string;
  /** `--add`: folders or tarballs on this machine (absolute paths), each one more layer, placed at `dest` (default /). */
  adds?: Array<{ path: string; dest?: string }>;
}

export interface CommitResult {
  id: string;
  reference: string | null;
  manifestDigest: string;
}

/** The local Docker Engine (or podman's Docker-compatible service), as the bridge found it. */
export type EngineInfo =
  | { reachable: true; host: string; kind: 'docker' | 'podman'; version: string; apiVersion: string; os: string; arch: string }
  /** `message` says why, once and plainly (docker's own "Cannot connect to the Docker daemon at …"). */
  | { reachable: false; host: string; message: string };

export interface EngineContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string;
  created: string | null;
  /** `running`, `exited`, …; `status` is the engine's sentence ("Up 2 minutes"). */
  state: string;
  status: string;
}

export interface EngineImage {
  id: string;
  tags: string[];
  created: string | null;
  size: number;
}

export interface CommitContainerOptions {
  reference?: string;
  changes?: string[];
  message?: string;
  author?: string;
  /** docker commit's `-p`: pause the container while committing (default true). */
  pause?: boolean;
}

/** What a Send to Engine gave the engine: each image with the tags sent for it. */
export interface SendResult {
  images: Array<{ id: string; tags: string[] }>;
}

export interface PullOptions {
  /** `os/arch[/variant]` to choose from an index; settings.json's `platform`, else the host's, by default. */
  platform?: string;
}

export interface PullResult {
  /** Image ID: the config digest. */
  id: string;
  /** The full normalised reference pulled (`docker.io/library/ubuntu:latest`, or `name@sha256:…`). */
  reference: string;
  /** What the reference points at in the registry: the manifest's digest, or the index's. */
  digest: string;
  /** `up-to-date` when the store already had exactly this image under this name: no blob was fetched. */
  status: 'downloaded' | 'up-to-date';
}

/** What a load brought into the store: each image of the archive with the tags it got (none: untagged). */
export interface LoadResult {
  images: Array<{ id: string; tags: string[] }>;
}

export interface SaveOptions {
  /** `os/arch[/variant]`: which platform of an index to save; the host's by default. */
  platform?: string;
  /** Write the stored (usually gzip) layers as they are instead of uncompressed as docker does. */
  keepCompressed?: boolean;
}

/** What a save wrote: each image with the tags saved for it, and the archive's length in bytes. */
export interface SaveResult {
  images: Array<{ id: string; tags: string[] }>;
  size: number;
}

export interface PushOptions {
  /** Every tag of the repository (`-a`); the reference then names no tag. */
  allTags?: boolean;
}

export interface PushResult {
  /** `docker.io/library/ubuntu`: the repository pushed to. */
  repository: string;
  /** Each tag pushed, with what it now points at in the registry (docker's `TAG: digest: … size: N`). */
  tags: Array<{ tag: string; digest: string; size: number }>;
}

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

/** Where a registry login comes from: `berth login` (Berth's auth.json), docker's config.json, or a docker credential helper. */
export type LoginSource = 'berth' | 'docker-config' | 'credential-helper';

/** A registry with a login, as the Registries page and `listRegistries` show it: never the secret. */
export interface RegistryLogin {
  /** As references name it: `docker.io`, `127.0.0.1:5000`. */
  registry: string;
  /** The key the login is filed under (`https://index.docker.io/v1/` for Docker Hub). */
  server: string;
  /** null when the source does not say (an identity token, a helper that failed). */
  username: string | null;
  source: LoginSource;
  /** The credential helper's name (`desktop`, `pass`) when source is `credential-helper`. */
  helper: string | null;
  /** The file that holds the login, or that names the helper. */
  location: string;
  /** Why the login could not be read (a helper that failed), or null. */
  problem: string | null;
}

export interface LoginResult {
  registry: string;
  server: string;
  username: string;
  /** The file the login was saved in (Berth's auth.json). */
  location: string;
}

export interface LogoutResult {
  registry: string;
  server: string;
  /** Whether Berth had a login saved for it (and now has not). */
  removed: boolean;
  /** A login docker's config still gives this registry (Berth does not edit docker's files), or null. */
  remaining: RegistryLogin | null;
}

export interface RegistryTest {
  registry: string;
  /** Whether /v2/ answered as a registry does. */
  reachable: boolean;
  /** The scheme it asks for: null when it needs no login (or did not answer). */
  auth: 'basic' | 'bearer' | null;
  /** What became of the saved login: accepted, refused, none saved (`missing`), or not needed. */
  credentials: 'accepted' | 'refused' | 'missing' | 'not-needed' | null;
  /** Where the login tried came from, and whose it is. */
  source: LoginSource | null;
  username: string | null;
  /** One sentence for the user. */
  message: string;
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
}

export type BerthMethod = keyof BerthApi;

/** The user settings every shell shares (settings.json, brief §3). */
export interface BerthSettings {
  /** Mirrors for docker.io, tried in order before Docker Hub (`https://mirror.example`). */
  registryMirrors: string[];
  /** host[:port] or CIDR allowed plain http and unverified TLS (loopback always is). */
  insecureRegistries: string[];
  /** `os/arch[/variant]` to pick from an index; the host's when empty. */
  platform: string;
  /** Layers a pull fetches at once. */
  parallelDownloads: number;
  hubUrl: string;
  indexUrl: string;
  /** The largest decompressed layer an import or load may write, in bytes; null for no limit beyond free space. */
  maxLayerBytes: number | null;
  /** Blobs a push sends at once (dockerd's max-concurrent-uploads, default 5). */
  parallelUploads: number;
}

/** What a registry says of one tagged image: does its tag still name the digest the image was pulled as? */
export interface UpdateCheck {
  /** The full reference checked (`docker.io/library/ubuntu:22.04`). */
  reference: string;
  /**
   * `update-available`: the tag names another digest now; `up-to-date`: the same; `not-checked`: the image has no
   * repo digest for its name (built or imported here), so there is nothing to compare; `error`: see `error`.
   */
  status: 'update-available' | 'up-to-date' | 'not-checked' | 'error';
  /** The digest the registry gives for the tag, when it answered. */
  remoteDigest: string | null;
  /** Why it could not be checked (`error`), or why it was not (`not-checked`). */
  error: string | null;
  checkedAt: string;
}

export type BerthEvent =
  | { type: 'task.update'; task: TaskInfo }
  | { type: 'store.changed' };

/** A reply that crosses a boundary as data: errors stay typed payloads, never strings to parse. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** Wire format shared by IPC and the WebSocket bridge. */
export type RpcRequest = { id: number; method: BerthMethod; args: unknown[] };
export type RpcResponse = { id: number } & Reply<unknown>;

/** How the page follows (and can stop) the hand-over of a file: an upload in the browser shell. */
export interface FileRefOptions {
  /** Bytes sent so far of `total`; called first with 0 as the upload starts. */
  onProgress?(sent: number, total: number): void;
  signal?: AbortSignal;
}

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

/** `searchHub`'s options: docker search's `--limit` (1–100, default 25) and `--filter`s, plus the index's page. */
export interface HubSearchOptions {
  limit?: number;
  /** docker's `name=value` filters: `stars=N`, `is-official=true|false`, `is-automated=true|false`. */
  filters?: string[];
  /** The index's page (1-based) of `limit` results each; filters apply within the page, as the daemon's do. */
  page?: number;
}

/** One repository found on Docker Hub's index, checked (a hostile or broken index cannot smuggle other types in). */
export interface HubSearchResult {
  /** `nginx` for official images, `namespace/name` otherwise. */
  name: string;
  description: string;
  starCount: number;
  pullCount: number;
  isOfficial: boolean;
  isAutomated: boolean;
}

export interface HubSearchPage {
  /** The term as sent (a `library/` prefix stripped, as docker strips it). */
  query: string;
  /** What the index says it found in all, before the filters. */
  numResults: number;
  numPages: number;
  page: number;
  pageSize: number;
  results: HubSearchResult[];
}

export interface HubTagsOptions {
  /** 1-based. */
  page?: number;
  /** 1–100 (Docker Hub's maximum), default 25. */
  pageSize?: number;
}

/** One platform's image of a Hub tag. */
export interface HubTagImage {
  architecture: string;
  os: string;
  variant: string;
  digest: string;
  /** Compressed bytes (what a pull downloads). */
  size: number;
  lastPushed: string | null;
}

export interface HubTag {
  name: string;
  /** The tag's digest (an index's for multi-platform tags); empty when the Hub gives none. */
  digest: string;
  /** Compressed bytes of the largest platform, as the Hub reports it. */
  fullSize: number;
  lastUpdated: string | null;
  images: HubTagImage[];
}

export interface HubTagsPage {
  /** `library/nginx` for official images. */
  repository: string;
  /** Tags in all, across pages. */
  count: number;
  page: number;
  pageSize: number;
  hasNext: boolean;
  tags: HubTag[];
}
