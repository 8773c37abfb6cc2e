// Tokenizer for Go text/template syntax, following the state machine of Go's text/template/parse/lex.go
// so that trim markers, comments and error messages behave the same. Positions are JS string indices.

export type TokenType =
  | 'error' | 'eof' | 'text' | 'leftDelim' | 'rightDelim' | 'leftParen' | 'rightParen' | 'space' | 'pipe'
  | 'assign' | 'declare' | 'char' | 'charConstant' | 'bool' | 'number' | 'string' | 'rawString'
  | 'field' | 'variable' | 'identifier'
  // keywords
  | 'dot' | 'block' | 'break' | 'continue' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range' | 'template'
  | 'with';

export interface Token {
  type: TokenType;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ['.', 'dot'], ['block', 'block'], ['break', 'break'], ['continue', 'continue'], ['define', 'define'],
  ['else', 'else'], ['end', 'end'], ['if', 'if'], ['nil', 'nil'], ['range', 'range'], ['template', 'template'],
  ['with', 'with'],
]);

const KEYWORD_TYPES: ReadonlySet<TokenType> = new Set(KEYWORDS.values());

export function isKeyword(type: TokenType): boolean {
  return KEYWORD_TYPES.has(type);
}

const LEFT_DELIM = '{{';
const RIGHT_DELIM = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
const TRIM_MARKER_LEN = 2; // the '-' plus the space beside it
const EOF = -1;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isAlphaNumeric = (c: number): boolean =>
  c === 0x5f || (c >= 0 && /[\p{L}\p{Nd}]/u.test(String.fromCodePoint(c)));
const hasLeftTrimMarker = (s: string, at: number): boolean =>
  s.charCodeAt(at) === 0x2d && isSpace(s.charCodeAt(at + 1));
const hasRightTrimMarker = (s: string, at: number): boolean =>
  isSpace(s.charCodeAt(at)) && s.charCodeAt(at + 1) === 0x2d;

type State = ((l: Lexer) => State) | null;

class Lexer {
  readonly tokens: Token[] = [];
  pos = 0;
  start = 0;
  width = 0;
  parenDepth = 0;

  constructor(readonly input: string) {}

  next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const c = this.input.codePointAt(this.pos)!;
    this.width = c > 0xffff ? 2 : 1;
    this.pos += this.width;
    return c;
  }

  peek(): number {
    const c = this.next();
    this.backup();
    return c;
  }

  backup(): void {
    this.pos -= this.width;
  }

  private lineCount = 1;
  private lineCountedTo = 0;

  /** Line of `pos`; positions only grow while lexing, so counting is incremental. */
  lineOf(pos: number): number {
    for (let i = this.input.indexOf('\n', this.lineCountedTo); i >= 0 && i < pos; i = this.input.indexOf('\n', i + 1)) {
      this.lineCount++;
      this.lineCountedTo = i + 1;
    }
    return this.lineCount;
  }

  emit(type: TokenType): State {
    this.tokens.push({ type, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.lineOf(this.start) });
    this.start = this.pos;
    return lexInsideOrText(type);
  }

  ignore(): void {
    this.start = this.pos;
  }

  accept(valid: string): boolean {
    const c = this.next();
    if (c !== EOF && valid.includes(String.fromCodePoint(c))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    while (this.accept(valid)) { /* absorb */ }
  }

  errorf(message: string): State {
    this.tokens.push({ type: 'error', pos: this.start, val: message, line: this.lineOf(this.start) });
    return null;
  }

  atRightDelim(): { delim: boolean; trim: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT_DELIM, this.pos + TRIM_MARKER_LEN)) {
      return { delim: true, trim: true };
    }
    return { delim: this.input.startsWith(RIGHT_DELIM, this.pos), trim: false };
  }

  /** Identifiers end at a space, punctuation that can follow them, or the right delimiter. */
  atTerminator(): boolean {
    const c = this.peek();
    if (c === EOF || isSpace(c)) return true;
    if ('.,|:)('.includes(String.fromCodePoint(c))) return true;
    return c === RIGHT_DELIM.charCodeAt(0);
  }
}

// Text is followed by actions and actions by more action content; emit() only needs the default.
function lexInsideOrText(type: TokenType): State {
  return type === 'text' || type === 'rightDelim' ? lexText : lexInsideAction;
}

function lexText(l: Lexer): State {
  const x = l.input.indexOf(LEFT_DELIM, l.pos);
  if (x < 0) {
    l.pos = l.input.length;
    if (l.pos > l.start) l.emit('text');
    l.emit('eof');
    return null;
  }
  l.pos = x;
  let trimLength = 0;
  if (hasLeftTrimMarker(l.input, x + LEFT_DELIM.length)) {
    const text = l.input.slice(l.start, x);
    trimLength = text.length - text.replace(/[ \t\r\n]+$/, '').length;
  }
  l.pos -= trimLength;
  if (l.pos > l.start) l.emit('text');
  l.pos += trimLength;
  l.ignore();
  return lexLeftDelim;
}

