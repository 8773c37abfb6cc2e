// The line reader behind `berth login`'s questions: lines split however the bytes arrive, and what a terminal in
// raw mode sends for the unechoed password (Enter as \r, backspace, Ctrl-C, Ctrl-D).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ExitError } from './output.js';
import { LineReader } from './prompt.js';

function reader(...chunks: string[]): { lines: LineReader; input: PassThrough } {
  const input = new PassThrough();
  const lines = new LineReader(input);
  for (const chunk of chunks) input.write(chunk);
  return { lines, input };
}

describe('LineReader', () => {
  it('reads lines split across chunks, CRLF or LF, and what is left at the end', async () => {
    const { lines, input } = reader('al', 'ice\r\nsec', 'ret\nlast');
    expect(await lines.line()).toBe('alice');
    expect(await lines.line()).toBe('secret');
    const pending = lines.line();
    input.end();
    expect(await pending).toBe('last');
    expect(await lines.line()).toBeNull();
  });

  it('in raw mode ends at \\r, edits with backspace, and keeps what follows for the next question', async () => {
    const { lines } = reader('pa', 'sx\u007fs\rnext\n');
    expect(await lines.line(true)).toBe('pass');
    expect(await lines.line()).toBe('next');
  });

  it('in raw mode stops on Ctrl-C (exit 130) and reads Ctrl-D on an empty line as the end', async () => {
    await expect(reader('abc\u0003').lines.line(true)).rejects.toEqual(new ExitError(130));
    expect(await reader('\u0004').lines.line(true)).toBeNull();
  });

  it('reads the rest of the input whole (--password-stdin)', async () => {
    const { lines, input } = reader('pass', 'word\n');
    input.end();
    expect(await lines.rest()).toBe('password\n');
  });
});
