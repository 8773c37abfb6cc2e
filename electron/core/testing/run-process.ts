// Runs a peer program (skopeo, docker, umoci, …) for a test and collects its output. Tests read the
// result instead of catching exceptions so a failure message can show the peer's stderr.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to stdin, then stdin is closed. Without it stdin is closed at once (nothing may prompt). */
  input?: string | Buffer | NodeJS.ReadableStream;
  timeoutMs?: number;
}

export function runProcess(command: string, args: readonly string[], options: RunOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env },
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
    child.stdin.on('error', () => {
      // the child may exit without reading its input; that is its answer, not ours to report
    });
    const input = options.input;
    if (input === undefined) child.stdin.end();
    else if (typeof input === 'string' || Buffer.isBuffer(input)) child.stdin.end(input);
    else input.pipe(child.stdin);
  });
}

/** Runs and insists on exit status 0, failing with the command line and its stderr otherwise. */
export async function runOk(command: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  const result = await runProcess(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.code ?? result.signal}:\n${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

/** Polls `check` until it returns true or the deadline passes. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, describeFailure?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describeFailure ? `\n${describeFailure()}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Daemon {
  /** Whether the process has exited (during startup, this means it failed). */
  readonly exited: boolean;
  /** SIGTERM, then SIGKILL after the grace period; resolves once the process is gone. */
  stop(): Promise<void>;
}

/**
 * Starts a long-running peer (dockerd, docker-registry) with stdout and stderr appended to `logPath`. If the
 * test process exits first, the peer gets `signalOnExit` so no daemon outlives its test run.
 */
export function startDaemon(
  command: string,
  args: readonly string[],
  logPath: string,
  options: { graceMs: number; signalOnExit: NodeJS.Signals },
): Daemon {
  const logFd = openSync(logPath, 'a');
  const child = spawn(command, args, { stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const killOnExit = () => child.kill(options.signalOnExit);
  process.on('exit', killOnExit);
  return {
    get exited() {
      return exited;
    },
    async stop() {
      process.off('exit', killOnExit);
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), options.graceMs);
      await gone;
      clearTimeout(timer);
    },
  };
}
