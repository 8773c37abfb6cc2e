// Prints the figures as one aligned table: what was measured, Berth's figure, the reference, the ratio
// and the requirement with its verdict.
export function printTable(rows) {
  const header = ['Figure', 'Berth', 'Reference', 'Ratio', 'Requirement', 'Result'];
  const cells = rows.map((row) => [row.figure, row.berth, row.reference ?? '-', row.ratio ?? '-', row.requirement ?? '-', row.pass === undefined ? '-' : row.pass ? 'PASS' : 'FAIL']);
  const widths = header.map((_, column) => Math.max(header[column].length, ...cells.map((cell) => cell[column].length)));
  const line = (cell) => cell.map((text, column) => text.padEnd(widths[column])).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const cell of cells) console.log(line(cell));
}

export const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const rate = (bytes, seconds) => `${(bytes / 1024 / 1024 / seconds).toFixed(0)} MiB/s`;
export const secs = (seconds) => (seconds < 10 ? `${seconds.toFixed(3)} s` : `${seconds.toFixed(1)} s`);
export const times = (ratio) => `${ratio.toFixed(2)}x`;
