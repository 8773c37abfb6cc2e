// Names, labels, messages and digests come from stores, tarballs and registries Berth does not control. Printed
// raw, an ESC or a C1 control could move the cursor, rewrite earlier lines or retitle the terminal, and a bidi
// override could make `good` read as `doog`. Every byte the CLI prints goes through here: such code points are
// written as Go's %q escapes them (\x1b, \r, \u202e), tabs and newlines pass. Only the progress line writes its
// own control sequences, through writeRaw.
import { goQuote } from '../../shared/template/quote.js';
import type { CliIo, Output } from './output.js';

// C0 controls but tab and newline, DEL, C1 controls, and the bidi marks, embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (ch) => goQuote(ch).slice(1, -1));
}

function safeOutput(output: Output): Output {
  return {
    write: (text) => output.write(terminalSafe(text)),
    writeRaw: (text) => (output.writeRaw ?? output.write).call(output, text),
  };
}

export function terminalSafeIo(io: CliIo): CliIo {
  return Object.create(io, {
    stdout: { value: safeOutput(io.stdout), enumerable: true },
    stderr: { value: safeOutput(io.stderr), enumerable: true },
  }) as CliIo;
}
