// Find-in-JSON: case-insensitive matches over the printed lines, stepping with wrap-around as a browser's find does,
// and the cut of a line's coloured tokens into pieces so each match can be marked without losing its colour.
import { INDENT, type JsonLine, type TokenKind } from './json-lines';

export interface Match {
  line: number;
  start: number;
  end: number;
}

export function findMatches(lines: readonly string[], query: string): Match[] {
  if (query === '') return [];
  // A regular expression rather than toLowerCase(): lower-casing can change a string's length, and so the offsets.
  const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  const matches: Match[] = [];
  lines.forEach((text, line) => {
    for (const found of text.matchAll(pattern)) matches.push({ line, start: found.index, end: found.index + found[0].length });
  });
  return matches;
}

/** The match `delta` steps from `current`, wrapping at both ends; -1 when there are none. */
export function stepMatch(current: number, count: number, delta: number): number {
  if (count === 0) return -1;
  if (current < 0) return delta < 0 ? count - 1 : 0;
  return (((current + delta) % count) + count) % count;
}

/** "3 of 12", or why there is no count. */
export function matchCount(current: number, count: number, query: string): string {
  if (query === '') return '';
  if (count === 0) return 'No matches';
  return `${current + 1} of ${count}`;
}

export interface Piece {
  text: string;
  kind: TokenKind | 'indent';
  /** The index of the match this piece belongs to, in the document's list of matches. */
  match?: number;
}

/**
 * One line's text as pieces: the indentation, then its tokens, each cut where a match starts or ends. `matches` are
 * this line's matches as [index in the document's list, match].
 */
export function linePieces(line: JsonLine, matches: ReadonlyArray<readonly [number, Match]>): Piece[] {
  const whole: Piece[] = [];
  if (line.depth > 0) whole.push({ text: ' '.repeat(line.depth * INDENT), kind: 'indent' });
  for (const token of line.tokens) whole.push({ text: token.text, kind: token.kind });
  if (matches.length === 0) return whole;

  const pieces: Piece[] = [];
  let offset = 0;
  for (const piece of whole) {
    const end = offset + piece.text.length;
    let at = offset;
    while (at < end) {
      const inside = matches.find(([, match]) => match.start <= at && at < match.end);
      const next = inside
        ? Math.min(end, inside[1].end)
        : Math.min(end, ...matches.map(([, match]) => match.start).filter((start) => start > at));
      const cut: Piece = { text: piece.text.slice(at - offset, next - offset), kind: piece.kind };
      if (inside) cut.match = inside[0];
      pieces.push(cut);
      at = next;
    }
    offset = end;
  }
  return pieces;
}

/**
 * The pieces that must not wrap apart: the indentation and the first character after it. Without this, a long
 * string wraps after its indentation and leaves a line of spaces above it. Returns [lead, rest].
 */
export function splitLead(pieces: Piece[]): [Piece[], Piece[]] {
  const start = pieces[0]?.kind === 'indent' ? 1 : 0;
  const first = pieces[start];
  if (!first) return [pieces.slice(), []];
  const head: Piece = { ...first, text: first.text.slice(0, 1) };
  const tail: Piece[] = first.text.length > 1 ? [{ ...first, text: first.text.slice(1) }] : [];
  return [[...pieces.slice(0, start), head], [...tail, ...pieces.slice(start + 1)]];
}
