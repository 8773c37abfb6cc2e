// What a command may touch of the outside world, and how failures reach the user: `Error: <message>` on
// stderr and exit status 1, usage mistakes as docker prints them (exit 125), never a stack trace.
import type { Writable, Readable } from 'node:stream';
import { toErrorPayload } from '../../shared/errors.js';
import { UsageError } from './args.js';

export interface Output {
  /** Text for the user: terminal controls in it are escaped (terminal-safe.ts). */
  write(text: string): void;
  /** Our own control sequences (the progress line's carriage return and erase), written as they are. */
  writeRaw?(text: string): void;
}

export interface CliIo {
  stdout: Output;
  stderr: Output;
  stdin: Readable;
  stdinIsTTY: boolean;
  stderrIsTTY: boolean;
  /** stdout as a byte stream (`berth save` without -o); absent where only text can be written. */
  binaryStdout?: Writable;
  /** Standard output is a terminal (docker redraws a pull's layer lines in place only then). */
  stdoutIsTTY?: boolean;
  /** Width of the terminal on stderr (progress bars), 0 when unknown. */
  columns: number;
  env: NodeJS.ProcessEnv;
  now(): number;
  /** Resolves on SIGINT/SIGTERM (long-running commands such as `serve`). */
  untilSignal(): Promise<string>;
}

/** A failure whose message is already complete (no `Error: ` prefix added) and its exit status. */
export class ExitError extends Error {
  constructor(readonly exitCode: number, message = '') {
    super(message);
    this.name = 'ExitError';
  }
}

/** What a command prints for a thrown error, and the exit status to use. */
export function describeFailure(err: unknown, usage?: { line: string; path: string }): { text: string; exitCode: number } {
  if (err instanceof UsageError) {
    const hint = usage ? `\n\nUsage:  ${usage.line}\n\nRun '${usage.path} --help' for more information` : '';
    return { text: err.message + hint + '\n', exitCode: 125 };
  }
  if (err instanceof ExitError) return { text: err.message ? err.message + '\n' : '', exitCode: err.exitCode };
  return { text: `Error: ${errorMessage(err)}\n`, exitCode: 1 };
}

export function errorMessage(err: unknown): string {
  return toErrorPayload(err).message;
}
