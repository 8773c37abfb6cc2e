// A CliIo that keeps what a command prints, for tests that run `runCli` in-process.
import type { Readable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { runCli, type ServiceFactory } from '../cli.js';
import type { CliIo } from '../output.js';

export interface CapturedIo {
  io: CliIo;
  stdout(): string;
  stderr(): string;
}

export function captureIo(options: { now?: () => number; columns?: number; stdin?: Readable; stdinIsTTY?: boolean; stderrIsTTY?: boolean; stdoutIsTTY?: boolean; env?: NodeJS.ProcessEnv } = {}): CapturedIo {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t) => void (stdout += t) },
    stderr: { write: (t) => void (stderr += t) },
    stdin: options.stdin ?? new PassThrough(),
    stdinIsTTY: options.stdinIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    columns: options.columns ?? 80,
    env: options.env ?? {},
    now: options.now ?? (() => Date.now()),
    untilSignal: () => new Promise(() => undefined),
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

/** Runs `berth argv` in-process; the exit status and what it printed. */
export async function runCaptured(
  argv: readonly string[],
  options: Parameters<typeof captureIo>[0] & { service?: ServiceFactory } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const captured = captureIo(options);
  const code = await runCli(argv, captured.io, ...(options.service ? [options.service] : []));
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}
