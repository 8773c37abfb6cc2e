// Go's path.Match, which docker's `reference=` filter uses (reference.FamiliarMatch): `*` and `?` never cross a
// `/`, `[...]` classes with ranges and `^` negation, `\` escapes. Matched the way Go does it — chunk by chunk, a
// star trying each later position for the chunk after it without going back to earlier stars — so a pattern
// costs at most (pattern length × name length) steps, never the exponential backtracking a RegExp can take on
// `*a*a*a*a*a*a*b` (that once froze `berth serve` for 41 s).
// Browser-safe: the CLI's list filters and the renderer's filter box share it.
import { BerthError } from './errors.js';

const badPattern = (pattern: string, why: string) => new BerthError('INVALID_ARGUMENT', `syntax error in pattern "${pattern}": ${why}`);

interface Chunk {
  star: boolean;
  /** The literal/class/`?` run after the star(s), as code points. */
  body: string[];
}

/** Splits a pattern into chunks: leading stars, then everything up to the next star outside a class. */
function chunksOf(pattern: string): Chunk[] {
  const chars = [...pattern];
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < chars.length) {
    let star = false;
    while (chars[i] === '*') {
      star = true;
      i++;
    }
    const body: string[] = [];
    let inClass = false;
    for (; i < chars.length; i++) {
      const ch = chars[i]!;
      if (ch === '\\' && i + 1 < chars.length) {
        body.push(ch, chars[++i]!);
        continue;
      }
      if (ch === '[') inClass = true;
      else if (ch === ']') inClass = false;
      else if (ch === '*' && !inClass) break;
      body.push(ch);
    }
    chunks.push({ star, body });
  }
  return chunks;
}

/**
 * Matches `body` against the start of `name` (code points from `at`); returns where the match ends, or -1.
 * Throws on a malformed class or escape, wherever it is (Go reports ErrBadPattern even after a mismatch).
 */
function matchChunk(pattern: string, body: readonly string[], name: readonly string[], at: number): number {
  let failed = false;
  let n = at;
  for (let i = 0; i < body.length; ) {
    const ch = body[i]!;
    const c = n < name.length ? name[n]! : undefined;
    if (ch === '[') {
      i++;
      let negated = false;
      if (body[i] === '^') {
        negated = true;
        i++;
      }
      let matched = false;
      let ranges = 0;
      for (;;) {
        if (i < body.length && body[i] === ']' && ranges > 0) {
          i++;
          break;
        }
        const lo = classChar(pattern, body, i);
        i = lo.next;
        let hi = lo.char;
        if (body[i] === '-') {
          const upper = classChar(pattern, body, i + 1);
          hi = upper.char;
          i = upper.next;
        }
        if (c !== undefined && lo.char <= c && c <= hi) matched = true;
        ranges++;
      }
      if (c === undefined || matched === negated) failed = true;
      n++;
    } else if (ch === '?') {
      if (c === undefined || c === '/') failed = true;
      n++;
      i++;
    } else {
      let literal = ch;
      if (ch === '\\') {
        if (i + 1 >= body.length) throw badPattern(pattern, 'trailing backslash');
        literal = body[++i]!;
      }
      if (c !== literal) failed = true;
      n++;
      i++;
    }
  }
  return failed ? -1 : n;
}

function classChar(pattern: string, body: readonly string[], i: number): { char: string; next: number } {
  const ch = body[i];
  if (ch === undefined || ch === '-' || ch === ']') throw badPattern(pattern, 'malformed character class');
  if (ch === '\\') {
    const escaped = body[i + 1];
    if (escaped === undefined) throw badPattern(pattern, 'trailing backslash in a character class');
    return { char: escaped, next: i + 2 };
  }
  return { char: ch, next: i + 1 };
}

/** A compiled pattern: validated once, then matched against many names. */
export function compilePathPattern(pattern: string): (name: string) => boolean {
  const chunks = chunksOf(pattern);
  // Validate every chunk up front, so a bad pattern fails even when no name would reach its bad part.
  for (const chunk of chunks) matchChunk(pattern, chunk.body, [], 0);
  return (input) => {
    const name = [...input];
    let at = 0;
    for (const [index, chunk] of chunks.entries()) {
      const last = index === chunks.length - 1;
      if (chunk.star && chunk.body.length === 0) return !name.slice(at).includes('/');
      const direct = matchChunk(pattern, chunk.body, name, at);
      // Without a star the chunk must match here; a final chunk must also end the name.
      if (direct >= 0 && (!last || direct === name.length)) {
        at = direct;
        continue;
      }
      if (!chunk.star) return false;
      // The star takes 1, 2, … characters (never a '/'), and the chunk after it takes the first place it fits.
      let found = -1;
      for (let i = at; i < name.length && name[i] !== '/'; i++) {
        const end = matchChunk(pattern, chunk.body, name, i + 1);
        if (end >= 0 && (!last || end === name.length)) {
          found = end;
          break;
        }
      }
      if (found < 0) return false;
      at = found;
    }
    return at === name.length;
  };
}

export function pathMatch(pattern: string, name: string): boolean {
  return compilePathPattern(pattern)(name);
}
