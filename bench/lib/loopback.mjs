// The pull/push benchmark's peers on loopback, started from plain node (the test helpers are TypeScript):
// an open docker-registry on a free 127.0.0.1 port, and a private dockerd (vfs, no networking) when root.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const ping = (port) => new Promise((resolve) => {
  const req = request({ host: '127.0.0.1', port, path: '/v2/', timeout: 1000 }, (res) => {
    res.resume();
    resolve(res.statusCode === 200);
  });
  req.on('error', () => resolve(false));
  req.on('timeout', () => req.destroy());
  req.end();
});

async function waitFor(what, check, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (child.exitCode !== null) throw new Error(`${what} exited while starting`);
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

async function stopChild(child, graceMs = 10_000) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])) return;
  child.kill('SIGKILL');
  await exited;
}

/** A fresh, empty, open registry: `{ host, stop() }`. */
export async function startBenchRegistry(parent) {
  const dir = await mkdtemp(path.join(parent, 'registry-'));
  const port = await freePort();
  const config = path.join(dir, 'config.yml');
  await writeFile(config, [
    'version: 0.1', 'log:', '  level: error', '  accesslog:', '    disabled: true',
    'storage:', '  filesystem:', `    rootdirectory: ${path.join(dir, 'storage')}`,
    'http:', `  addr: 127.0.0.1:${port}`, '',
  ].join('\n'));
  const child = spawn('docker-registry', ['serve', config], { stdio: 'ignore' });
  await waitFor('docker-registry', () => ping(port), child, 20_000);
  return {
    host: `127.0.0.1:${port}`,
    async stop() {
      await stopChild(child, 3_000);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** dockerd as the tests run it (vfs, private roots); null when it cannot run here. `{ docker(args), stop() }`. */
export async function startBenchDockerd() {
  if (process.getuid?.() !== 0 || !has('dockerd') || !has('docker')) return null;
  const root = await mkdtemp('/tmp/berth-bench-dk-');
  const socket = path.join(root, 'docker.sock');
  await mkdir(path.join(root, 'client'));
  await writeFile(path.join(root, 'daemon.json'), '{}\n');
  const child = spawn('dockerd', [
    '--config-file', path.join(root, 'daemon.json'), '--data-root', path.join(root, 'data'), '--exec-root', path.join(root, 'exec'),
    '--pidfile', path.join(root, 'dockerd.pid'), '-H', `unix://${socket}`, '--storage-driver', 'vfs',
    '--iptables=false', '--ip6tables=false', '--bridge=none', '--log-level', 'error',
  ], { stdio: 'ignore' });
  const env = { DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: path.join(root, 'client') };
  const docker = (args) => spawnSync('docker', args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  await waitFor('dockerd', async () => docker(['version', '--format', '{{.Server.Version}}']).status === 0, child, 60_000);
  return {
    env,
    docker,
    async stop() {
      await stopChild(child, 15_000);
      await rm(root, { recursive: true, force: true });
    },
  };
}
