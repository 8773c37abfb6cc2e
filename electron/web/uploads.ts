// Files the page uploads before an import or load: streamed into a private temp folder, handed to the service once,
// deleted once the service is done with it, after an hour unused, or when the server closes. An upload's ID is
// the web shell's own idea: the page gets it as a FileRef's fileId and nothing else in Berth knows it.
import { createWriteStream } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BerthError } from '../../shared/errors.js';
import type { FileRef } from '../../shared/api.js';
import type { FileResolver } from '../core/rpc.js';
import type { CoreFileSource, CoreFileTarget } from '../core/service-api.js';
import { FreeSpaceGuard, type FreeSpaceOptions } from '../core/store/free-space.js';

export const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 ** 3;
export const UPLOAD_TTL_MS = 60 * 60 * 1000;

interface Upload {
  file: string;
  size: number;
  name: string;
  createdAt: number;
  inUse: boolean;
}

/** Answered with HTTP 413 rather than 400. */
export class UploadTooLargeError extends BerthError {
  constructor(readonly limit: number) {
    super('INVALID_ARGUMENT', `upload larger than the limit of ${limit} bytes`);
  }
}

export class UploadStore implements FileResolver {
  private readonly uploads = new Map<string, Upload>();
  private readonly sweeper: ReturnType<typeof setInterval>;

  private constructor(
    readonly dir: string,
    private readonly maxBytes: number,
    private readonly ttlMs: number,
    private readonly freeSpace: FreeSpaceOptions,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), Math.min(ttlMs, 5 * 60 * 1000));
    this.sweeper.unref();
  }

  static async create(options: { maxBytes?: number; ttlMs?: number; parent?: string; freeSpace?: FreeSpaceOptions } = {}): Promise<UploadStore> {
    const dir = await mkdtemp(path.join(options.parent ?? tmpdir(), 'berth-uploads-'));
    await chmod(dir, 0o700);
    const freeSpace = { place: "the upload folder's file system", ...options.freeSpace };
    return new UploadStore(dir, options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES, options.ttlMs ?? UPLOAD_TTL_MS, freeSpace);
  }

  /**
   * Streams `body` to a new file, never holding more than a chunk of it. Refuses before the first byte a declared
   * size over the limit or over the free space (keeping the store's reserve, as every blob write does), stops past
   * either while writing, and deletes the partial file at once when anything ends it early — the client hanging up
   * (the page's Cancel) included.
   */
  async save(body: Readable, name: string, declaredSize: number | null): Promise<FileRef> {
    if (declaredSize !== null && declaredSize > this.maxBytes) throw this.tooLarge();
    const space = new FreeSpaceGuard(this.dir, this.freeSpace);
    await space.start(declaredSize ?? undefined);
    const id = randomBytes(16).toString('hex');
    const file = path.join(this.dir, id);
    let size = 0;
    const limit = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        size += chunk.length;
        if (size > this.maxBytes) return done(this.tooLarge());
        space.wrote(chunk.length).then(() => done(null, chunk), done);
      },
    });
    try {
      await pipeline(body, limit, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      await rm(file, { force: true });
      throw err instanceof BerthError ? err : new BerthError('INVALID_ARGUMENT', `upload of ${name} did not finish: ${(err as Error).message}`);
    }
    const baseName = path.basename(name) || 'upload';
    this.uploads.set(id, { file, size, name: baseName, createdAt: Date.now(), inUse: false });
    return { fileId: id, name: baseName, size };
  }

  /** The web shell reads uploads only, never paths; each upload once. */
  async read(ref: FileRef): Promise<CoreFileSource> {
    const upload = this.uploads.get(ref.fileId);
    if (!upload || upload.inUse) {
      throw new BerthError('NOT_FOUND', `no upload ${ref.fileId.slice(0, 64)}: each upload is used once and kept for an hour`);
    }
    upload.inUse = true;
    // A path, not a stream: the service may run in another thread (and opens it with its own checks).
    return { path: upload.file, name: upload.name, release: () => this.remove(ref.fileId) };
  }

  async write(): Promise<CoreFileTarget> {
    // Downloads come with tarball export (issue 10).
    throw new BerthError('INVALID_ARGUMENT', 'the browser shell cannot write files yet');
  }

  async remove(id: string): Promise<void> {
    const upload = this.uploads.get(id);
    if (!upload) return;
    this.uploads.delete(id);
    await rm(upload.file, { force: true });
  }

  async sweep(now = Date.now()): Promise<void> {
    for (const [id, upload] of this.uploads) {
      if (!upload.inUse && now - upload.createdAt > this.ttlMs) await this.remove(id);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.uploads.clear();
    await rm(this.dir, { recursive: true, force: true });
  }

  private tooLarge(): UploadTooLargeError {
    return new UploadTooLargeError(this.maxBytes);
  }
}
