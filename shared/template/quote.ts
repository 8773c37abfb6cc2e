// Go's strconv.Quote / Unquote, which the template syntax and printf's %q are defined by.

const isPrintable = (ch: string): boolean => ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch);

const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** strconv.Quote (quote = '"') or strconv.QuoteRune's body (quote = "'"). */
export function goQuote(s: string, quote = '"'): string {
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (isPrintable(ch)) out += ch;
    else if (SHORT_ESCAPES[ch]) out += SHORT_ESCAPES[ch];
    else {
      const c = ch.codePointAt(0)!;
      if (c < 0x20 || c === 0x7f) out += `\\x${hex(c, 2)}`;
      else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd'; // a lone surrogate is invalid UTF-8 in Go
      else if (c < 0x10000) out += `\\u${hex(c, 4)}`;
      else out += `\\U${hex(c, 8)}`;
    }
  }
  return out + quote;
}

/** Go's `%.10q...` shortening used when naming an unexpected token. */
export function goQuoteShort(s: string): string {
  const runes = [...s];
  return runes.length > 10 ? `${goQuote(runes.slice(0, 10).join(''))}...` : goQuote(s);
}

export class QuoteSyntaxError extends Error {}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * Reads one character or escape from `s` at `i` (strconv.UnquoteChar) and appends its UTF-8 bytes.
 * Returns the index after it.
 */
function unquoteChar(s: string, i: number, quote: string, bytes: number[]): number {
  const c = s.codePointAt(i)!;
  const ch = String.fromCodePoint(c);
  if (ch === quote && (quote === "'" || quote === '"')) throw new QuoteSyntaxError('invalid syntax');
  if (ch !== '\\') {
    bytes.push(...utf8.encode(ch));
    return i + ch.length;
  }
  const e = s[i + 1];
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
  if (e !== undefined && e in simple) {
    bytes.push(simple[e]!);
    return i + 2;
  }
  if (e === quote) {
    bytes.push(quote.charCodeAt(0));
    return i + 2;
  }
  const digitsFor: Record<string, number> = { x: 2, u: 4, U: 8 };
  if (e !== undefined && e in digitsFor) {
    const n = digitsFor[e]!;
    const digits = s.slice(i + 2, i + 2 + n);
    if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== n) throw new QuoteSyntaxError('invalid syntax');
    const v = parseInt(digits, 16);
    if (e === 'x') bytes.push(v);
    else {
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new QuoteSyntaxError('invalid syntax');
      bytes.push(...utf8.encode(String.fromCodePoint(v)));
    }
    return i + 2 + n;
  }
  if (e !== undefined && e >= '0' && e <= '7') {
    const digits = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(digits) || parseInt(digits, 8) > 255) throw new QuoteSyntaxError('invalid syntax');
    bytes.push(parseInt(digits, 8));
    return i + 4;
  }
  throw new QuoteSyntaxError('invalid syntax');
}

/** strconv.Unquote for "…" and `…` string literals. */
export function goUnquote(literal: string): string {
  if (literal.startsWith('`')) {
    if (literal.length < 2 || !literal.endsWith('`')) throw new QuoteSyntaxError('invalid syntax');
    return literal.slice(1, -1).replaceAll('\r', '');
  }
  if (literal.length < 2 || !literal.startsWith('"') || !literal.endsWith('"')) throw new QuoteSyntaxError('invalid syntax');
  const body = literal.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; ) i = unquoteChar(body, i, '"', bytes);
  return utf8Decoder.decode(new Uint8Array(bytes));
}

/** The rune value of a character constant such as 'a' or '\n'. */
export function goUnquoteRune(literal: string): number {
  const body = literal.slice(1, -1);
  const bytes: number[] = [];
  const end = body.length === 0 ? 0 : unquoteChar(body, 0, "'", bytes);
  if (end !== body.length || bytes.length === 0) throw new QuoteSyntaxError(`malformed character constant: ${literal}`);
  const decoded = utf8Decoder.decode(new Uint8Array(bytes));
  return bytes.length === 1 ? bytes[0]! : decoded.codePointAt(0)!;
}
