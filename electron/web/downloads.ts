// Files the page saves through `berth serve`: a download, never a file on the server. The page asks (with its token)
// for a target; the answer names it twice — a targetId for the `save` call and a one-use URL the browser fetches as
// an attachment. The save writes straight into that HTTP response (no copy on disk); it waits for the browser to
// connect, an unclaimed target expires, and a browser that stops the download fails the save, as a cancelled save
// cuts the response short so the browser marks the file failed rather than complete.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { PassThrough, Writable } from 'node:stream';
import { BerthError } from '../../shared/errors.js';
import type { FileTargetRef } from '../../shared/api.js';
import type { CoreFileTarget } from '../core/service-api.js';
import { DOWNLOAD_PATH } from '../../shared/web-protocol.js';

/** How long a target waits for its save to start and for the browser to fetch it. */
export const DOWNLOAD_TTL_MS = 2 * 60 * 1000;

interface Download {
  name: string;
  /** What the response reads; the save writes into it through `sink`. */
  pipe: PassThrough;
  /** What the save writes: it finishes only once the browser has had every byte. */
  sink: Writable;
  delivered: { resolve(): void; reject(err: Error): void };
  /** The save has it. */
  written: boolean;
  /** The browser has it. */
  fetched: boolean;
  expires: ReturnType<typeof setTimeout>;
}

/** A name fit for a Content-Disposition header and a file manager: a base name without controls or separators. */
export function downloadName(name: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const clean = name.replace(/[\x00-\x1f\x7f-\x9f/\\]/g, '_').replace(/^\.+/, '').trim().slice(0, 200);
  return clean || 'images.tar';
}

export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export class DownloadStore {
  private readonly downloads = new Map<string, Download>();

  constructor(private readonly ttlMs = DOWNLOAD_TTL_MS) {}

  /** A new target: its ref for `save` and the path the browser fetches. Both IDs are random and used once. */
  create(name: string): { target: FileTargetRef; url: string } {
    const id = randomBytes(16).toString('hex');
    const clean = downloadName(name);
    const pipe = new PassThrough({ highWaterMark: 1024 * 1024 });
    // Whoever holds it (the save's pipeline, the response) hears its errors; unheld, one must not crash the server.
    pipe.on('error', () => undefined);
    const expires = setTimeout(() => this.expire(id), this.ttlMs);
    expires.unref();
    let delivered!: Download['delivered'];
    const done = new Promise<void>((resolve, reject) => (delivered = { resolve, reject }));
    done.catch(() => undefined);
    this.downloads.set(id, { name: clean, pipe, sink: sinkInto(pipe, done, clean), delivered, written: false, fetched: false, expires });
    return { target: { targetId: id, name: clean }, url: `${DOWNLOAD_PATH}/${id}` };
  }

  /** The service's side: a stream into the browser's download. Each target once. */
  async write(ref: FileTargetRef): Promise<CoreFileTarget> {
    const download = this.downloads.get(ref.targetId);
    if (!download || download.written) {
      throw new BerthError('NOT_FOUND', `no download ${String(ref.targetId).slice(0, 64)}: each download target is used once, within ${Math.round(this.ttlMs / 1000)} s`);
    }
    download.written = true;
    if (download.fetched) this.forget(ref.targetId);
    // A small archive may be written whole before the browser comes: the pipe holds it until then (or expiry).
    // The service releases the target once the save is over; a save that ended without finishing its bytes (it
    // failed before writing: an unknown image) must end the download too — once taken, the target no longer
    // expires, so a browser waiting for it would wait forever.
    const release = () => {
      if (!download.pipe.writableEnded && !download.pipe.destroyed) {
        const unwritten = new BerthError('CANCELLED', `the save into ${download.name} ended without writing it`);
        download.delivered.reject(unwritten);
        download.pipe.destroy(unwritten);
      }
      this.forget(ref.targetId);
    };
    return { stream: download.sink, name: download.name, release };
  }

  /** The browser's side: answers the download, or false when there is no such (unused) download. */
  serve(id: string, res: ServerResponse, headers: Record<string, string>): boolean {
    const download = this.downloads.get(id);
    // A save that failed before the browser came has nothing to give.
    if (!download || download.fetched || (download.pipe.destroyed && !download.pipe.readableEnded)) return false;
    download.fetched = true;
    if (download.written) this.forget(id);
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/x-tar',
      'Content-Disposition': contentDisposition(download.name),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.flushHeaders();
    const { pipe } = download;
    pipe.pipe(res);
    // A save that fails or is cancelled destroys the pipe: cut the response, so the browser shows a failed download.
    pipe.once('error', () => res.destroy());
    pipe.once('close', () => {
      if (!pipe.readableEnded) res.destroy();
    });
    res.once('finish', () => download.delivered.resolve());
    // The browser stopped the download (or the tab closed): the save fails instead of waiting forever.
    res.once('close', () => {
      if (res.writableFinished) return;
      const stopped = new BerthError('CANCELLED', `the browser stopped downloading ${download.name}`);
      download.delivered.reject(stopped);
      pipe.destroy(stopped);
    });
    return true;
  }

  get size(): number {
    return this.downloads.size;
  }

  /** Both sides have it: nothing left to expire. */
  private forget(id: string): void {
    const download = this.downloads.get(id);
    if (!download) return;
    clearTimeout(download.expires);
    this.downloads.delete(id);
  }

  private expire(id: string): void {
    const download = this.downloads.get(id);
    if (!download) return;
    this.downloads.delete(id);
    const late = new BerthError('CANCELLED', `nobody fetched the download of ${download.name} in time`);
    download.delivered.reject(late);
    download.pipe.destroy(late);
  }

  close(): void {
    for (const id of [...this.downloads.keys()]) this.expire(id);
  }
}

/**
 * The save's side of a download: bytes go into `pipe` at the pace the response takes them, and the end waits for
 * `delivered` — so a small archive that fits in the buffers is not "finished" before anyone has fetched it.
 */
function sinkInto(pipe: PassThrough, delivered: Promise<void>, name: string): Writable {
  const gone = () => pipe.errored ?? new BerthError('CANCELLED', `the download of ${name} ended early`);
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (pipe.destroyed) return callback(gone());
      if (pipe.write(chunk)) return callback();
      const onDrain = () => {
        pipe.off('close', onClose);
        callback();
      };
      const onClose = () => {
        pipe.off('drain', onDrain);
        callback(gone());
      };
      pipe.once('drain', onDrain);
      pipe.once('close', onClose);
    },
    final(callback) {
      if (pipe.destroyed) return callback(gone());
      pipe.end();
      delivered.then(() => callback(), callback);
    },
    destroy(err, callback) {
      if (err && !pipe.destroyed) pipe.destroy(err);
      callback(err);
    },
  });
}
