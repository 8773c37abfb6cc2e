// Entry point of the `berth` command (bundled to dist/cli/berth.js, started by bin/berth.js).
import { isatty } from 'node:tty';
import { runCli } from './cli.js';
import type { CliIo } from './output.js';

const io: CliIo = {
  stdout: { write: (text) => void process.stdout.write(text) },
  stderr: { write: (text) => void process.stderr.write(text) },
  // Lazy: touching process.stdin opens it, which a command that never reads it should not do.
  get stdin() {
    return process.stdin;
  },
  // isatty, not process.stdin.isTTY: the getter opens stdin (tens of milliseconds of every command's start).
  stdinIsTTY: isatty(0),
  binaryStdout: process.stdout,
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  columns: process.stderr.columns ?? 0,
  env: process.env,
  now: () => Date.now(),
  untilSignal: () =>
    new Promise((resolve) => {
      const onSignal = (signal: NodeJS.Signals): void => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve(signal);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }),
};

// Writing to a closed pipe (`berth images | head -1`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await runCli(process.argv.slice(2), io);
