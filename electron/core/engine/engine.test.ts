// The bridge without a real engine: where the socket is looked for, what an absent engine says (once, in docker's
// words), podman's compatible service recognised, and the engine's errors kept in its own words.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineClient, engineError } from './client.js';
import { engineInfo, listEngineImages } from './info.js';
import { engineEndpoint } from './socket.js';

let dir: string;
let server: Server | null = null;
const seen: Array<{ method: string; url: string }> = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join('/tmp', 'berth-eng-'));
  seen.length = 0;
});
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  await rm(dir, { recursive: true, force: true });
});

async function fakeEngine(answer: (req: IncomingMessage) => { status?: number; body: unknown }): Promise<string> {
  const socketPath = path.join(dir, 'engine.sock');
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '' });
    const { status = 200, body } = answer(req);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(socketPath, resolve));
  return socketPath;
}

describe('the Docker Engine bridge', () => {
  it('finds the socket as the docker CLI does, and refuses a remote DOCKER_HOST plainly', () => {
    expect(engineEndpoint({})).toEqual({ socketPath: '/var/run/docker.sock', host: 'unix:///var/run/docker.sock' });
    expect(engineEndpoint({ DOCKER_HOST: 'unix:///run/user/1000/podman/podman.sock' })).toMatchObject({ socketPath: '/run/user/1000/podman/podman.sock' });
    expect(engineEndpoint({ DOCKER_HOST: 'tcp://10.0.0.1:2375' })).toEqual({ unsupported: 'tcp://10.0.0.1:2375' });
    expect(() => EngineClient.fromEnv({ DOCKER_HOST: 'ssh://me@host' })).toThrow('DOCKER_HOST=ssh://me@host is not a unix socket');
  });

  it("says once, in docker's words, that no engine answers", async () => {
    const host = `unix://${path.join(dir, 'absent.sock')}`;
    expect(await engineInfo({ DOCKER_HOST: host })).toEqual({
      reachable: false, host, message: `Cannot connect to the Docker daemon at ${host}. Is the docker daemon running?`,
    });
    await expect(listEngineImages({ DOCKER_HOST: host })).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it("recognises podman's Docker-compatible service and reads its image list", async () => {
    const socket = await fakeEngine((req) => req.url === '/version'
      ? { body: { Version: '4.9.3', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64', Platform: { Name: 'linux/amd64/debian-12' }, Components: [{ Name: 'Podman Engine' }] } }
      : { body: [{ Id: 'sha256:' + 'a'.repeat(64), RepoTags: ['<none>:<none>'], Created: 1_700_000_000, Size: 42 }] });
    expect(await engineInfo({ DOCKER_HOST: `unix://${socket}` })).toMatchObject({ reachable: true, kind: 'podman', version: '4.9.3' });
    expect(await listEngineImages({ DOCKER_HOST: `unix://${socket}` })).toEqual([
      { id: 'sha256:' + 'a'.repeat(64), tags: [], created: '2023-11-14T22:13:20.000Z', size: 42 },
    ]);
  });

  it("keeps the engine's message and says what kind of failure it is", async () => {
    const socket = await fakeEngine(() => ({ status: 404, body: { message: 'No such container: x' } }));
    const client = EngineClient.fromEnv({ DOCKER_HOST: `unix://${socket}` });
    try {
      await expect(client.send({ method: 'POST', path: '/commit', query: { container: 'x', changes: ['CMD a', 'ENV b=c'], pause: 'false' } }))
        .rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such container: x' });
    } finally {
      await client.close();
    }
    expect(seen).toEqual([{ method: 'POST', url: '/commit?container=x&changes=CMD+a&changes=ENV+b%3Dc&pause=false' }]);
    expect(engineError(500, 'plain text failure')).toMatchObject({ code: 'INTERNAL', message: 'plain text failure' });
    expect(engineError(409, '{"message":"conflict"}')).toMatchObject({ code: 'CONFLICT', message: 'conflict' });
  });
});
