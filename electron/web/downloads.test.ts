// Downloads from `berth serve`: a target asked for with the token, the save streamed into the browser's response
// (a one-use URL, an attachment), and every way it can end early ending the other side too.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createService } from '../core/service.js';
import type { BerthService } from '../core/service-api.js';
import { makeRootfsTar } from '../core/testing/tarball.mjs';
import { taskResult } from '../../shared/tasks.js';
import { createWebBridge } from '../../renderer/src/bridge/web.js';
import { contentDisposition, downloadName } from './downloads.js';
import { startWebServer, type WebServer } from './server.js';

let dir: string;
let service: BerthService;
let server: WebServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-downloads-'));
  await mkdir(path.join(dir, 'static'));
  await writeFile(path.join(dir, 'static', 'index.html'), '<!doctype html>');
  service = await createService({ storePath: path.join(dir, 'store') });
  const rootfs = path.join(dir, 'rootfs.tar');
  // Big enough that the save outruns the response's buffers and must wait for the reader.
  await writeFile(rootfs, await makeRootfsTar({ 'etc/hello': 'hi\n', 'big.bin': new Uint8Array(6 * 1024 * 1024).map((_, i) => (i * 7919) % 251) }));
  await taskResult(service, await service.importRootfs({ path: rootfs }, { reference: 'saved:1' }));
  server = await startWebServer({ service, staticDir: path.join(dir, 'static'), downloadTtlMs: 1500 });
});

afterAll(async () => {
  await server?.close();
  await service?.close();
  await rm(dir, { recursive: true, force: true });
});

const page = () => createWebBridge({ pageUrl: server.url, XMLHttpRequest: null, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });

interface Fetched {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The response ended before its last chunk: what a browser shows as a failed download. */
  aborted: boolean;
}

/** GET as the browser's download does: no token, no Origin. Optionally hangs up after `stopAfter` bytes. */
function download(url: string, stopAfter?: number): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(url, server.url), (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let aborted = false;
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (stopAfter !== undefined && size >= stopAfter) req.destroy();
      });
      res.on('aborted', () => (aborted = true));
      const done = () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), aborted: aborted || !res.complete });
      res.on('end', done);
      res.on('close', done);
    });
    req.on('error', (err) => (stopAfter !== undefined ? undefined : reject(err)));
    req.end();
  });
}

describe('berth serve downloads', () => {
  it('streams a save into a one-use attachment URL, with the task reporting progress', async () => {
    const bridge = page();
    const target = await bridge.fileTarget!('saved_1.tar');
    expect(target).toEqual({
      ref: { targetId: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'saved_1.tar' },
      url: `${new URL(server.url).origin}/download/${target!.ref.targetId}`,
      deliver: expect.any(Function),
    });
    // The bridge's deliver() clicks a link in a browser; here the test asks and fetches as the page would.
    const response = await fetch(new URL('/download', server.url), {
      method: 'POST',
      headers: { 'X-Berth-Token': server.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'saved_1.tar' }),
    });
    expect(response.status).toBe(201);
    const { target: ref, url: downloadUrl } = (await response.json()) as { target: { targetId: string; name: string }; url: string };
    expect(downloadUrl).toBe(`/download/${ref.targetId}`);
    const handle = await bridge.save(['saved:1'], ref);
    const fetched = await download(downloadUrl);
    expect(fetched.status).toBe(200);
    expect(fetched.aborted).toBe(false);
    expect(fetched.headers['content-disposition']).toBe(`attachment; filename="saved_1.tar"; filename*=UTF-8''saved_1.tar`);
    expect(fetched.headers['content-type']).toBe('application/x-tar');
    const ended = await bridge.waitTask(handle.taskId);
    // Progress counts the archive's data bytes (not its tar headers): all of them, by the end.
    expect(ended.state).toBe('done');
    const { size } = ended.result as { size: number };
    expect(ended.progress).toEqual({ current: size, total: size });
    expect(size).toBeGreaterThan(fetched.body.length - 16 * 1024);
    expect(fetched.body.length).toBeGreaterThan(6 * 1024 * 1024);

    // The bytes are a real archive: loading them gives the same image.
    const file = path.join(dir, 'downloaded.tar');
    await writeFile(file, fetched.body);
    const other = await createService({ storePath: path.join(dir, 'other-store') });
    try {
      const loaded = await taskResult(other, await other.load({ path: file }));
      const [image] = await service.listImages();
      expect(loaded.images).toEqual([{ id: image!.id, tags: ['docker.io/library/saved:1'] }]);
    } finally {
      await other.close();
    }
    // Once: the URL and the target are both spent.
    expect((await download(downloadUrl)).status).toBe(404);
    await expect(bridge.save(['saved:1'], ref)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a browser that stops downloading fails the save, and a cancelled save cuts the download short', async () => {
    const bridge = page();
    const first = (await bridge.fileTarget!('a.tar'))!;
    const stopped = await bridge.save(['saved:1'], first.ref);
    const partial = await download(`/download/${first.ref.targetId}`, 64 * 1024);
    expect(partial.body.length).toBeLessThan(6 * 1024 * 1024);
    const ended = await bridge.waitTask(stopped.taskId);
    expect(ended.state).not.toBe('done');

    const second = (await bridge.fileTarget!('b.tar'))!;
    const cancelled = await bridge.save(['saved:1'], second.ref);
    // Nobody reads yet: the save waits on the response. Cancel it, then look at what the browser gets.
    await bridge.cancelTask(cancelled.taskId);
    expect((await bridge.waitTask(cancelled.taskId)).state).toBe('cancelled');
    const cut = await download(`/download/${second.ref.targetId}`);
    expect(cut.status === 404 || cut.aborted).toBe(true);
  });

  it('expires a target nobody fetched, failing its save instead of leaving it waiting', async () => {
    const bridge = page();
    const target = (await bridge.fileTarget!('late.tar'))!;
    const handle = await bridge.save(['saved:1'], target.ref);
    const ended = await bridge.waitTask(handle.taskId);
    expect(ended.state).not.toBe('done');
    expect((await download(`/download/${target.ref.targetId}`)).status).toBe(404);
  });

  it('a save that fails before writing (an unknown image) ends its download at once', async () => {
    const bridge = page();
    const target = (await bridge.fileTarget!('missing.tar'))!;
    await expect(bridge.save(['no-such-image:1'], target.ref)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const started = Date.now();
    expect((await download(`/download/${target.ref.targetId}`)).status).toBe(404);
    // Not left hanging: the target was taken, so no expiry would ever have ended this response.
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('asks for the token and a same-origin page, and answers unknown IDs with 404', async () => {
    const post = (headers: Record<string, string>) => fetch(new URL('/download', server.url), { method: 'POST', headers, body: JSON.stringify({ name: 'x.tar' }) });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'X-Berth-Token': 'wrong' })).status).toBe(401);
    expect((await post({ 'X-Berth-Token': server.token, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await fetch(new URL('/download', server.url), { method: 'POST', headers: { 'X-Berth-Token': server.token }, body: 'not json' })).status).toBe(400);
    expect((await download(`/download/${'0'.repeat(32)}`)).status).toBe(404);
    expect((await download('/download/../package.json')).status).toBe(404);
  });

  it('turns any name into one a header and a file manager take', () => {
    expect(downloadName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(downloadName('a\nb.tar')).toBe('a_b.tar');
    expect(downloadName('')).toBe('images.tar');
    expect(contentDisposition('café "x".tar')).toBe(`attachment; filename="caf_ _x_.tar"; filename*=UTF-8''caf%C3%A9%20%22x%22.tar`);
  });
});
