// The upload size limit must hold when the client does not say how big the body is (chunked transfer): then only
// the running byte count can stop it.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BerthService } from '../core/service-api.js';
import { startWebServer } from './server.js';
import { UploadStore } from './uploads.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-uploads-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A body of `total` bytes in `chunk`-byte pieces, with no length known in advance. */
const body = (total: number, chunk = 100) =>
  Readable.from((function* () {
    for (let sent = 0; sent < total; sent += chunk) yield Buffer.alloc(Math.min(chunk, total - sent), 0x61);
  })());

describe('UploadStore.save without a declared size', () => {
  it('refuses one byte over the limit and deletes what it wrote', async () => {
    const uploads = await UploadStore.create({ maxBytes: 1000, parent: dir });
    try {
      await expect(uploads.save(body(1001), 'rootfs.tar', null)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: 'upload larger than the limit of 1000 bytes',
      });
      expect(await readdir(uploads.dir)).toEqual([]);
      await expect(uploads.save(body(50_000, 4096), 'rootfs.tar', null)).rejects.toMatchObject({ message: 'upload larger than the limit of 1000 bytes' });
      expect(await readdir(uploads.dir)).toEqual([]);
    } finally {
      await uploads.close();
    }
  });

  it('accepts exactly the limit', async () => {
    const uploads = await UploadStore.create({ maxBytes: 1000, parent: dir });
    try {
      await uploads.save(body(1000), 'rootfs.tar', null);
      const files = await readdir(uploads.dir);
      expect(files).toHaveLength(1);
      expect((await stat(path.join(uploads.dir, files[0]!))).size).toBe(1000);
    } finally {
      await uploads.close();
    }
  });

  it('also stops a body longer than its (false) declared size', async () => {
    const uploads = await UploadStore.create({ maxBytes: 1000, parent: dir });
    try {
      await expect(uploads.save(body(5000), 'rootfs.tar', 10)).rejects.toMatchObject({ message: 'upload larger than the limit of 1000 bytes' });
      expect(await readdir(uploads.dir)).toEqual([]);
    } finally {
      await uploads.close();
    }
  });

  it('refuses a declared size over the limit before reading the body', async () => {
    const uploads = await UploadStore.create({ maxBytes: 1000, parent: dir });
    try {
      const untouched = new Readable({
        read() {
          throw new Error('must not be read');
        },
      });
      await expect(uploads.save(untouched, 'rootfs.tar', 1001)).rejects.toMatchObject({ message: 'upload larger than the limit of 1000 bytes' });
      expect(await readdir(uploads.dir)).toEqual([]);
    } finally {
      await uploads.close();
    }
  });
});

describe('berth serve: a chunked upload (no Content-Length)', () => {
  /** POSTs `total` bytes with Transfer-Encoding: chunked, as a browser streaming a body would. */
  function postChunked(port: number, token: string, total: number): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/upload', headers: { 'X-Berth-Token': token, 'X-Berth-Filename': 'big.tar', 'Transfer-Encoding': 'chunked' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
      for (let sent = 0; sent < total; sent += 500) req.write(Buffer.alloc(Math.min(500, total - sent), 0x62));
      req.end();
    });
  }

  it('answers 413 past the limit and keeps nothing; a body within it is stored', async () => {
    const parent = await mkdtemp(path.join(dir, 'parent-'));
    const service = { onEvent: () => () => undefined } as unknown as BerthService;
    const server = await startWebServer({ service, staticDir: dir, maxUploadBytes: 1000, uploadParentDir: parent });
    try {
      const [folder] = await readdir(parent);
      const tooBig = await postChunked(server.port, server.token, 3000);
      expect(tooBig.status).toBe(413);
      expect(JSON.parse(tooBig.body)).toEqual({ error: { code: 'INVALID_ARGUMENT', message: 'upload larger than the limit of 1000 bytes' } });
      expect(await readdir(path.join(parent, folder!))).toEqual([]);

      const fits = await postChunked(server.port, server.token, 1000);
      expect(fits.status).toBe(201);
      const stored = await readdir(path.join(parent, folder!));
      expect(stored).toHaveLength(1);
      expect(fits.body).toContain(stored[0]); // the reply names the upload
    } finally {
      await server.close();
    }
  });
});

