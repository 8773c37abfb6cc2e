// `berth push` / the app's Push: the store's image under NAME[:TAG] (or every tag with -a) into its registry, as
// docker push does it. Layers first (each a child task with docker's states; uncompressed ones gzip-compressed
// and their twins kept), then configs, then for each tag the manifest(s) and, when the store holds every platform
// of an index, the index (push-plan.ts says which). A manifest whose layers went compressed is rewritten with the
// compressed descriptors (the config is untouched, so the image ID stays); otherwise its stored bytes go as they
// are, so the digest docker prints is the one the store knows. Where each blob now lives is recorded for later
// cross-repository mounts, and the pushed digest joins the image's RepoDigests, as docker records it.
import type { PushOptions, PushResult, TaskHandle } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { PUSH_STATES, pushLayerChildId } from '../../../shared/push-layers.js';
import { addRepoDigests } from '../image/index-entries.js';
import { entryName } from '../image/entry-reference.js';
import type { Descriptor } from '../oci/descriptor.js';
import { sha256Digest } from '../oci/digest.js';
import type { OciIndex } from '../oci/image-index.js';
import type { ImageManifest } from '../oci/manifest.js';
import { repositoryName } from '../ref/reference.js';
import { RegistryClient, type Credentials } from '../registry/client.js';
import { putManifest } from '../registry/manifest-put.js';
import type { ImageStore } from '../store/types.js';
import type { TaskContext } from '../tasks/task-manager.js';
import type { OperationContext } from './context.js';
import { pushBlobs, type PushBlobJob } from './push-blobs.js';
import { layerCompressor } from './push-compress.js';
import { planPush, type PushPlan } from './push-plan.js';
import { localTags, pushTarget, type LocalTag, type PushTarget } from './push-target.js';

export interface PushImageOptions {
  parallelUploads: number;
  insecureRegistries: readonly string[];
  credentials?: Credentials;
  /** Bytes per PATCH when a registry refuses the monolithic PUT (tests make it small). */
  chunkSize?: number;
}

/** docker's manifest JSON layout (distribution marshals schema 2 with a three-space indent). */
function serialise(document: object): Buffer {
  return Buffer.from(JSON.stringify(document, null, 3));
}

/** The bytes to send for a manifest: the stored ones, or a rewrite naming the compressed layers. */
async function manifestBytes(store: ImageStore, descriptor: Descriptor, document: ImageManifest, sent: ReadonlyMap<string, Descriptor>): Promise<Buffer> {
  const layers = document.layers.map((l) => sent.get(l.digest) ?? l);
  const rewritten = layers.some((l, i) => l.digest !== document.layers[i]!.digest || l.mediaType !== document.layers[i]!.mediaType);
  return rewritten ? serialise({ ...document, layers }) : store.readBlobBytes(descriptor.digest);
}

interface TagPlan extends LocalTag {
  plan: PushPlan;
}

/** Puts one tag's documents, platform manifests first; returns what the tag now points at. */
async function putTag(
  store: ImageStore, client: RegistryClient, target: PushTarget, tag: TagPlan, sent: ReadonlyMap<string, Descriptor>, signal: AbortSignal,
): Promise<{ digest: string; size: number }> {
  const { plan } = tag;
  const replaced = new Map<string, Descriptor>();
  let last: { digest: string; size: number } | null = null;
  for (const m of plan.manifests) {
    const bytes = await manifestBytes(store, m.descriptor, m.document, sent);
    const reference = plan.index ? sha256Digest(bytes) : tag.tag;
    last = await putManifest(client, target.repository, reference, m.descriptor.mediaType, bytes, signal);
    replaced.set(m.descriptor.digest, { ...m.descriptor, digest: last.digest, size: last.size });
  }
  if (!plan.index) return last!;
  const { descriptor, document } = plan.index;
  const changed = document.manifests.some((d) => replaced.get(d.digest)?.digest !== d.digest);
  const bytes = changed
    ? serialise({ ...document, manifests: document.manifests.map((d) => ({ ...d, ...pick(replaced.get(d.digest)) })) } satisfies OciIndex)
    : await store.readBlobBytes(descriptor.digest);
  return putManifest(client, target.repository, tag.tag, descriptor.mediaType, bytes, signal);
}

function pick(d: Descriptor | undefined): Partial<Descriptor> {
  return d ? { digest: d.digest, size: d.size } : {};
}

