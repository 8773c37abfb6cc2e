// A push's blobs into the repository, a few at a time (settings.parallelUploads, default 5 as dockerd's
// max-concurrent-uploads), each layer a child task that reads as docker's push lines: Preparing (and compressing
// when the store holds it uncompressed), Waiting for a slot, Pushing with its bytes, then Layer already exists,
// Mounted from REPO or Pushed. Mirrors go-containerregistry's remote.writer.WriteImage fan-out (uploadOne per
// blob; layers before the config, the manifest last). The first failure stops the others.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import { PUSH_STATES, mountedFrom } from '../../../shared/push-layers.js';
import { type Descriptor, isForeignLayer } from '../oci/descriptor.js';
import type { RegistryClient } from '../registry/client.js';
import { uploadBlob, type UploadOutcome, type UploadSource } from '../registry/blob-upload.js';
import type { ImageStore } from '../store/types.js';
import type { ChildTask } from '../tasks/task-manager.js';
import type { LayerCompressor } from './push-compress.js';

export interface PushBlobJob {
  /** As the image's manifest names it. */
  descriptor: Descriptor;
  /** The media type of the manifest that names it (decides the gzip type of a twin). */
  manifestMediaType: string;
  /** A layer's child; none for a config. */
  child?: ChildTask;
  /** What was sent for it, once done: the layer itself or its gzip twin. */
  sent?: Descriptor;
}

export interface PushBlobsContext {
  store: ImageStore;
  client: RegistryClient;
  repository: string;
  compressor: LayerCompressor;
  /** digest -> `registry/repository` names it is known in (store/blob-sources.ts). */
  sources: ReadonlyMap<string, readonly string[]>;
  signal: AbortSignal;
  onBytes(job: PushBlobJob, bytes: number): void;
  /** The blob is in the repository (sent, mounted or found there). */
  onDone(job: PushBlobJob): void;
  chunkSize?: number;
}

/** The blob's bytes from the store, as often as the upload asks (a retry, a chunk). */
export function storeSource(store: ImageStore, blob: Descriptor): UploadSource {
  return {
    digest: blob.digest,
    size: blob.size,
    open: (start = 0, end = blob.size) => end <= start ? Readable.from([]) : createReadStream(store.blobPath(blob.digest), { start, end: end - 1 }),
  };
}

/** Repositories of this registry (other than the target) where `digest` is known: mount candidates. */
export function mountCandidates(sources: ReadonlyMap<string, readonly string[]>, digest: string, registry: string, repository: string): string[] {
  const prefix = `${registry}/`;
  return (sources.get(digest) ?? []).filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length)).filter((r) => r !== repository);
}

function outcomeTitle(outcome: UploadOutcome): string {
  if (outcome.kind === 'exists') return PUSH_STATES.exists;
  if (outcome.kind === 'mounted') return mountedFrom(outcome.from);
  return PUSH_STATES.pushed;
}

async function pushOne(ctx: PushBlobsContext, job: PushBlobJob, signal: AbortSignal): Promise<void> {
  const { child } = job;
  child?.retitle(PUSH_STATES.preparing);
  const sent = child ? await ctx.compressor.prepare(job.descriptor, job.manifestMediaType, signal) : job.descriptor;
  if (isForeignLayer(sent)) {
    // docker never pushes a foreign (Windows base) layer: the registry is expected to fetch it from its URLs.
    job.sent = sent;
    ctx.onDone(job);
    child?.retitle('Skipped foreign layer');
    child?.finish('done');
    return;
  }
  let started = false;
  const outcome = await uploadBlob(ctx.client, ctx.repository, storeSource(ctx.store, sent), {
    mountFrom: mountCandidates(ctx.sources, sent.digest, ctx.client.registry, ctx.repository),
    signal,
    ...(ctx.chunkSize ? { chunkSize: ctx.chunkSize } : {}),
    onProgress: (bytes) => {
      if (!started) child?.retitle(PUSH_STATES.pushing);
      started = true;
      child?.progress(bytes, sent.size);
      ctx.onBytes(job, bytes);
    },
  });
  job.sent = sent;
  ctx.onDone(job);
  child?.retitle(outcomeTitle(outcome));
  child?.finish('done');
}

/** Runs every job, `parallel` at once; rejects with the first real failure once all have stopped. */
export async function pushBlobs(ctx: PushBlobsContext, jobs: readonly PushBlobJob[], parallel: number): Promise<void> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const slots = Math.max(1, Math.min(parallel, jobs.length));
  jobs.forEach((job, i) => {
    if (i >= slots) job.child?.retitle(PUSH_STATES.waiting);
  });
  let failure: unknown = null;
  let next = 0;
  const worker = async () => {
    while (failure === null && next < jobs.length) {
      const job = jobs[next++]!;
      try {
        await pushOne(ctx, job, stop.signal);
      } catch (err) {
        failure ??= err;
        stop.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: slots }, worker));
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
  for (const job of jobs) if (!job.sent) job.child?.finish(ctx.signal.aborted ? 'cancelled' : 'failed');
  if (ctx.signal.aborted) throw new BerthError('CANCELLED', 'push cancelled', failure ? { cause: failure } : undefined);
  if (failure !== null) throw failure;
}
