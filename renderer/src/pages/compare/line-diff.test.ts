// Unified line diffs of previews: hunks with context, deletions before additions, line numbers on both sides.
import { describe, expect, it } from 'vitest';
import { lineDiff, type LineDiff } from './line-diff';

const show = (diff: LineDiff) => ('tooLarge' in diff ? 'too large' : diff.hunks.map((h) => h.lines.map((l) => `${l.kind}${l.text}`).join('\n')));

describe('lineDiff', () => {
  it('shows a changed line with three lines of context, in separate hunks when far apart', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const after = before.replace('line 2\n', 'line two\n').replace('line 18\n', 'line 18\nextra\n');
    expect(show(lineDiff(before, after))).toEqual([
      ' line 1\n-line 2\n+line two\n line 3\n line 4\n line 5',
      ' line 16\n line 17\n line 18\n+extra\n line 19\n line 20',
    ]);
    const first = lineDiff(before, after);
    expect('hunks' in first && first.hunks[1]!.lines[3]).toEqual({ kind: '+', text: 'extra', after: 19 });
  });

  it('handles empty sides, identical texts and a missing final newline', () => {
    expect(show(lineDiff('', 'a\nb\n'))).toEqual(['+a\n+b']);
    expect(show(lineDiff('a\n', 'a\n'))).toEqual([]);
    expect(show(lineDiff('x\ny', 'x\nz'))).toEqual([' x\n-y\n+z']);
  });

  it('refuses a middle too large to compare line by line', () => {
    const many = (tag: string) => Array.from({ length: 3000 }, (_, i) => `${tag}${i}`).join('\n');
    expect(lineDiff(many('a'), many('b'))).toEqual({ tooLarge: true });
  });
});
