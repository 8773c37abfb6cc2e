// One blob into a repository, as go-containerregistry's remote.writer.uploadOne does it: checkExistingBlob (HEAD:
// present means nothing to send), initiateUpload (POST, with `mount=<digest>&from=<repo>` when the blob is known in
// another repository of the same registry: 201 = mounted, 202 = the registry started an ordinary upload instead),
// then the bytes. Unlike go-containerregistry's streamBlob (always PATCH then commitBlob's PUT), Berth sends one
// monolithic `PUT <location>?digest=` as docker/distribution's client does for a known size, and falls back to
// chunked PATCHes with Content-Range, closed by an empty PUT, when a registry refuses the monolithic PUT.
// Location may be relative or absolute and keeps its query (it carries the upload's state on some registries);
// RegistryClient sends Authorization only when it points back at the registry itself.
import { Transform, type Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import type { RegistryClient } from './client.js';
import { repositoryScope } from './client.js';
import { responseError } from './response-error.js';
import { isInternalAddress } from './scheme.js';
import { type HttpResponse, type RequestBody, discard, header } from './transport.js';

export interface UploadSource {
  digest: string;
  size: number;
  /** The blob's bytes from `start` (0 by default) to `end` (exclusive, the size by default), as a fresh stream. */
  open(start?: number, end?: number): Readable;
}

export type UploadOutcome = { kind: 'exists' } | { kind: 'mounted'; from: string } | { kind: 'pushed' };

export interface UploadOptions {
  /** Repositories of this registry the blob is known in, most likely first: tried for a mount (at most 3, as docker). */
  mountFrom?: readonly string[];
  signal?: AbortSignal;
  /** Bytes of this blob the registry has taken so far. */
  onProgress?(bytes: number): void;
  /** Bytes per PATCH when the registry wants chunks (default 16 MiB, raised to the registry's OCI-Chunk-Min-Length). */
  chunkSize?: number;
}

const MAX_MOUNT_TRIES = 3;
const DEFAULT_CHUNK = 16 * 1024 * 1024;

/**
 * An upload's next URL: Location resolved against the request that answered it, query kept (go-containerregistry's
 * writer.nextLocation, with its guard: a Location on another host that is internal (a private IP literal, localhost) is refused, so a
 * hostile registry cannot make Berth send layer bytes to a service on the user's network).
 */
export function resolveLocation(response: HttpResponse, registry: string): string {
  const location = header(response, 'location');
  if (!location) throw new BerthError('NETWORK', `registry ${registry} started an upload without saying where to send it (no Location)`);
  const from = new URL(response.url);
  const next = new URL(location, from);
  if (next.hostname !== from.hostname && isInternalAddress(next.hostname)) {
    throw new BerthError('NETWORK', `registry ${registry} asked for the upload to go to ${next.host}, a private address on another host: refused`);
  }
  return next.href;
}

/** `url` with `name=value` added to its query (`?` or `&` as it needs). */
export function withQuery(url: string, name: string, value: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set(name, value);
  return parsed.href;
}

function failure(client: RegistryClient, response: HttpResponse, repository: string, digest: string): Promise<BerthError> {
  return responseError(response, { registry: client.registry, repository, reference: digest, what: 'upload', credentials: client.hasCredentials });
}

/** HEAD /v2/<name>/blobs/<digest>: whether the repository already has it. */
export async function blobExists(client: RegistryClient, repository: string, digest: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request(repository, { method: 'HEAD', path: `/v2/${repository}/blobs/${digest}`, signal }, ['pull', 'push']);
  await discard(response.body);
  if (response.status === 200) return true;
  if (response.status === 404) return false;
  throw await failure(client, response, repository, digest);
}

/** Counts the bytes of `stream` as the request body takes them (a Transform: the body's own pace, backpressure kept). */
function counted(stream: Readable, base: number, onProgress?: (bytes: number) => void): Readable {
  if (!onProgress) return stream;
  let sent = base;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onProgress((sent += chunk.length));
      done(null, chunk);
    },
  });
  stream.on('error', (error) => counter.destroy(error));
  counter.on('close', () => stream.destroy());
  return stream.pipe(counter);
}

interface Started {
  location: string;
  minChunk: number;
}

/** POST /v2/<name>/blobs/uploads/ (with a mount request when `from` is given). */
async function startUpload(client: RegistryClient, repository: string, digest: string, signal?: AbortSignal): Promise<Started>;
async function startUpload(client: RegistryClient, repository: string, digest: string, signal: AbortSignal | undefined, from: string): Promise<Started | 'mounted'>;
async function startUpload(client: RegistryClient, repository: string, digest: string, signal?: AbortSignal, from?: string): Promise<Started | 'mounted'> {
  const query = from ? `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}` : '';
  const response = await client.request(repository, {
    method: 'POST',
    path: `/v2/${repository}/blobs/uploads/${query}`,
    body: { open: () => Buffer.alloc(0), length: 0 },
    ...(from ? { extraScopes: [repositoryScope(from, ['pull'])] } : {}),
    signal,
  }, ['pull', 'push']);
  await discard(response.body);
  if (from && response.status === 201) return 'mounted';
  if (response.status !== 202) throw await failure(client, response, repository, digest);
  const minChunk = Number(header(response, 'oci-chunk-min-length'));
  return { location: resolveLocation(response, client.registry), minChunk: Number.isSafeInteger(minChunk) && minChunk > 0 ? minChunk : 0 };
}

