// The served folder is checked after links are resolved: a symlink inside it that points outside is not served.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthService } from '../core/service-api.js';
import { startWebServer, type WebServer } from './server.js';

let dir: string;
const servers: WebServer[] = [];

const INDEX = '<!doctype html><title>Berth</title><div id=root></div>';
const SECRET = 'outside the static folder';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-static-'));
  const site = path.join(dir, 'site');
  await mkdir(path.join(site, 'assets'), { recursive: true });
  await writeFile(path.join(site, 'index.html'), INDEX);
  await writeFile(path.join(site, 'assets', 'app.js'), 'console.log("app")');
  await writeFile(path.join(dir, 'secret.txt'), SECRET);
  // A sibling whose name starts with the served folder's name: a prefix test without the separator would let it in.
  await mkdir(path.join(dir, 'site-private'));
  await writeFile(path.join(dir, 'site-private', 'key.txt'), SECRET);
  await mkdir(path.join(dir, 'outside-dir'));
  await writeFile(path.join(dir, 'outside-dir', 'data.json'), JSON.stringify({ secret: SECRET }));

  await symlink('../secret.txt', path.join(site, 'leak.txt'));
  await symlink(path.join(dir, 'secret.txt'), path.join(site, 'assets', 'abs-leak.js'));
  await symlink('../site-private/key.txt', path.join(site, 'sibling.txt'));
  await symlink('../outside-dir', path.join(site, 'linked-dir'));
  await symlink('index.html', path.join(site, 'alias.html'));
  // The served folder itself may be reached through a link: what counts is where it really is.
  await symlink(site, path.join(dir, 'site-link'));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

async function serve(staticDir: string): Promise<WebServer> {
  const service = { onEvent: () => () => undefined } as unknown as BerthService;
  const server = await startWebServer({ service, staticDir: path.join(dir, staticDir) });
  servers.push(server);
  return server;
}

function get(server: WebServer, urlPath: string, method = 'GET'): Promise<{ status: number; body: string; headers?: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path: urlPath }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(method === 'GET' ? { status: res.statusCode!, body } : { status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(['site', 'site-link'])('serving %s', (staticDir) => {
  it('does not serve a symlink that points outside the folder', async () => {
    const server = await serve(staticDir);
    for (const p of ['/leak.txt', '/assets/abs-leak.js', '/sibling.txt', '/linked-dir/data.json']) {
      const reply = await get(server, p);
      expect(reply.body, p).not.toContain(SECRET);
      expect(reply.status, p).toBe(404);
    }
  });

  it('serves regular files and links that stay inside', async () => {
    const server = await serve(staticDir);
    expect(await get(server, '/')).toEqual({ status: 200, body: INDEX });
    expect(await get(server, '/alias.html')).toEqual({ status: 200, body: INDEX });
    expect(await get(server, '/assets/app.js')).toEqual({ status: 200, body: 'console.log("app")' });
  });
});

describe('serving: methods, odd paths, folders, caching', () => {
  it('answers GET and HEAD only', async () => {
    const server = await serve('site');
    const head = await get(server, '/assets/app.js', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '', headers: { 'content-length': String('console.log("app")'.length) } });
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const reply = await get(server, '/index.html', method);
      expect(reply, method).toMatchObject({ status: 405, body: 'Method not allowed\n', headers: { allow: 'GET, HEAD' } });
    }
  });

  it('refuses a .. hidden behind an encoded slash, a NUL and bad escapes with 400', async () => {
    const server = await serve('site');
    // (URL parsing already resolves a plain or %2e-encoded `..`; an encoded slash keeps it for the decoder.)
    for (const p of ['/assets/..%2f..%2fsecret.txt', '/..%2Fsecret.txt', '/index.html%00.js', '/%E0%A4%A']) {
      expect(await get(server, p), p).toEqual({ status: 400, body: 'Bad path\n' });
    }
  });

  it('serves a folder’s index.html only for a path ending in /, and app routes fall back to the page', async () => {
    await writeFile(path.join(dir, 'site', 'assets', 'index.html'), 'assets index');
    const server = await serve('site');
    expect(await get(server, '/assets/')).toEqual({ status: 200, body: 'assets index' });
    expect(await get(server, '/assets')).toEqual({ status: 200, body: INDEX }); // no extension: an app route
    expect(await get(server, '/images/sha256:abc')).toEqual({ status: 200, body: INDEX });
    expect(await get(server, '/missing.js')).toEqual({ status: 404, body: 'Not found\n' });
  });

  it('says the page is not built when index.html is missing', async () => {
    await mkdir(path.join(dir, 'empty'), { recursive: true });
    const server = await serve('empty');
    const reply = await get(server, '/');
    expect(reply.status).toBe(503);
    expect(reply.body).toMatch(/the page is not built/);
  });

  it('lets browsers cache hashed assets for good, and nothing else', async () => {
    const server = await serve('site');
    expect((await get(server, '/assets/app.js', 'HEAD')).headers).toMatchObject({ 'cache-control': 'public, max-age=31536000, immutable', 'content-type': 'text/javascript; charset=utf-8' });
    expect((await get(server, '/index.html', 'HEAD')).headers).toMatchObject({ 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8' });
  });
});
