// The Dockerfile lexing that `--change` instructions go through, after buildkit's parser and shell lexer
// (frontend/dockerfile/parser: parseWords, extractBuilderFlags, parseJSON; frontend/dockerfile/shell: ProcessWord)
// and Go's time.ParseDuration. Errors carry moby's wording; changes.ts turns them into BerthErrors.

export class ChangeSyntaxError extends Error {}

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/u.test(ch);

/** Splits on whitespace outside quotes, keeping quotes and escapes in the words (buildkit's parseWords). */
export function parseWords(rest: string, escape = '\\'): string[] {
  const chars = Array.from(rest);
  const words: string[] = [];
  let word = '';
  let blankOk = false;
  let quote = '';
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  const flush = () => {
    if (blankOk || word.length > 0) words.push(word);
    word = '';
    blankOk = false;
  };
  for (let i = 0; i < chars.length; i++) {
    let ch = chars[i] as string;
    if (phase === 'spaces') {
      if (isSpace(ch)) continue;
      phase = 'word';
    }
    if (phase === 'word') {
      if (isSpace(ch)) {
        phase = 'spaces';
        flush();
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOk = true;
        phase = 'quote';
      }
      if (ch === escape) {
        if (i + 1 === chars.length) continue;
        word += ch;
        ch = chars[++i] as string;
      }
      word += ch;
      continue;
    }
    if (ch === quote) phase = 'word';
    if (ch === escape && quote !== "'") {
      if (i + 1 === chars.length) {
        phase = 'word';
        continue;
      }
      word += ch;
      ch = chars[++i] as string;
    }
    word += ch;
  }
  if (phase !== 'spaces') flush();
  return words;
}

/** Leading `--name[=value]` words (buildkit's extractBuilderFlags): returns the flags and the rest of the line. */
export function extractFlags(line: string): { flags: string[]; rest: string } {
  const flags: string[] = [];
  let word = '';
  let blankOk = false;
  let quote = '';
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  for (let pos = 0; pos <= line.length; pos++) {
    let ch = line[pos] ?? '';
    if (phase === 'spaces') {
      if (pos === line.length) break;
      if (isSpace(ch)) continue;
      if (ch !== '-' || line[pos + 1] !== '-') return { flags, rest: line.slice(pos) };
      phase = 'word';
    }
    if (pos === line.length) {
      if (word !== '--' && (blankOk || word.length > 0)) flags.push(word);
      break;
    }
    if (phase === 'word') {
      if (isSpace(ch)) {
        phase = 'spaces';
        if (word === '--') return { flags, rest: line.slice(pos) };
        if (blankOk || word.length > 0) flags.push(word);
        word = '';
        blankOk = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOk = true;
        phase = 'quote';
        continue;
      }
      if (ch === '\\') {
        if (pos + 1 === line.length) continue;
        ch = line[++pos] ?? '';
      }
      word += ch;
      continue;
    }
    if (ch === quote) {
      phase = 'word';
      continue;
    }
    if (ch === '\\') {
      if (pos + 1 === line.length) {
        phase = 'word';
        continue;
      }
      ch = line[++pos] ?? '';
    }
    word += ch;
  }
  return { flags, rest: '' };
}

/**
 * A JSON array of strings at the start of `rest` (Go's json.Decoder reads one value and ignores what follows).
 * Returns null when `rest` is not JSON; throws when it is JSON but not all strings.
 */
export function parseJsonArray(rest: string): string[] | null {
  const text = rest.trimStart();
  if (!text.startsWith('[')) return null;
  const end = endOfJsonArray(text);
  if (end === -1) return null;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(0, end));
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  if (!value.every((item) => typeof item === 'string')) {
    throw new ChangeSyntaxError('when using JSON array syntax, arrays must be comprised of strings only');
  }
  return value as string[];
}

