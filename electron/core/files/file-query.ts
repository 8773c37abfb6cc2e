// How a search box's text matches a path, as a user of `find` or a file manager expects: text without glob
// characters matches anywhere in the path (case-insensitive); a glob (`*`, `?`, `[...]`, `**`) matches the whole
// name when it has no slash (`*.so`), or the whole absolute path when it has one (`/usr/**/*.py`), as gitignore does.

export type PathMatcher = (absolutePath: string, name: string) => boolean;

export function fileQueryMatcher(pattern: string): PathMatcher {
  const text = pattern.trim();
  if (!/[*?[]/.test(text)) {
    const needle = text.toLowerCase();
    return (absolutePath) => absolutePath.toLowerCase().includes(needle);
  }
  const glob = compileGlob(text.includes('/') ? (text.startsWith('/') ? text : `/**/${text}`) : text);
  return text.includes('/') ? (absolutePath) => globMatches(glob, absolutePath) : (_path, name) => globMatches(glob, name);
}

// A glob runs as a set of positions in the pattern moved forward one character at a time (Thompson's NFA), never
// as a backtracking RegExp: `*a*a*a*a*a*a*a*a*b` against a long name of `a`s backtracks exponentially, and the
// pattern comes from a search box (and the names from a hostile image). Time is names x pattern, whatever both are.
type Token =
  | { kind: 'char'; char: string }
  | { kind: 'one' } // `?`: one character but `/`
  | { kind: 'class'; test: RegExp } // `[...]`: one character, a single-character RegExp (nothing to backtrack)
  | { kind: 'star' } // `*`: a run without `/`
  | { kind: 'globstar' } // a trailing or inner `**`: any run
  | { kind: 'dirs' }; // `**/`: whole folders or none, i.e. nothing or a run ending in `/`

function compileGlob(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        tokens.push({ kind: slashAfter ? 'dirs' : 'globstar' });
        i += slashAfter ? 2 : 1;
      } else if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' }); // `***`… is one `*`
    } else if (c === '?') tokens.push({ kind: 'one' });
    else if (c === '[' && classAt(glob, i)) {
      const end = glob.indexOf(']', i + 2);
      tokens.push({ kind: 'class', test: classAt(glob, i)! });
      i = end;
    } else tokens.push({ kind: 'char', char: c.toLowerCase() });
  }
  return tokens;
}

/** The `[...]` at `at` as a one-character test; null when there is no `]` or the class is no class (`[z-a]`). */
function classAt(glob: string, at: number): RegExp | null {
  const end = glob.indexOf(']', at + 2);
  if (end === -1) return null;
  const body = glob.slice(at + 1, end).replace(/\\/g, '\\\\');
  try {
    return new RegExp(`^[${body.startsWith('!') ? `^${body.slice(1)}` : body}]$`, 'i');
  } catch {
    return null;
  }
}

function globMatches(tokens: readonly Token[], input: string): boolean {
  const end = tokens.length;
  // States 0..end: before token i (end: matched); end+1+i: inside a folder name of the `**/` at i. Kept as a list
  // (the live states only) with a stamp per state against duplicates.
  const seen = new Uint32Array(2 * end + 1);
  let stamp = 1;
  let current: number[] = [];
  let next: number[] = [];
  const add = (list: number[], state: number) => {
    // Zero-width steps: a star, globstar or `**/` may match nothing.
    while (seen[state] !== stamp) {
      seen[state] = stamp;
      list.push(state);
      const kind = state < end ? tokens[state]!.kind : undefined;
      if (kind !== 'star' && kind !== 'globstar' && kind !== 'dirs') return;
      state++;
    }
  };
  add(current, 0);
  for (const c of input.toLowerCase()) {
    stamp++;
    next.length = 0;
    for (const state of current) {
      if (state > end) {
        // Inside a `**/` folder name: `/` ends the folder (back before the token), anything else stays inside.
        add(next, c === '/' ? state - end - 1 : state);
        continue;
      }
      const token = tokens[state];
      if (!token) continue;
      if (token.kind === 'char' ? token.char === c : token.kind === 'one' ? c !== '/' : token.kind === 'class' ? token.test.test(c) : false) add(next, state + 1);
      else if ((token.kind === 'star' && c !== '/') || token.kind === 'globstar') add(next, state);
      else if (token.kind === 'dirs') add(next, c === '/' ? state : end + 1 + state);
    }
    if (next.length === 0) return false;
    [current, next] = [next, current];
  }
  return current.includes(end);
}
