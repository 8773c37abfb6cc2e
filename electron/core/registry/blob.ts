// Streaming blob download with Range resume. Mirrors go-containerregistry's remote.fetcher.fetchBlob (GET
// /v2/<name>/blobs/<digest>, redirects to a CDN followed without Authorization by the transport) and its
// resumable reader in remote/fetcher.go's Range handling: `Range: bytes=N-` answered 206 (checked against
// Content-Range) or 200 (the first N bytes skipped here). Bytes are never held whole; a connection dropped
// mid-body is reopened from where it broke, so what already arrived is not fetched again.
import { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import type { RegistryClient } from './client.js';
import { isAbortError, isTransientNetworkError, networkError } from './network-error.js';
import { responseError } from './response-error.js';
import { type HttpResponse, discard, header } from './transport.js';
import type { ExpectedBlob } from './verify.js';

export interface BlobOptions {
  /** Bytes of the blob the caller already has: the download starts there. */
  offset?: number;
  signal?: AbortSignal;
  /** How many times a connection dropped mid-body is reopened with Range (default 3). */
  resumes?: number;
}

export interface BlobDownload {
  /** The blob's bytes from `offset` to its end; errors are BerthErrors. Destroy it to stop the download. */
  body: Readable;
  /** Where `body` starts. */
  offset: number;
  /** The whole blob's size, as the descriptor gives it. */
  size: number;
}

/** `bytes 100-199/200` → 100; null when absent or unreadable. */
export function contentRangeStart(value: string | undefined): number | null {
  const match = value ? /^\s*bytes\s+(\d+)-\d+\/(?:\d+|\*)\s*$/i.exec(value) : null;
  return match ? Number(match[1]) : null;
}

/** Bytes of a body with the first `skip` left out (a registry that ignored Range sent the whole blob). */
async function* skipping(body: AsyncIterable<Buffer>, skip: number): AsyncGenerator<Buffer> {
  let left = skip;
  for await (const chunk of body) {
    if (left >= chunk.length) {
      left -= chunk.length;
      continue;
    }
    yield left > 0 ? chunk.subarray(left) : chunk;
    left = 0;
  }
}

async function open(client: RegistryClient, repository: string, blob: ExpectedBlob, offset: number, signal?: AbortSignal): Promise<AsyncIterable<Buffer>> {
  const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
  const response: HttpResponse = await client.request(repository, { method: 'GET', path: `/v2/${repository}/blobs/${blob.digest}`, headers, signal });
  if (response.status === 206 && offset > 0) {
    const start = contentRangeStart(header(response, 'content-range'));
    if (start !== null && start !== offset) {
      await discard(response.body);
      throw new BerthError('NETWORK', `registry ${client.registry} answered a resume of ${blob.digest} at byte ${offset} from byte ${start}`);
    }
    return response.body;
  }
  if (response.status === 200) return offset > 0 ? skipping(response.body, offset) : response.body;
  throw await responseError(response, { registry: client.registry, repository, reference: blob.digest, what: 'blob', credentials: client.hasCredentials });
}

/**
 * Opens a blob for reading from `offset`. The registry's answer (status, redirects, auth) is settled before this
 * resolves, so a missing blob or a refusal is an error here, not mid-stream. The size is enforced (an overrun ends
 * the stream with DIGEST_MISMATCH); the digest is checked by the consumer with verifyBlob.
 */
export async function fetchBlob(client: RegistryClient, repository: string, blob: ExpectedBlob, options: BlobOptions = {}): Promise<BlobDownload> {
  const offset = options.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > blob.size) {
    throw new BerthError('INVALID_ARGUMENT', `cannot resume ${blob.digest} at byte ${offset} of ${blob.size}`);
  }
  const { signal } = options;
  const maxResumes = options.resumes ?? 3;
  // Nothing is left to fetch only when the caller has every byte; an empty blob is still asked for (it may not exist).
  const first = offset > 0 && offset === blob.size ? null : await open(client, repository, blob, offset, signal);

  async function* bytes(): AsyncGenerator<Buffer> {
    if (!first) return;
    let position = offset;
    let source = first;
    let resumes = 0;
    for (;;) {
      try {
        for await (const chunk of source) {
          position += chunk.length;
          if (position > blob.size) {
            throw new BerthError('DIGEST_MISMATCH', `blob ${blob.digest}: the registry sent more than the ${blob.size} bytes its descriptor gives: refused`);
          }
          yield chunk;
        }
        // A body that ends cleanly but short (a proxy that cut it) is resumed like a dropped one.
        if (position === blob.size || resumes >= maxResumes) return;
      } catch (error) {
        if (error instanceof BerthError && error.code !== 'NETWORK') throw error;
        if (isAbortError(error) || signal?.aborted) throw new BerthError('CANCELLED', 'cancelled', { cause: error });
        if (resumes >= maxResumes || !isTransientNetworkError(error)) throw networkError(error, client.endpoint);
      }
      resumes++;
      source = await open(client, repository, blob, position, signal);
    }
  }

  return { body: Readable.from(bytes(), { objectMode: false }), offset, size: blob.size };
}
