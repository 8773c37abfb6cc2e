// `berth pull` / the app's Pull: an image from a registry into the store, as docker pull does it. The reference
// is read with docker's grammar; what it points at is resolved (an index kept, the platform chosen from it as
// containerd does); layers and config the store lacks are streamed in, a few at once, each a child task with its
// progress; then ONE index change tags what was pulled (the index when there was one) with docker's RepoDigest.
// Nothing is tagged unless every blob checked out; a cancel or a failure leaves index.json as it was.
import type { PullOptions, PullResult, TaskHandle } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { pullLayerChildId, shortLayerId } from '../../../shared/pull-layers.js';
import { ImageWriter } from '../image/writer.js';
import { entryReference } from '../image/entry-reference.js';
import { metaOf } from '../image/index-entries.js';
import type { Descriptor } from '../oci/descriptor.js';
import { defaultImagePlatform, parsePlatform, type Platform } from '../oci/platform.js';
import { RegistryClient, type Credentials } from '../registry/client.js';
import type { ImageStore } from '../store/types.js';
import type { TaskContext } from '../tasks/task-manager.js';
import type { OperationContext } from './context.js';
import { pullBlobs, type BlobJob } from './pull-blobs.js';
import { pullDocuments, type PullDocuments } from './pull-manifests.js';
import { pullTarget, type PullTarget } from './pull-target.js';
import { endpointClient, pullEndpoints, throughEndpoints, type PullEndpoint } from './pull-endpoints.js';

export interface PullImageOptions {
  platform: Platform;
  parallelDownloads: number;
  insecureRegistries: readonly string[];
  credentials?: Credentials;
  /** A docker.io mirror or Hub itself (registryMirrors); absent: the registry the reference names. */
  endpoint?: PullEndpoint;
}

/** The repo digests the new entry carries: this one first, then those the same image already had. */
async function repoDigestsFor(store: ImageStore, target: PullTarget, top: Descriptor): Promise<string[]> {
  const own = `${target.name}@${top.digest}`;
  const index = await store.readIndex();
  const known = index.manifests.filter((e) => e.digest === top.digest).flatMap((e) => metaOf(e).repoDigests ?? []);
  return [...new Set([own, ...known])];
}

/** The store already has this very image under this name (the tag, or for a digest pull, any entry). */
async function alreadyThere(store: ImageStore, target: PullTarget, docs: PullDocuments, blobs: readonly BlobJob[]): Promise<boolean> {
  if (!blobs.every((b) => b.stored) || !docs.manifest.stored || (docs.index && !docs.index.stored)) return false;
  const index = await store.readIndex();
  const own = `${target.name}@${docs.top.digest}`;
  return index.manifests.some((e) => e.digest === docs.top.digest
    && (target.tag !== null ? entryReference(e) === target.tag : (metaOf(e).repoDigests ?? []).includes(own)));
}

export interface PulledImage extends PullResult {
  /** Layers this pull fetched whose unpacked size is yet to be measured (resumed ones: not seen whole). */
  downloadedLayers: string[];
}

