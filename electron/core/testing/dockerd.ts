// A private Docker daemon for interop tests (BRIEF §11): vfs storage, its own data and exec root and
// socket, no networking. One daemon per test file: every startDockerd() in a file shares it and the
// last stop() ends it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile, readFile } from 'node:fs/promises';
import { openSync, closeSync } from 'node:fs';
import path from 'node:path';
import { requirePeer, isRoot } from './peers.js';
import { runProcess, waitUntil, type ProcessResult, type RunOptions } from './run-process.js';

export interface Dockerd {
  /** Spread into a child's environment: DOCKER_HOST (and a private DOCKER_CONFIG, so no user config leaks in). */
  env: { DOCKER_HOST: string; DOCKER_CONFIG: string };
  socketPath: string;
  /** Runs the docker CLI against this daemon. */
  docker(args: readonly string[], options?: RunOptions): Promise<ProcessResult>;
  stop(): Promise<void>;
}

/** dockerd only runs as root here; tests use this to skip with a reason elsewhere. */
export const canStartDockerd = (): boolean => isRoot();

let shared: Promise<Omit<Dockerd, 'stop'> & { shutdown(): Promise<void> }> | null = null;
let users = 0;

export async function startDockerd(): Promise<Dockerd> {
  users += 1;
  shared ??= launch();
  let daemon;
  try {
    daemon = await shared;
  } catch (error) {
    users -= 1;
    shared = null;
    throw error;
  }
  let stopped = false;
  return {
    env: daemon.env,
    socketPath: daemon.socketPath,
    docker: daemon.docker,
    async stop() {
      if (stopped) return;
      stopped = true;
      users -= 1;
      if (users === 0 && shared) {
        shared = null;
        await daemon.shutdown();
      }
    },
  };
}

async function launch() {
  if (!isRoot()) throw new Error('startDockerd needs root (dockerd with a private data root); run the tests as root');
  const dockerdPath = requirePeer('dockerd');
  const dockerPath = requirePeer('docker');
  // A unix socket path must stay under 108 bytes, so the root lives directly in /tmp.
  const root = await mkdtemp('/tmp/berth-dk-');
  const socketPath = path.join(root, 'docker.sock');
  const configFile = path.join(root, 'daemon.json');
  await writeFile(configFile, '{}\n');
  await mkdir(path.join(root, 'client'));
  const logPath = path.join(root, 'dockerd.log');
  const logFd = openSync(logPath, 'a');
  const child: ChildProcess = spawn(
    dockerdPath,
    [
      '--config-file', configFile,
      '--data-root', path.join(root, 'data'),
      '--exec-root', path.join(root, 'exec'),
      '--pidfile', path.join(root, 'dockerd.pid'),
      '-H', `unix://${socketPath}`,
      '--storage-driver', 'vfs',
      '--iptables=false',
      '--ip6tables=false',
      '--bridge=none',
      '--log-level', 'warn',
    ],
    { stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);

  const env = { DOCKER_HOST: `unix://${socketPath}`, DOCKER_CONFIG: path.join(root, 'client') };
  const docker = (args: readonly string[], options: RunOptions = {}) =>
    runProcess(dockerPath, args, { ...options, env: { ...options.env, ...env } });

  const shutdown = async () => {
    process.off('exit', killOnExit);
    if (!exited) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
    }
    await rm(root, { recursive: true, force: true }).catch(() => undefined);
  };

  try {
    await waitUntil('dockerd to answer `docker version`', async () => {
      if (exited) throw new Error('dockerd exited during startup');
      const result = await docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 10_000 });
      return result.code === 0;
    }, 60_000);
  } catch (error) {
    const log = await readFile(logPath, 'utf8').catch(() => '');
    await shutdown();
    throw new Error(`${(error as Error).message}\n--- dockerd log ---\n${log.slice(-2000)}`, { cause: error });
  }
  return { env, socketPath, docker, shutdown };
}
