import { describe, expect, it } from 'vitest';
import { jsonLines } from './json-lines';
import { findMatches, linePieces, matchCount, splitLead, stepMatch } from './json-search';

describe('findMatches', () => {
  it('finds every case-insensitive match with its line and offsets', () => {
    const lines = ['    "Env": [', '        "PATH=/usr/bin",', '        "ENV=env"'];
    expect(findMatches(lines, 'env')).toEqual([
      { line: 0, start: 5, end: 8 },
      { line: 2, start: 9, end: 12 },
      { line: 2, start: 13, end: 16 },
    ]);
  });

  it('treats the query as text, not a pattern, and finds nothing for an empty query', () => {
    expect(findMatches(['a.b axb (x)'], '.')).toEqual([{ line: 0, start: 1, end: 2 }]);
    expect(findMatches(['(x) [y]'], '(x)')).toEqual([{ line: 0, start: 0, end: 3 }]);
    expect(findMatches(['anything'], '')).toEqual([]);
    expect(findMatches(['nothing here'], 'zzz')).toEqual([]);
  });

  it('does not overlap matches', () => {
    expect(findMatches(['aaaa'], 'aa')).toEqual([
      { line: 0, start: 0, end: 2 },
      { line: 0, start: 2, end: 4 },
    ]);
  });
});

describe('stepMatch', () => {
  it('moves forward and back, wrapping at both ends', () => {
    expect(stepMatch(0, 3, 1)).toBe(1);
    expect(stepMatch(2, 3, 1)).toBe(0);
    expect(stepMatch(0, 3, -1)).toBe(2);
    expect(stepMatch(1, 3, -1)).toBe(0);
  });

  it('starts at the first (or, going back, the last) match when none is current, and has none to give when empty', () => {
    expect(stepMatch(-1, 3, 1)).toBe(0);
    expect(stepMatch(-1, 3, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });

  it('counts as "n of m"', () => {
    expect(matchCount(1, 12, 'x')).toBe('2 of 12');
    expect(matchCount(-1, 0, 'x')).toBe('No matches');
    expect(matchCount(-1, 0, '')).toBe('');
  });
});

describe('linePieces', () => {
  it('cuts tokens where matches start and end, keeping each piece its colour and its match', () => {
    const line = jsonLines({ Env: 'on' })[1]!; // `    "Env": "on"`
    const matches = findMatches(['    "Env": "on"'], 'v": "o');
    const pieces = linePieces(line, matches.map((match, index) => [index, match] as const));
    expect(pieces).toEqual([
      { text: '    ', kind: 'indent' },
      { text: '"En', kind: 'key' },
      { text: 'v"', kind: 'key', match: 0 },
      { text: ': ', kind: 'punct', match: 0 },
      { text: '"o', kind: 'string', match: 0 },
      { text: 'n"', kind: 'string' },
    ]);
    expect(pieces.map((piece) => piece.text).join('')).toBe('    "Env": "on"');
  });

  it('leaves a line without matches whole', () => {
    const line = jsonLines({ a: 1 })[1]!;
    expect(linePieces(line, [])).toEqual([
      { text: '    ', kind: 'indent' },
      { text: '"a"', kind: 'key' },
      { text: ': ', kind: 'punct' },
      { text: '1', kind: 'number' },
    ]);
  });

  it('keeps two matches in one token apart', () => {
    const line = jsonLines(['abab'])[1]!; // `    "abab"`
    const pieces = linePieces(line, findMatches(['    "abab"'], 'ab').map((match, index) => [index + 4, match] as const));
    expect(pieces.filter((piece) => piece.match !== undefined)).toEqual([
      { text: 'ab', kind: 'string', match: 4 },
      { text: 'ab', kind: 'string', match: 5 },
    ]);
  });
});

describe('splitLead', () => {
  it('keeps the indentation with the first character, so a long value cannot wrap away from its indentation', () => {
    const line = jsonLines(['sha256:abc'])[1]!; // `    "sha256:abc"`
    const [lead, rest] = splitLead(linePieces(line, []));
    expect(lead).toEqual([
      { text: '    ', kind: 'indent' },
      { text: '"', kind: 'string' },
    ]);
    expect(rest).toEqual([{ text: 'sha256:abc"', kind: 'string' }]);
  });

  it('keeps a match on both sides of the cut, and handles a line without indentation', () => {
    const line = jsonLines(['ab'])[1]!;
    const [lead, rest] = splitLead(linePieces(line, findMatches(['    "ab"'], '"a').map((match, index) => [index, match] as const)));
    expect(lead[1]).toEqual({ text: '"', kind: 'string', match: 0 });
    expect(rest[0]).toEqual({ text: 'a', kind: 'string', match: 0 });
    const [rootLead, rootRest] = splitLead(linePieces(jsonLines([1])[0]!, []));
    expect(rootLead).toEqual([{ text: '[', kind: 'punct' }]);
    expect(rootRest).toEqual([]);
  });
});