/** The work itself, inside a task: the store ends with the image tagged, or unchanged. */
export async function pullImage(store: ImageStore, target: PullTarget, options: PullImageOptions, task: TaskContext): Promise<PulledImage> {
  const { signal } = task;
  const client = options.endpoint
    ? endpointClient(target.registry, options.endpoint, options)
    : new RegistryClient(target.registry, { insecureRegistries: options.insecureRegistries, credentials: options.credentials });
  try {
    const docs = await pullDocuments(client, store, target, options.platform, signal);
    const manifest = docs.manifest.document;
    const has = async (d: Descriptor) => store.hasBlob(d.digest);
    const layers: BlobJob[] = [];
    for (const descriptor of manifest.layers) layers.push({ descriptor, stored: await has(descriptor), measure: true });
    const config: BlobJob = { descriptor: manifest.config, stored: await has(manifest.config) };
    const result = (status: PullResult['status']): PulledImage => ({
      id: manifest.config.digest, reference: target.full, digest: docs.top.digest, status,
      downloadedLayers: layers.filter((l) => !l.stored && l.unpackedBytes === undefined).map((l) => l.descriptor.digest),
    });

    // Docker prints no layer lines for an image that is up to date: the layers are announced only after the check.
    if (await alreadyThere(store, target, docs, [...layers, config])) {
      task.progress(0, 0);
      return result('up-to-date');
    }
    const children = task.children(layers.map((l) => ({
      id: pullLayerChildId(l.descriptor.digest, l.stored),
      title: `Layer ${shortLayerId(l.descriptor.digest)}`,
      // Queued until a download slot takes it (docker's "Waiting"), then running, then done.
      state: l.stored ? 'done' as const : 'queued' as const,
    })));

    const total = layers.filter((l) => !l.stored).reduce((sum, l) => sum + l.descriptor.size, 0);
    const done = new Map<string, number>();
    const finished = new Set<number>();
    task.progress(0, total);
    layers.forEach((layer, i) => {
      if (layer.stored) return;
      const child = children[i]!;
      child.progress(0, layer.descriptor.size);
      layer.onStart = () => child.start();
      layer.onProgress = (bytes) => {
        done.set(layer.descriptor.digest, bytes);
        child.progress(bytes, layer.descriptor.size);
        task.progress([...done.values()].reduce((a, b) => a + b, 0), total);
      };
      layer.onDone = () => {
        finished.add(i);
        child.finish('done');
      };
    });

    const writer = await ImageWriter.begin(store, { signal });
    try {
      // The config first: small, and a registry that refuses it fails the pull before any layer is fetched.
      await pullBlobs(writer, client, target.repository, [config], 1, signal);
      await pullBlobs(writer, client, target.repository, layers, options.parallelDownloads, signal);
      for (const layer of layers) if (layer.unpackedBytes !== undefined) writer.noteLayerSize(layer.descriptor.digest, layer.unpackedBytes);
      const write = (doc: { descriptor: Descriptor; bytes: Buffer; stored: boolean }) => doc.stored
        ? writer.writeLayer({ existing: doc.descriptor })
        : writer.writeDocument(doc.bytes, doc.descriptor.mediaType, doc.descriptor.digest);
      await write(docs.manifest);
      if (docs.index) await write(docs.index);
      const meta = { source: 'pull' as const, repoDigests: await repoDigestsFor(store, target, docs.top) };
      const { mediaType, digest, size } = docs.top;
      await writer.commit([{ target: { mediaType, digest, size }, tags: target.tag ? [target.tag] : [], meta }]);
      // Where these blobs live, so a push to a sibling repository of this registry can mount them (push-mount).
      const known = `${target.registry}/${target.repository}`;
      await store.recordBlobFacts({ sources: [...layers, config].map((b) => [b.descriptor.digest, known] as const) }).catch(() => undefined);
    } catch (err) {
      await writer.abort();
      children.forEach((child, i) => {
        if (!layers[i]!.stored && !finished.has(i)) child.finish(signal.aborted ? 'cancelled' : 'failed');
      });
      throw err;
    }
    return result('downloaded');
  } catch (err) {
    if (signal.aborted && !(err instanceof BerthError && err.code === 'CANCELLED')) throw new BerthError('CANCELLED', 'pull cancelled', { cause: err });
    throw err;
  } finally {
    await client.close();
  }
}

/** Checks the reference and platform, then starts the pull as a task and returns its handle. */
export async function startPull(ctx: OperationContext, reference: string, options: PullOptions = {}): Promise<TaskHandle<'pull'>> {
  const target = pullTarget(reference);
  const settings = await ctx.settings();
  const wanted = options.platform || settings.platform;
  const platform = wanted ? parsePlatform(wanted) : defaultImagePlatform();
  return ctx.tasks.start('pull', `Pull ${target.familiar}`, async (task) => {
    // docker.io: each registryMirror in turn, then Hub (pull-endpoints.ts); any other registry: itself, once.
    const endpoints = pullEndpoints(target.registry, settings.registryMirrors);
    const result = await throughEndpoints(endpoints, task, async (endpoint, attemptTask) => pullImage(ctx.store, target, {
      platform, parallelDownloads: settings.parallelDownloads, insecureRegistries: settings.insecureRegistries,
      credentials: await ctx.credentials(endpoint.host), endpoint,
    }, attemptTask));
    if (result.status === 'downloaded') {
      ctx.emit({ type: 'store.changed' });
      // Layers measured as they landed are recorded with the commit; a resumed one is measured now, off the path.
      if (result.downloadedLayers.length > 0) {
        const { recordPulledLayerSizes } = await import('./pull-layer-sizes.js');
        ctx.background(async () => {
          await recordPulledLayerSizes(ctx.store, result.downloadedLayers);
          ctx.emit({ type: 'store.changed' });
        });
      }
    }
    return { id: result.id, reference: result.reference, digest: result.digest, status: result.status };
  });
}