function endOfJsonArray(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Shell-style word processing: quote removal, escapes, `$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR:+word}`. */
export function processWord(word: string, env: readonly string[], escape = '\\'): string {
  const lexer = new WordLexer(Array.from(word), env, escape);
  try {
    return lexer.run('');
  } catch (err) {
    if (err instanceof ChangeSyntaxError) throw new ChangeSyntaxError(`failed to process ${JSON.stringify(word)}: ${err.message}`);
    throw err;
  }
}

class WordLexer {
  private pos = 0;
  constructor(
    private readonly chars: string[],
    private readonly env: readonly string[],
    private readonly escape: string,
  ) {}

  private peek(): string | undefined {
    return this.chars[this.pos];
  }

  private next(): string | undefined {
    return this.chars[this.pos++];
  }

  run(stop: string): string {
    let result = '';
    while (this.peek() !== undefined) {
      const ch = this.peek() as string;
      if (stop && ch === stop) {
        this.next();
        return result;
      }
      if (ch === "'") result += this.singleQuoted();
      else if (ch === '"') result += this.doubleQuoted();
      else if (ch === '$') result += this.dollar();
      else {
        let c = this.next() as string;
        if (c === this.escape) {
          const escaped = this.next();
          if (escaped === undefined) break;
          c = escaped;
        }
        result += c;
      }
    }
    if (stop) throw new ChangeSyntaxError(`unexpected end of statement while looking for matching ${stop}`);
    return result;
  }

  private singleQuoted(): string {
    this.next();
    let result = '';
    for (;;) {
      const ch = this.next();
      if (ch === undefined) throw new ChangeSyntaxError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") return result;
      result += ch;
    }
  }

  private doubleQuoted(): string {
    this.next();
    let result = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new ChangeSyntaxError('unexpected end of statement while looking for matching double-quote');
      if (ch === '"') {
        this.next();
        return result;
      }
      if (ch === '$') {
        result += this.dollar();
        continue;
      }
      let c = this.next() as string;
      if (c === this.escape) {
        const following = this.peek();
        if (following === undefined) continue;
        if (following === '"' || following === '$' || following === this.escape) c = this.next() as string;
      }
      result += c;
    }
  }

  private dollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.name();
      return name === '' ? '$' : this.lookup(name);
    }
    this.next();
    const first = this.peek();
    if (first === undefined) throw new ChangeSyntaxError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new ChangeSyntaxError('syntax error: bad substitution');
    const name = this.name();
    const ch = this.next();
    if (ch === '}') return this.lookup(name);
    if (ch === ':') {
      const modifier = this.next();
      const word = this.run('}');
      const value = this.lookup(name);
      if (modifier === '+') return value !== '' ? word : value;
      if (modifier === '-') return value === '' ? word : value;
      throw new ChangeSyntaxError(`unsupported modifier (${modifier ?? ''}) in substitution`);
    }
    throw new ChangeSyntaxError("missing ':' in substitution");
  }

  private name(): string {
    let name = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) return name;
      if (name === '' && /\p{Nd}/u.test(ch)) {
        while (this.peek() !== undefined && /\p{Nd}/u.test(this.peek() as string)) name += this.next();
        return name;
      }
      if (name === '' && '*#@?-$!0'.includes(ch)) return this.next() as string;
      if (!/[\p{L}\p{Nd}_]/u.test(ch)) return name;
      name += this.next();
    }
  }

  private lookup(name: string): string {
    for (const entry of this.env) {
      const eq = entry.indexOf('=');
      if (eq < 0) {
        if (entry === name) return '';
        continue;
      }
      if (entry.slice(0, eq) === name) return entry.slice(eq + 1);
    }
    return '';
  }
}

const DURATION_UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n,
  'μs': 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Go's time.ParseDuration, in nanoseconds. */
export function parseGoDuration(text: string): number {
  const quoted = JSON.stringify(text);
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new ChangeSyntaxError(`time: invalid duration ${quoted}`);
  let total = 0n;
  while (s !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(s);
    const whole = number?.[1] ?? '';
    const fraction = number?.[2] ?? '';
    if (whole === '' && fraction === '') throw new ChangeSyntaxError(`time: invalid duration ${quoted}`);
    s = s.slice(number?.[0].length ?? 0);
    const unitMatch = /^[^\d.]+/.exec(s);
    if (!unitMatch) throw new ChangeSyntaxError(`time: missing unit in duration ${quoted}`);
    const unit = DURATION_UNITS[unitMatch[0]];
    if (unit === undefined) throw new ChangeSyntaxError(`time: unknown unit ${JSON.stringify(unitMatch[0])} in duration ${quoted}`);
    s = s.slice(unitMatch[0].length);
    total += BigInt(whole || '0') * unit;
    if (fraction !== '') total += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
  }
  if (total > 9_223_372_036_854_775_807n) throw new ChangeSyntaxError(`time: invalid duration ${quoted}`);
  return Number(negative ? -total : total);
}