/** The work itself, inside a task. The store's images are untouched but for the RepoDigests a push adds. */
export async function pushImage(store: ImageStore, target: PushTarget, options: PushImageOptions, task: TaskContext): Promise<PushResult> {
  const { signal } = task;
  const tags: TagPlan[] = [];
  for (const local of localTags(await store.readIndex(), target)) tags.push({ ...local, plan: await planPush(store, local.entry, target.familiar) });

  // Each blob once, whatever number of tags and platforms name it: layers (with children) in manifest order, then configs.
  const layers = new Map<string, PushBlobJob>();
  const configs = new Map<string, PushBlobJob>();
  for (const { plan } of tags) {
    for (const { descriptor, document } of plan.manifests) {
      for (const layer of document.layers) if (!layers.has(layer.digest)) layers.set(layer.digest, { descriptor: layer, manifestMediaType: descriptor.mediaType });
      configs.set(document.config.digest, { descriptor: document.config, manifestMediaType: descriptor.mediaType });
    }
  }
  const layerJobs = [...layers.values()];
  const children = task.children(layerJobs.map((j) => ({ id: pushLayerChildId(j.descriptor.digest), title: PUSH_STATES.preparing })));
  layerJobs.forEach((job, i) => (job.child = children[i]));
  const total = layerJobs.reduce((sum, j) => sum + j.descriptor.size, 0);
  const done = new Map<PushBlobJob, number>();
  const count = (job: PushBlobJob, bytes: number) => {
    if (!job.child) return;
    done.set(job, bytes);
    task.progress([...done.values()].reduce((a, b) => a + b, 0), total);
  };
  task.progress(0, total);

  const client = new RegistryClient(target.registry, { insecureRegistries: options.insecureRegistries, credentials: options.credentials });
  const session = await store.beginWrite();
  const compressor = layerCompressor(store, session, await store.compressedLayers());
  const seen: Array<readonly [string, string]> = [];
  const known = `${target.registry}/${target.repository}`;
  try {
    const blobs = {
      store, client, repository: target.repository, compressor, sources: await store.blobSources(), signal,
      ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
      // Progress is counted in the layers' stored sizes (known up front); a gzip twin's bytes count against its
      // layer's size until it is in, then the whole layer does.
      onBytes: (job: PushBlobJob, bytes: number) => count(job, Math.min(bytes, job.descriptor.size)),
      onDone: (job: PushBlobJob) => count(job, job.descriptor.size),
    };
    await pushBlobs(blobs, layerJobs, options.parallelUploads);
    await pushBlobs(blobs, [...configs.values()], options.parallelUploads);
    for (const job of [...layerJobs, ...configs.values()]) if (job.sent) seen.push([job.sent.digest, known]);
    task.progress(total, total);

    const sent = new Map(layerJobs.filter((j) => j.sent).map((j) => [j.descriptor.digest, j.sent!]));
    const pushed: PushResult['tags'] = [];
    for (const tag of tags) pushed.push({ tag: tag.tag, ...(await putTag(store, client, target, tag, sent, signal)) });
    await recordRepoDigests(store, target, pushed);
    return { repository: target.name, tags: pushed };
  } catch (err) {
    if (signal.aborted && !(err instanceof BerthError && err.code === 'CANCELLED')) throw new BerthError('CANCELLED', 'push cancelled', { cause: err });
    throw err;
  } finally {
    // Twins made so far are good whatever happened: recorded while the session still leases them, so gc keeps them.
    await store.recordBlobFacts({ sources: seen, compressed: compressor.made }).catch(() => undefined);
    await session.abort();
    await client.close();
  }
}

/** docker records `name@digest` in the image's RepoDigests after a push. */
async function recordRepoDigests(store: ImageStore, target: PushTarget, pushed: PushResult['tags']): Promise<void> {
  const byTag = new Map(pushed.map((p) => [p.tag, `${target.name}@${p.digest}`]));
  await store.updateIndex((index) => {
    for (const entry of index.manifests) {
      const named = entryName(entry);
      const digest = named && named.ref.tag !== null && repositoryName(named.ref) === target.name ? byTag.get(named.ref.tag) : undefined;
      if (digest) addRepoDigests(entry, [digest]);
    }
  });
}

/** Checks the reference and that the store has it, then starts the push as a task and returns its handle. */
export async function startPush(ctx: OperationContext, reference: string, options: PushOptions = {}): Promise<TaskHandle<'push'>> {
  const target = pushTarget(reference, options.allTags ?? false);
  localTags(await ctx.store.readIndex(), target); // docker's "does not exist locally" before any task starts
  const settings = await ctx.settings();
  const title = `Push ${target.familiar}${target.tag ? `:${target.tag}` : ' (all tags)'}`;
  return ctx.tasks.start('push', title, async (task) => {
    const result = await pushImage(ctx.store, target, {
      parallelUploads: settings.parallelUploads, insecureRegistries: settings.insecureRegistries,
      credentials: await ctx.credentials(target.registry),
    }, task);
    ctx.emit({ type: 'store.changed' });
    return result;
  });
}