/** Cancels an upload the registry started for a mount it did not make (best effort, as docker's lu.Cancel). */
async function cancelUpload(client: RegistryClient, repository: string, location: string, signal?: AbortSignal): Promise<void> {
  try {
    const response = await client.request(repository, { method: 'DELETE', path: location, signal }, ['pull', 'push']);
    await discard(response.body);
  } catch (error) {
    if (signal?.aborted) throw error;
  }
}

/** PUT <location>?digest= with the whole blob: 201 = done; null when the registry refused it (then chunk). */
async function putWhole(client: RegistryClient, repository: string, blob: UploadSource, location: string, options: UploadOptions): Promise<'done' | 'refused'> {
  const body: RequestBody = { open: () => counted(blob.open(), 0, options.onProgress), length: blob.size };
  const response = await client.request(repository, {
    method: 'PUT',
    path: withQuery(location, 'digest', blob.digest),
    headers: { 'content-type': 'application/octet-stream' },
    body,
    signal: options.signal,
  }, ['pull', 'push']);
  if (response.status === 201) {
    await discard(response.body);
    return 'done';
  }
  // Auth and digest errors are the same in chunks: only a refusal of the method or the size is worth a retry.
  if ([400, 405, 411, 413, 416, 501].includes(response.status)) {
    await discard(response.body);
    return 'refused';
  }
  throw await failure(client, response, repository, blob.digest);
}

/** PATCH the blob in chunks (Content-Range `start-end`, inclusive), each answer naming the next Location; then PUT. */
async function putChunked(client: RegistryClient, repository: string, blob: UploadSource, started: Started, options: UploadOptions): Promise<void> {
  const chunk = Math.max(options.chunkSize ?? DEFAULT_CHUNK, started.minChunk);
  let location = started.location;
  for (let start = 0; start < blob.size; start += chunk) {
    const end = Math.min(start + chunk, blob.size);
    const response = await client.request(repository, {
      method: 'PATCH',
      path: location,
      headers: { 'content-type': 'application/octet-stream', 'content-range': `${start}-${end - 1}` },
      body: { open: () => counted(blob.open(start, end), start, options.onProgress), length: end - start },
      signal: options.signal,
    }, ['pull', 'push']);
    await discard(response.body);
    if (response.status !== 202) {
      if (response.status === 416) throw new BerthError('NETWORK', `registry ${client.registry} refused chunk ${start}-${end - 1} of ${blob.digest} as out of order (416)`);
      throw await failure(client, response, repository, blob.digest);
    }
    location = resolveLocation(response, client.registry);
  }
  const response = await client.request(repository, {
    method: 'PUT',
    path: withQuery(location, 'digest', blob.digest),
    headers: { 'content-type': 'application/octet-stream' },
    body: { open: () => Buffer.alloc(0), length: 0 },
    signal: options.signal,
  }, ['pull', 'push']);
  await discard(response.body);
  if (response.status !== 201) throw await failure(client, response, repository, blob.digest);
}

/**
 * Makes sure `repository` has the blob: already there, mounted from a sibling repository, or uploaded. Progress
 * is reported as the bytes go out; a mount or an existing blob sends none.
 */
export async function uploadBlob(client: RegistryClient, repository: string, blob: UploadSource, options: UploadOptions = {}): Promise<UploadOutcome> {
  const { signal } = options;
  if (await blobExists(client, repository, blob.digest, signal)) return { kind: 'exists' };
  const candidates = (options.mountFrom ?? []).filter((r) => r !== repository).slice(0, MAX_MOUNT_TRIES);
  let started: Started | null = null;
  for (const [i, from] of candidates.entries()) {
    let answer: Started | 'mounted';
    try {
      answer = await startUpload(client, repository, blob.digest, signal, from);
    } catch (error) {
      // A registry that refuses the mount request itself (no pull access to `from`) still takes a plain upload.
      if (signal?.aborted || !(error instanceof BerthError) || error.code === 'CANCELLED') throw error;
      continue;
    }
    if (answer === 'mounted') return { kind: 'mounted', from };
    if (i < candidates.length - 1) await cancelUpload(client, repository, answer.location, signal);
    else started = answer;
  }
  started ??= await startUpload(client, repository, blob.digest, signal);
  if ((await putWhole(client, repository, blob, started.location, options)) === 'done') return { kind: 'pushed' };
  // The refused PUT may have left its session in any state: chunks go to a fresh one.
  options.onProgress?.(0);
  await putChunked(client, repository, blob, await startUpload(client, repository, blob.digest, signal), options);
  return { kind: 'pushed' };
}
