// Questions on the terminal for `berth login`, as docker/cli's command.PromptForInput and term.DisableEcho ask them:
// the question on stdout, the answer a line of stdin; a password read with the terminal in raw mode so nothing
// is echoed (backspace edits, Ctrl-C stops, Enter ends). Lines are read from one buffer, so a user name and a
// password typed (or piped) together are both found.
import type { Readable } from 'node:stream';
import { ExitError, type CliIo } from './output.js';

interface RawCapable {
  setRawMode?(raw: boolean): unknown;
}

export class LineReader {
  private buffer = '';
  private ended = false;
  private waiting: (() => void) | null = null;

  constructor(private readonly stream: Readable) {
    stream.setEncoding?.('utf8');
    stream.on('data', this.onData);
    stream.on('end', this.onEnd);
    stream.on('error', this.onEnd);
  }

  private readonly onData = (chunk: string | Buffer) => {
    this.buffer += chunk.toString();
    this.wake();
  };

  private readonly onEnd = () => {
    this.ended = true;
    this.wake();
  };

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }

  /**
   * The next line (without its end), or what is left at end of input; null when nothing is. `raw`: the terminal is
   * in raw mode, so this handles what the terminal would have: Enter as `\r`, backspace, Ctrl-C and Ctrl-D.
   */
  async line(raw = false): Promise<string | null> {
    this.stream.resume();
    for (;;) {
      if (raw) {
        let typed = '';
        for (let i = 0; i < this.buffer.length; i++) {
          const c = this.buffer[i]!;
          if (c === '\r' || c === '\n') {
            this.buffer = this.buffer.slice(i + 1);
            return typed;
          }
          if (c === '\u0003') throw new ExitError(130);
          if (c === '\u0004' && typed === '') {
            this.buffer = this.buffer.slice(i + 1);
            return null;
          }
          if (c === '\u007f' || c === '\b') typed = typed.slice(0, -1);
          else typed += c;
        }
      } else {
        const end = this.buffer.indexOf('\n');
        if (end >= 0) {
          const line = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 1);
          return line.endsWith('\r') ? line.slice(0, -1) : line;
        }
      }
      if (this.ended) {
        const rest = this.buffer;
        this.buffer = '';
        return rest === '' ? null : rest;
      }
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  /** Everything left on the input (`--password-stdin`). */
  async rest(): Promise<string> {
    this.stream.resume();
    while (!this.ended) await new Promise<void>((resolve) => (this.waiting = resolve));
    const rest = this.buffer;
    this.buffer = '';
    return rest;
  }

  close(): void {
    this.stream.off('data', this.onData);
    this.stream.off('end', this.onEnd);
    this.stream.off('error', this.onEnd);
    this.stream.pause();
  }
}

/** Asks `question` and reads the answer; with `secret`, the terminal does not echo it. */
export async function prompt(io: CliIo, lines: LineReader, question: string, secret = false): Promise<string | null> {
  io.stdout.write(question);
  const terminal = io.stdin as Readable & RawCapable;
  const raw = secret && io.stdinIsTTY && typeof terminal.setRawMode === 'function';
  if (raw) terminal.setRawMode!(true);
  try {
    return await lines.line(raw);
  } finally {
    if (raw) {
      terminal.setRawMode!(false);
      // Enter was not echoed either: end the prompt's line ourselves, as docker does.
      io.stdout.write('\n');
    }
  }
}