function lexLeftDelim(l: Lexer): State {
  l.pos += LEFT_DELIM.length;
  const afterMarker = hasLeftTrimMarker(l.input, l.pos) ? TRIM_MARKER_LEN : 0;
  if (l.input.startsWith(LEFT_COMMENT, l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  l.emit('leftDelim');
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return lexInsideAction;
}

function lexComment(l: Lexer): State {
  l.pos += LEFT_COMMENT.length;
  const end = l.input.indexOf(RIGHT_COMMENT, l.pos);
  if (end < 0) return l.errorf('unclosed comment');
  l.pos = end + RIGHT_COMMENT.length;
  const { delim, trim } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  l.pos += (trim ? TRIM_MARKER_LEN : 0) + RIGHT_DELIM.length;
  if (trim) skipLeadingSpace(l);
  l.ignore();
  return lexText;
}

function skipLeadingSpace(l: Lexer): void {
  while (isSpace(l.input.charCodeAt(l.pos))) l.pos++;
}

function lexRightDelim(l: Lexer): State {
  const { trim } = l.atRightDelim();
  if (trim) {
    l.pos += TRIM_MARKER_LEN;
    l.ignore();
  }
  l.pos += RIGHT_DELIM.length;
  l.emit('rightDelim');
  if (trim) {
    skipLeadingSpace(l);
    l.ignore();
  }
  return lexText;
}

function lexInsideAction(l: Lexer): State {
  if (l.atRightDelim().delim) {
    return l.parenDepth === 0 ? lexRightDelim : l.errorf('unclosed left paren');
  }
  const c = l.next();
  if (c === EOF) return l.errorf('unclosed action');
  if (isSpace(c)) {
    l.backup(); // keep the space in case it starts " -}}"
    return lexSpace;
  }
  const ch = String.fromCodePoint(c);
  switch (ch) {
    case '=':
      return l.emit('assign');
    case ':':
      if (l.next() !== 0x3d) return l.errorf('expected :=');
      return l.emit('declare');
    case '|':
      return l.emit('pipe');
    case '"':
      return lexQuote;
    case '`':
      return lexRawQuote;
    case '$':
      return lexVariable;
    case "'":
      return lexChar;
    case '(':
      l.parenDepth++;
      return l.emit('leftParen');
    case ')':
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf(`unexpected right paren U+0029 ')'`);
      return l.emit('rightParen');
  }
  if (ch === '.') {
    const n = l.input.charCodeAt(l.pos);
    if (!(n >= 0x30 && n <= 0x39)) return lexField;
  }
  if (ch === '.' || ch === '+' || ch === '-' || (c >= 0x30 && c <= 0x39)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(c)) {
    l.backup();
    return lexIdentifier;
  }
  if (c <= 0x7f && c >= 0x20) return l.emit('char');
  return l.errorf(`unrecognized character in action: ${describeRune(c)}`);
}

/** Go's %#U: U+0023 '#'. */
export function describeRune(c: number): string {
  const hex = c.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} '${String.fromCodePoint(c)}'`;
}

function lexSpace(l: Lexer): State {
  let spaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    spaces++;
  }
  // " -}}" ends the action: the last space belongs to the trim marker.
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(RIGHT_DELIM, l.pos - 1 + TRIM_MARKER_LEN)) {
    l.pos--;
    if (spaces === 1) return lexRightDelim;
  }
  return l.emit('space');
}

function lexIdentifier(l: Lexer): State {
  for (;;) {
    const c = l.next();
    if (isAlphaNumeric(c)) continue;
    l.backup();
    if (!l.atTerminator()) return l.errorf(`bad character ${describeRune(c)}`);
    const word = l.input.slice(l.start, l.pos);
    const keyword = KEYWORDS.get(word);
    if (keyword && keyword !== 'dot') return l.emit(keyword);
    if (word === 'true' || word === 'false') return l.emit('bool');
    return l.emit('identifier');
  }
}

function lexField(l: Lexer): State {
  return lexFieldOrVariable(l, 'field');
}

function lexVariable(l: Lexer): State {
  if (l.atTerminator()) return l.emit('variable'); // just "$"
  return lexFieldOrVariable(l, 'variable');
}

function lexFieldOrVariable(l: Lexer, type: 'field' | 'variable'): State {
  if (l.atTerminator()) return l.emit(type === 'variable' ? 'variable' : 'dot');
  let c: number;
  for (;;) {
    c = l.next();
    if (!isAlphaNumeric(c)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${describeRune(c)}`);
  return l.emit(type);
}

function lexChar(l: Lexer): State {
  return lexQuoted(l, 0x27, 'charConstant', 'unterminated character constant');
}

function lexNumber(l: Lexer): State {
  if (!scanNumber(l)) return l.errorf(`bad number syntax: "${l.input.slice(l.start, l.pos)}"`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    scanNumber(l);
    return l.errorf(`complex numbers are not supported: "${l.input.slice(l.start, l.pos)}"`);
  }
  return l.emit('number');
}

function scanNumber(l: Lexer): boolean {
  l.accept('+-');
  let digits = '0123456789_';
  if (l.accept('0')) {
    if (l.accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (l.accept('oO')) digits = '01234567_';
    else if (l.accept('bB')) digits = '01_';
  }
  l.acceptRun(digits);
  if (l.accept('.')) l.acceptRun(digits);
  if (digits.length === 11 && l.accept('eE')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

function lexQuote(l: Lexer): State {
  return lexQuoted(l, 0x22, 'string', 'unterminated quoted string');
}

/** Up to the closing `quote` on this line, skipping backslash escapes (checked later, when the token is unquoted). */
function lexQuoted(l: Lexer, quote: number, type: 'charConstant' | 'string', unterminated: string): State {
  for (;;) {
    const c = l.next();
    if (c === 0x5c) {
      const e = l.next();
      if (e !== EOF && e !== 0x0a) continue;
      return l.errorf(unterminated);
    }
    if (c === EOF || c === 0x0a) return l.errorf(unterminated);
    if (c === quote) return l.emit(type);
  }
}

function lexRawQuote(l: Lexer): State {
  const end = l.input.indexOf('`', l.pos);
  if (end < 0) return l.errorf('unterminated raw quoted string');
  l.pos = end + 1;
  return l.emit('rawString');
}

/** Tokenizes the whole input; the last token is `eof` or `error`. */
export function lex(input: string): Token[] {
  const l = new Lexer(input);
  let state: State = lexText;
  while (state) state = state(l);
  return l.tokens;
}
