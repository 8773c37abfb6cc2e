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

function get(server: WebServer, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: 'GET', path: urlPath }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
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
