// Go's text/tabwriter (as docker/cli vendors it) with the settings docker's tables use:
// tabwriter.NewWriter(out, minwidth 10, tabwidth 1, padding 3, ' ', 0). Cells are tab-terminated; a column
// is a run of consecutive lines that have a cell in it; text after the last tab of a line is not aligned.

export interface TabwriterOptions {
  minWidth: number;
  padding: number;
}

export const DOCKER_TABLE: TabwriterOptions = { minWidth: 10, padding: 3 };

export function alignColumns(text: string, options: TabwriterOptions = DOCKER_TABLE): string {
  const lines = text.split('\n').map((line) => line.split('\t'));
  const out: string[] = new Array<string>(lines.length);
  formatBlock(lines, 0, lines.length, [], options, out);
  return out.join('\n');
}

/** Mirrors tabwriter.format: finds column blocks left to right and recurses into each. */
function formatBlock(
  lines: string[][],
  line0: number,
  line1: number,
  widths: number[],
  options: TabwriterOptions,
  out: string[],
): void {
  const column = widths.length;
  let start = line0;
  for (let current = line0; current < line1; current++) {
    if (column >= lines[current]!.length - 1) continue;
    writeLines(lines, start, current, widths, out);
    start = current;
    let width = options.minWidth;
    for (; current < line1; current++) {
      const cells = lines[current]!;
      if (column >= cells.length - 1) break;
      width = Math.max(width, displayWidth(cells[column]!) + options.padding);
    }
    formatBlock(lines, start, current, [...widths, width], options, out);
    start = current;
    current--; // the outer loop's increment must revisit the line that ended the block
  }
  writeLines(lines, start, line1, widths, out);
}

function writeLines(lines: string[][], line0: number, line1: number, widths: number[], out: string[]): void {
  for (let i = line0; i < line1; i++) {
    const cells = lines[i]!;
    let text = '';
    for (let j = 0; j < cells.length; j++) {
      const cell = cells[j]!;
      text += cell;
      if (j < widths.length && j < cells.length - 1) text += ' '.repeat(Math.max(0, widths[j]! - displayWidth(cell)));
    }
    out[i] = text;
  }
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Terminal columns a cell takes: code points, wide East Asian characters counting two (go-runewidth). */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0x300 && code < 0x370)) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