describe('UploadStore bookkeeping', () => {
  it('refuses a declared size one over the limit, not the limit itself', async () => {
    const uploads = await UploadStore.create({ maxBytes: 1000, parent: dir });
    try {
      await expect(uploads.save(body(1000), 'a.tar', 1001)).rejects.toMatchObject({ message: 'upload larger than the limit of 1000 bytes' });
      await expect(uploads.save(body(1000), 'a.tar', 1000)).resolves.toMatchObject({ size: 1000 });
    } finally {
      await uploads.close();
    }
  });

  it('hands an upload out once, under its base name, and deletes it on release', async () => {
    const uploads = await UploadStore.create({ parent: dir });
    try {
      const ref = await uploads.save(body(10), '../../etc/rootfs.tar', 10);
      expect(ref).toMatchObject({ name: 'rootfs.tar', size: 10 });
      // (A stream or a path, depending on where the service runs; the name and the release are what matter here.)
      const source = (await uploads.read(ref)) as { name: string; stream?: Readable; release?: () => Promise<void> };
      expect(source.name).toBe('rootfs.tar');
      await expect(uploads.read(ref)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      source.stream?.destroy();
      await source.release?.();
      expect(await readdir(uploads.dir)).toEqual([]);
      await expect(uploads.read(ref)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await uploads.close();
    }
  });

  it('sweeps uploads unused for longer than the TTL, not those in use or younger', async () => {
    const uploads = await UploadStore.create({ parent: dir, ttlMs: 1000 });
    try {
      const old = await uploads.save(body(10), 'old.tar', 10);
      const inUse = await uploads.save(body(10), 'in-use.tar', 10);
      const source = (await uploads.read(inUse)) as { stream?: Readable };
      await uploads.sweep(Date.now() + 500);
      expect(await readdir(uploads.dir)).toHaveLength(2);
      await uploads.sweep(Date.now() + 1500);
      expect(await readdir(uploads.dir)).toHaveLength(1);
      await expect(uploads.read(old)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      source.stream?.destroy();
    } finally {
      await uploads.close();
    }
    await expect(readdir(uploads.dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('UploadStore and the free-space reserve', () => {
  const GiB = 1024 ** 3;
  /** A file system of 100 GiB with `free()` bytes free; Berth keeps 1 GiB of it. */
  const disk = (free: () => number) => ({ probe: async () => ({ available: free(), total: 100 * GiB }) });

  it('refuses a declared size that would eat into the reserve before reading a byte, with NO_SPACE', async () => {
    const uploads = await UploadStore.create({ parent: dir, freeSpace: disk(() => 3 * GiB) });
    try {
      const untouched = new Readable({
        read() {
          throw new Error('must not be read');
        },
      });
      await expect(uploads.save(untouched, 'huge.tar', 2.5 * GiB)).rejects.toMatchObject({
        code: 'NO_SPACE',
        message: "not enough free space in the upload folder's file system for 2.5 GiB: 3.0 GiB free and Berth keeps 1.0 GiB in reserve (stopped; nothing was kept)",
      });
      expect(await readdir(uploads.dir)).toEqual([]);
      // Up to the reserve is fine.
      await expect(uploads.save(body(10), 'fits.tar', 2 * GiB)).resolves.toMatchObject({ size: 10 });
    } finally {
      await uploads.close();
    }
  });

  it('stops an upload of unknown size when the disk fills while it streams, and keeps nothing', async () => {
    let free = 1 * GiB + 512 * 1024; // half a MiB above the reserve
    const uploads = await UploadStore.create({ parent: dir, freeSpace: disk(() => free) });
    try {
      const shrinking = Readable.from((function* () {
        for (let i = 0; i < 64; i++) {
          free -= 64 * 1024; // someone else writes too
          yield Buffer.alloc(64 * 1024);
        }
      })());
      await expect(uploads.save(shrinking, 'big.tar', null)).rejects.toMatchObject({ code: 'NO_SPACE', message: expect.stringMatching(/^not enough free space in the upload folder's file system after/) });
      expect(await readdir(uploads.dir)).toEqual([]);
    } finally {
      await uploads.close();
    }
  });
});

describe('berth serve: an upload that ends early', () => {
  it('deletes the partial file as soon as the page hangs up mid-way', async () => {
    const parent = await mkdtemp(path.join(dir, 'parent-'));
    const service = { onEvent: () => () => undefined } as unknown as BerthService;
    const server = await startWebServer({ service, staticDir: dir, uploadParentDir: parent });
    try {
      const [folder] = await readdir(parent);
      const uploadDir = path.join(parent, folder!);
      const total = 32 * 1024 * 1024;
      const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/upload', headers: { 'X-Berth-Token': server.token, 'X-Berth-Filename': 'big.tar', 'Content-Length': String(total) } });
      req.on('error', () => {}); // the hang-up is ours
      req.write(Buffer.alloc(4 * 1024 * 1024, 0x63));
      // Streamed, not buffered: the partial file is on disk while the body is still coming.
      await expect.poll(async () => {
        const files = await readdir(uploadDir);
        return files.length === 1 ? (await stat(path.join(uploadDir, files[0]!))).size : 0;
      }, { timeout: 5000 }).toBeGreaterThan(0);
      req.destroy();
      await expect.poll(() => readdir(uploadDir), { timeout: 2000, interval: 20 }).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('answers 507 NO_SPACE to a declared size that does not fit, before storing anything', async () => {
    const parent = await mkdtemp(path.join(dir, 'parent-'));
    const service = { onEvent: () => () => undefined } as unknown as BerthService;
    const server = await startWebServer({ service, staticDir: dir, uploadParentDir: parent, uploadFreeSpace: { probe: async () => ({ available: 1024 ** 3 + 1000, total: 100 * 1024 ** 3 }) } });
    try {
      const [folder] = await readdir(parent);
      const reply = await fetch(new URL('/upload', server.url), { method: 'POST', headers: { 'X-Berth-Token': server.token }, body: Buffer.alloc(5000) });
      expect(reply.status).toBe(507);
      expect(((await reply.json()) as { error: { code: string } }).error.code).toBe('NO_SPACE');
      expect(await readdir(path.join(parent, folder!))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
