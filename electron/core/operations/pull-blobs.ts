// A pull's blobs (layers and config) into the store: those it already holds are retained, the others streamed
// from the registry straight into the write session (digest and size checked as they land; never a whole layer
// in memory), a few at a time. The first failure stops the others, and the caller aborts the session, so a
// failed or cancelled pull leaves no blob tagged (what was published goes at the next gc).
import { BerthError } from '../../../shared/errors.js';
import type { Descriptor } from '../oci/descriptor.js';
import type { ImageWriter } from '../image/writer.js';
import type { RegistryClient } from '../registry/client.js';
import { fetchBlob } from '../registry/blob.js';
import { LayerMeter, metered } from './pull-layer-meter.js';

export interface BlobJob {
  descriptor: Descriptor;
  /** The store already has it: retained, not fetched. */
  stored: boolean;
  /** A layer: its unpacked size is measured as its bytes land (pull-layer-meter.ts). */
  measure?: boolean;
  /** Set when the measure succeeded. */
  unpackedBytes?: number;
  /** Its download begins (it had waited for a slot). */
  onStart?(): void;
  /** Bytes written so far of this blob. */
  onProgress?(bytes: number): void;
  onDone?(): void;
}

async function fetchInto(writer: ImageWriter, client: RegistryClient, repository: string, job: BlobJob, signal: AbortSignal): Promise<void> {
  const { descriptor } = job;
  job.onStart?.();
  if (job.stored) {
    await writer.writeLayer({ existing: descriptor });
  } else {
    // Each open is a fresh GET from `offset` (what ingest/partial/ already holds); its body is destroyed when the
    // write stops, whatever the reason, so no connection outlives the layer.
    let body: { destroy(): void } | null = null;
    let meter: LayerMeter | null = null;
    try {
      await writer.writeLayer({
        open: async (offset) => {
          const download = await fetchBlob(client, repository, { digest: descriptor.digest, size: descriptor.size }, { offset, signal });
          body = download.body;
          // A resumed layer's first bytes never pass here: it is measured after the pull instead.
          meter = job.measure && offset === 0 ? new LayerMeter() : null;
          return meter ? metered(download.body, meter) : download.body;
        },
        mediaType: descriptor.mediaType,
        digest: descriptor.digest,
        size: descriptor.size,
        ...(job.onProgress ? { onProgress: job.onProgress } : {}),
      });
      const unpacked = await (meter as LayerMeter | null)?.bytes;
      if (unpacked !== undefined && unpacked !== null) job.unpackedBytes = unpacked;
    } finally {
      (body as { destroy(): void } | null)?.destroy();
      (meter as LayerMeter | null)?.abandon();
    }
  }
  job.onDone?.();
}

/** Runs every job, `parallel` downloads at once; rejects with the first real failure once all have stopped. */
export async function pullBlobs(
  writer: ImageWriter, client: RegistryClient, repository: string, jobs: readonly BlobJob[], parallel: number, signal: AbortSignal,
): Promise<void> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let failure: unknown = null;
  let next = 0;
  const worker = async () => {
    while (failure === null && next < jobs.length) {
      const job = jobs[next++]!;
      try {
        await fetchInto(writer, client, repository, job, stop.signal);
      } catch (err) {
        // The sibling downloads this failure stops end CANCELLED: the first error is the one to report.
        failure ??= err;
        stop.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, jobs.length)) }, worker));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (signal.aborted) throw new BerthError('CANCELLED', 'pull cancelled', failure ? { cause: failure } : undefined);
  if (failure !== null) throw failure;
}
