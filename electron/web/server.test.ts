import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { BerthEvent, FileRef } from '../../shared/api.js';
import { BerthError } from '../../shared/errors.js';
import { createService } from '../core/service.js';
import type { BerthService } from '../core/service-api.js';
import { makeRootfsTar } from '../core/testing/tarball.mjs';
import { createWebBridge } from '../../renderer/src/bridge/web.js';
import { startWebServer } from './server.js';
import type { WebServer } from './server.js';
import { UNAUTHORIZED_MESSAGE, WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX } from '../../shared/web-protocol.js';

let dir: string;
let service: BerthService;
let server: WebServer;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-web-'));
  const staticDir = path.join(dir, 'static');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Berth</title><div id=root></div>');
  await writeFile(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'secret.txt'), 'outside the static folder');
  service = await createService({ storePath: path.join(dir, 'store'), watch: true });
  server = await startWebServer({ service, staticDir });
  origin = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.close();
  await service?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, so the test controls Host and Origin exactly as an attacker's browser or a rebinding page would send them. */
function http(method: string, urlPath: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path: urlPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens a socket and reports how it ended: the close code and reason, or the HTTP status of a refused handshake. */
function socketOutcome(options: { protocols?: string[]; headers?: Record<string, string> }): Promise<{ code?: number; reason?: string; status?: number; body?: string; stayedOpen?: true }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc`, options.protocols ?? [WS_PROTOCOL], { headers: options.headers });
    ws.on('open', () => setTimeout(() => {
      resolve({ stayedOpen: true });
      ws.terminate();
    }, 500));
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    ws.on('error', () => {});
  });
}

function bridge(token: string | null = server.token) {
  return createWebBridge({ pageUrl: `${origin}/`, token, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
}

describe('berth serve: the page', () => {
  it('prints a URL with a long random token on loopback', () => {
    expect(server.url).toBe(`${origin}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('serves index.html without the token, under a strict CSP, and falls back to it for app routes', async () => {
    const page = await http('GET', '/', { Host: `127.0.0.1:${server.port}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id=root>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(csp).not.toContain('unsafe');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await http('GET', '/images/sha256:abc', { Host: `127.0.0.1:${server.port}` })).body).toContain('<div id=root>');
    const asset = await http('GET', '/assets/app-1234.js', { Host: `127.0.0.1:${server.port}` });
    expect(asset.headers['content-type']).toMatch(/text\/javascript/);
    expect((await http('GET', '/assets/missing.js', { Host: `127.0.0.1:${server.port}` })).status).toBe(404);
  });

  it('never serves a file outside its folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const reply = await http('GET', p, { Host: `127.0.0.1:${server.port}` });
      expect(reply.body).not.toContain('outside the static folder');
    }
  });

  it('refuses a Host that is not the bound one (DNS rebinding)', async () => {
    const reply = await http('GET', '/', { Host: `evil.example:${server.port}` });
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('unexpected Host');
    expect((await http('GET', '/', { Host: `localhost:${server.port}` })).status).toBe(200);
    const ws = await socketOutcome({ protocols: [WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX + server.token], headers: { Host: `evil.example:${server.port}` } });
    expect(ws.status).toBe(403);
  });
});

describe('berth serve: the token and the origin', () => {
  it('closes a socket without the token, or with a wrong one, with 4401 and the message', async () => {
    for (const protocols of [[WS_PROTOCOL], [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}wrong`]]) {
      const outcome = await socketOutcome({ protocols });
      expect(outcome).toEqual({ code: 4401, reason: UNAUTHORIZED_MESSAGE });
    }
  });

  it('refuses a socket from a foreign Origin even with the token', async () => {
    const outcome = await socketOutcome({
      protocols: [WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX + server.token],
      headers: { Origin: 'http://evil.example' },
    });
    expect(outcome.status).toBe(403);
    expect(outcome.body).toContain('another site');
    const lookalike = await socketOutcome({
      protocols: [WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX + server.token],
      headers: { Origin: `http://127.0.0.1:${server.port + 1}` },
    });
    expect(lookalike.status).toBe(403);
  });

  it('accepts the token as a subprotocol or a query parameter, from its own Origin', async () => {
    const ok = await bridge().info();
    expect(ok.storePath).toBe(service.storePath);
    const viaQuery = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`, [WS_PROTOCOL], { headers: { Origin: origin } });
    const reply = await new Promise<string>((resolve, reject) => {
      viaQuery.on('open', () => viaQuery.send(JSON.stringify({ id: 3, method: 'listTasks', args: [] })));
      viaQuery.on('message', (data) => resolve(data.toString()));
      viaQuery.on('close', (code) => reject(new Error(`closed ${code}`)));
    });
    viaQuery.close();
    expect(JSON.parse(reply)).toEqual({ id: 3, ok: true, value: [] });
  });

  it('makes the page bridge fail with UNAUTHORIZED and the message', async () => {
    for (const token of [null, 'wrong']) {
      const error = await bridge(token).listImages().catch((err: unknown) => err);
      expect(error).toBeInstanceOf(BerthError);
      expect(error).toMatchObject({ code: 'UNAUTHORIZED', message: UNAUTHORIZED_MESSAGE });
    }
  });

  it('refuses an upload without the token (401) or from a foreign Origin (403)', async () => {
    const none = await http('POST', '/upload', { Host: `127.0.0.1:${server.port}` }, Buffer.from('x'));
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.message).toBe(UNAUTHORIZED_MESSAGE);
    const foreign = await http('POST', '/upload', { Host: `127.0.0.1:${server.port}`, Origin: 'http://evil.example', 'X-Berth-Token': server.token }, Buffer.from('x'));
    expect(foreign.status).toBe(403);
  });
});

describe('berth serve: uploads, calls and events', () => {
  it('imports an uploaded tarball, pushes task and store events, and deletes the upload', async () => {
    const page = bridge();
    const events: BerthEvent[] = [];
    page.onEvent((event) => events.push(event));
    const tar = await makeRootfsTar({ 'etc/hello': 'hi\n' });
    const file = await page.fileRef(new File([new Uint8Array(tar)], 'rootfs.tar'));
    expect(file).toEqual({ fileId: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'rootfs.tar', size: tar.length });

    const handle = await page.importRootfs(file, { reference: 'uploaded:1' });
    const ended = await page.waitTask(handle.taskId);
    expect(ended).toMatchObject({ id: handle.taskId, state: 'done', result: { reference: 'docker.io/library/uploaded:1' } });
    const images = await page.listImages();
    expect(images.map((i) => `${i.repository}:${i.tag}`)).toContain('uploaded:1');

    await expect.poll(() => events.some((e) => e.type === 'task.update' && e.task.state === 'done'), { timeout: 5000 }).toBe(true);
    await expect.poll(() => events.some((e) => e.type === 'store.changed'), { timeout: 5000 }).toBe(true);

    // Used once: the file is gone and the id no longer resolves.
    const again = await page.importRootfs(file, {}).catch((err: unknown) => err);
    expect(again).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('checks import options without a file, so the page can refuse a bad -c line before uploading', async () => {
    const page = bridge();
    await expect(page.checkImportOptions({ changes: ['ENV A=1', 'RUN make'] })).resolves.toEqual([
      { field: 'changes', message: 'run is not a valid change command', index: 1 },
    ]);
    await expect(page.checkImportOptions({ changes: ['CMD ["/bin/sh"]'], platform: 'linux/arm64' })).resolves.toEqual([]);
    await expect(page.checkImportOptions({ path: '/etc' } as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('refuses a path, or a file ID it never issued, from the browser', async () => {
    const page = bridge();
    const path = await page.importRootfs({ path: '/etc/passwd' } as unknown as FileRef, {}).catch((err: unknown) => err);
    expect(path).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/extra keys \[path\]/) });
    const forged = await page.importRootfs({ fileId: '../../etc/passwd', name: 'passwd', size: null }, {}).catch((err: unknown) => err);
    expect(forged).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no upload/) });
  });

  it('refuses an upload over the size limit and keeps nothing of it', async () => {
    const parent = await mkdtemp(path.join(dir, 'uploads-'));
    const small = await startWebServer({ service, staticDir: dir, maxUploadBytes: 1000, uploadParentDir: parent });
    try {
      const [uploads] = await readdir(parent);
      expect((await stat(path.join(parent, uploads!))).mode & 0o777).toBe(0o700);
      const reply = await fetch(new URL('/upload', small.url), { method: 'POST', headers: { 'X-Berth-Token': small.token }, body: Buffer.alloc(5000) });
      expect(reply.status).toBe(413);
      expect(((await reply.json()) as { error: { message: string } }).error.message).toMatch(/larger than the limit/);
      expect(await readdir(path.join(parent, uploads!))).toEqual([]);
      const fits = await fetch(new URL('/upload', small.url), { method: 'POST', headers: { 'X-Berth-Token': small.token }, body: Buffer.alloc(500) });
      expect(fits.status).toBe(201);
      expect(await readdir(path.join(parent, uploads!))).toHaveLength(1);
    } finally {
      await small.close();
    }
  });

  it('warns when listening beyond loopback, and removes its upload folder on close', async () => {
    const parent = await mkdtemp(path.join(dir, 'uploads-'));
    const warnings: string[] = [];
    const wide = await startWebServer({ service, staticDir: dir, host: '0.0.0.0', warn: (m) => warnings.push(m), uploadParentDir: parent });
    expect(warnings.join('\n')).toMatch(/not loopback/);
    expect(wide.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const upload = await fetch(new URL('/upload', wide.url), { method: 'POST', headers: { 'X-Berth-Token': wide.token }, body: 'abc' });
    expect(upload.status).toBe(201);
    expect(await readdir(parent)).toHaveLength(1);
    await wide.close();
    expect(await readdir(parent)).toEqual([]);
  });
});

describe('the page bridge', () => {
  it('reconnects after the server restarts, and tells the page to refetch', async () => {
    const first = await startWebServer({ service, staticDir: dir });
    const pageUrl = `http://127.0.0.1:${first.port}/`;
    const page = createWebBridge({ pageUrl, token: first.token, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket, reconnectDelayMs: 50 });
    const events: BerthEvent[] = [];
    const states: string[] = [];
    page.onEvent((event) => events.push(event));
    page.onConnection?.((state) => states.push(state));
    await page.listTasks();
    expect(states).toEqual(['connecting', 'connected']);
    await first.close();
    await expect.poll(() => states.at(-1), { timeout: 5000 }).toBe('lost');
    const lost = await page.listTasks().catch((err: unknown) => err);
    expect(lost).toMatchObject({ code: 'NETWORK' });

    const second = await startWebServer({ service, staticDir: dir, port: first.port, token: first.token });
    try {
      await expect.poll(() => events.filter((e) => e.type === 'store.changed').length, { timeout: 5000 }).toBeGreaterThan(0);
      expect(await page.listTasks()).toEqual(expect.any(Array));
      // Lost once, however many attempts failed while the server was away, then connected again.
      expect(states).toEqual(['connecting', 'connected', 'lost', 'connected']);
    } finally {
      await second.close();
    }
  });
});

