// A private Docker daemon for interop tests (BRIEF §11): vfs storage, its own data and exec root and
// socket, no networking. One daemon per test file: every startDockerd() in a file shares it and the
// last stop() ends it.
import { mkdtemp, mkdir, rm, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { requirePeer, isRoot } from './peers.mjs';
import { runProcess, startDaemon, waitUntil, type ProcessResult, type RunOptions } from './run-process.js';

export interface Dockerd {
  /** Spread into a child's environment: DOCKER_HOST (and a private DOCKER_CONFIG, so no user config leaks in). */
  env: { DOCKER_HOST: string; DOCKER_CONFIG: string };
  socketPath: string;
  /** Runs the docker CLI against this daemon. */
  docker(args: readonly string[], options?: RunOptions): Promise<ProcessResult>;
  /** Runs the docker CLI and returns its stdout; a non-zero exit throws with docker's stderr. */
  dockerOk(args: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

/** dockerd only runs as root here; tests use this to skip with a reason elsewhere. */
export const canStartDockerd = (): boolean => isRoot();

let shared: Promise<Omit<Dockerd, 'stop' | 'dockerOk'> & { shutdown(): Promise<void> }> | null = null;
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
  const running = daemon;
  const { docker } = running;
  return {
    env: running.env,
    socketPath: running.socketPath,
    docker,
    async dockerOk(args) {
      const result = await docker(args);
      if (result.code !== 0) throw new Error(`docker ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
      return result.stdout;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      users -= 1;
      if (users === 0 && shared) {
        shared = null;
        await running.shutdown();
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
  const daemon = startDaemon(
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
    logPath,
    { graceMs: 15_000, signalOnExit: 'SIGTERM' },
  );

  const env = { DOCKER_HOST: `unix://${socketPath}`, DOCKER_CONFIG: path.join(root, 'client') };
  const docker = (args: readonly string[], options: RunOptions = {}) =>
    runProcess(dockerPath, args, { ...options, env: { ...options.env, ...env } });

  const shutdown = async () => {
    await daemon.stop();
    await rm(root, { recursive: true, force: true }).catch(() => undefined);
  };

  try {
    await waitUntil('dockerd to answer `docker version`', async () => {
      if (daemon.exited) throw new Error('dockerd exited during startup');
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
