import { describe, expect, it } from 'vitest';
import { alignColumns, displayWidth } from './tabwriter.js';

describe('alignColumns (Go tabwriter, minwidth 10, padding 3)', () => {
  it('pads columns to the widest cell plus 3, at least 10, and leaves the last cell alone', () => {
    const text = 'REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\nbusybox\tlatest\t0123456789ab\t2 weeks ago\t4.26MB\n';
    expect(alignColumns(text)).toBe(
      'REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\n' +
        'busybox      latest    0123456789ab   2 weeks ago   4.26MB\n',
    );
  });

  it('keeps columns contiguous: a line without the cell ends the block', () => {
    // Go's own example: the b and c cells are in different columns.
    const text = 'aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n';
    expect(alignColumns(text, { minWidth: 0, padding: 1 })).toBe('aaaa bbb d\naa   b   dd\na    \naa   cccc eee\n');
  });

  it('counts wide characters twice', () => {
    expect(displayWidth('日本')).toBe(4);
    expect(alignColumns('日本\tx\nab\ty\n', { minWidth: 0, padding: 1 })).toBe('日本 x\nab   y\n');
  });
});