describe('berth serve: a flood of calls on one socket', () => {
  it('runs at most 64 at once and answers the rest RATE_LIMITED instead of queueing them without end', async () => {
    // A service whose waitTask never ends: every call stays in flight.
    const stuck = { ...service, waitTask: () => new Promise(() => undefined), onEvent: () => () => undefined } as unknown as BerthService;
    const flooded = await startWebServer({ service: stuck, staticDir: dir, uploadParentDir: dir });
    try {
      const host = `127.0.0.1:${flooded.port}`;
      const ws = new WebSocket(`ws://${host}/rpc`, [WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX + flooded.token], { origin: `http://${host}` });
      await new Promise((resolve) => ws.once('open', resolve));
      const answers: Array<{ id: number; ok: boolean; error?: { code: string } }> = [];
      ws.on('message', (data) => answers.push(JSON.parse(data.toString())));
      for (let id = 1; id <= 100; id++) ws.send(JSON.stringify({ id, method: 'waitTask', args: ['t'] }));
      await expect.poll(() => answers.length).toBe(36);
      expect(answers.every((a) => !a.ok && a.error?.code === 'RATE_LIMITED')).toBe(true);
      expect(answers.map((a) => a.id)).toEqual(Array.from({ length: 36 }, (_, i) => 65 + i));
      ws.close();
    } finally {
      await flooded.close();
    }
  });
});
