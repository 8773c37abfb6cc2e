// Recursive-descent parser producing the tree in nodes.ts; grammar, checks and messages follow Go's
// text/template/parse/parse.go so that templates written for docker parse (and fail) the same way here.
import { templateError } from './errors.js';
import { isKeyword, lex, type Token, type TokenType } from './lexer.js';
import type {
  ArgNode, BranchNode, CommandNode, ListNode, Node, NumberNode, PipeNode, VariableNode,
} from './nodes.js';
import { nodeString } from './nodes.js';
import { goQuote, goQuoteShort, goUnquote, goUnquoteRune } from './quote.js';

export interface ParseOptions {
  /** Template name used in messages; docker uses "". */
  name: string;
  hasFunction: (name: string) => boolean;
}

/** `{{end}}` and `{{else}}` only delimit lists; they never reach the tree. */
type Marker = { type: 'end'; pos: number } | { type: 'else'; pos: number };

const OPERAND_START: ReadonlySet<TokenType> = new Set<TokenType>([
  'bool', 'charConstant', 'dot', 'field', 'identifier', 'number', 'nil', 'rawString', 'string', 'variable', 'leftParen',
]);

class Parser {
  private idx = 0;
  private furthest = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;

  constructor(private readonly tokens: Token[], private readonly options: ParseOptions) {}

  private at(i: number): Token {
    this.furthest = Math.max(this.furthest, Math.min(i, this.tokens.length - 1));
    return this.tokens[Math.min(i, this.tokens.length - 1)]!;
  }

  private next(): Token {
    return this.at(this.idx++);
  }

  private backup(): void {
    this.idx--;
  }

  private peek(): Token {
    return this.at(this.idx);
  }

  private nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }

  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  private errorf(message: string): never {
    const line = this.tokens[this.furthest]!.line;
    throw templateError(`template: ${this.options.name}:${line}: ${message}`);
  }

  private unexpected(token: Token, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.options.name}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(token.val + extra);
    }
    this.errorf(`unexpected ${tokenString(token)} in ${context}`);
  }

  private expect(type: TokenType, context: string): Token {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }

  parseTemplate(): ListNode {
    const root: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected {{${n.type}}}`);
      root.nodes.push(n);
    }
    return root;
  }

  private itemList(): [ListNode, Node | Marker] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node | Marker {
    const token = this.nextNonSpace();
    if (token.type === 'text') return { type: 'text', pos: token.pos, text: token.val };
    if (token.type !== 'leftDelim') this.unexpected(token, 'input');
    this.actionLine = token.line;
    try {
      return this.action();
    } finally {
      this.actionLine = 0;
    }
  }

  private action(): Node | Marker {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'block':
      case 'define':
      case 'template':
        this.errorf(`{{${token.val}}} is not supported`);
      // eslint-disable-next-line no-fallthrough
      case 'break':
      case 'continue':
        return this.loopControl(token);
      case 'else':
        return this.elseControl();
      case 'end':
        return { type: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
      case 'range':
      case 'with':
        return this.branch(token.type);
    }
    this.backup();
    const pos = this.peek().pos;
    return { type: 'action', pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(keyword: Token): Node {
    const type = keyword.type as 'break' | 'continue';
    const token = this.nextNonSpace();
    if (token.type !== 'rightDelim') this.unexpected(token, `{{${type}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${type}}} outside {{range}}`);
    return { type, pos: keyword.pos };
  }

  private elseControl(): Marker {
    const peek = this.peekNonSpace();
    // "{{else if …}}" is "{{else}}{{if …}}…{{end}}" whose {{end}} is shared: leave the keyword pending.
    if (peek.type === 'if' || peek.type === 'with') return { type: 'else', pos: peek.pos };
    return { type: 'else', pos: this.expect('rightDelim', 'else').pos };
  }

  private branch(type: BranchNode['type']): BranchNode {
    const varCount = this.vars.length;
    try {
      const pipe = this.pipeline(type, 'rightDelim');
      if (type === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (type === 'range') this.rangeDepth--;
      const node: BranchNode = { type, pos: pipe.pos, pipe, list };
      if (next.type === 'else') {
        const chained = this.peek().type;
        if ((type === 'if' && chained === 'if') || (type === 'with' && chained === 'with')) {
          this.next();
          node.elseList = { type: 'list', pos: next.pos, nodes: [this.branch(type)] };
        } else {
          const [elseList, end] = this.itemList();
          if (end.type !== 'end') this.errorf(`expected end; found ${markerOrNodeString(end)}`);
          node.elseList = elseList;
        }
      }
      return node;
    } finally {
      this.vars.length = varCount;
    }
  }

  private pipeline(context: string, end: TokenType): PipeNode {
    const pipe: PipeNode = { type: 'pipe', pos: this.peekNonSpace().pos, isAssign: false, decl: [], cmds: [] };
    this.declarations(pipe, context);
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (!OPERAND_START.has(token.type)) this.unexpected(token, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      if (this.peekNonSpace().type !== 'variable') return;
      const variableIdx = this.idx;
      const v = this.next();
      const next = this.peekNonSpace();
      const declare = (): void => {
        pipe.decl.push({ type: 'variable', pos: v.pos, idents: [v.val] });
        this.vars.push(v.val);
      };
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        declare();
        return;
      }
      if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        declare();
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().type;
          if (t === 'variable' || t === 'rightDelim' || t === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.idx = variableIdx; // "$x arg": the variable is an operand, not a declaration
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((cmd, i) => {
      if (['bool', 'dot', 'nil', 'number', 'string'].includes(cmd.args[0]!.type)) {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | null {
    const node = this.term();
    if (!node || this.peek().type !== 'field') return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field':
        return { type: 'field', pos, idents: [...node.idents, ...fields] };
      case 'variable':
        return { type: 'variable', pos, idents: [...node.idents, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
      // eslint-disable-next-line no-fallthrough
      default:
        return { type: 'chain', pos, node, fields };
    }
  }

  private term(): ArgNode | null {
    const token = this.nextNonSpace();
    const pos = token.pos;
    switch (token.type) {
      case 'identifier':
        if (!this.options.hasFunction(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return { type: 'identifier', pos, name: token.val };
      case 'dot':
        return { type: 'dot', pos };
      case 'nil':
        return { type: 'nil', pos };
      case 'variable':
        return this.useVar(token);
      case 'field':
        return { type: 'field', pos, idents: [token.val.slice(1)] };
      case 'bool':
        return { type: 'bool', pos, value: token.val === 'true' };
      case 'charConstant':
      case 'number':
        return this.number(token);
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { type: 'string', pos, quoted: token.val, text: this.unquote(token.val) };
    }
    this.backup();
    return null;
  }

  private useVar(token: Token): VariableNode {
    const idents = token.val.split('.');
    if (!this.vars.includes(idents[0]!)) this.errorf(`undefined variable ${goQuote(idents[0]!)}`);
    return { type: 'variable', pos: token.pos, idents };
  }

  private unquote(literal: string): string {
    try {
      return goUnquote(literal);
    } catch (err) {
      this.errorf((err as Error).message);
    }
  }

  private number(token: Token): NumberNode {
    let value: number;
    if (token.type === 'charConstant') {
      try {
        value = goUnquoteRune(token.val);
      } catch (err) {
        this.errorf((err as Error).message);
      }
    } else {
      value = parseGoNumber(token.val);
      if (Number.isNaN(value)) this.errorf(`illegal number syntax: ${goQuote(token.val)}`);
    }
    return { type: 'number', pos: token.pos, text: token.val, value, isInt: Number.isInteger(value) };
  }
}

function parseGoNumber(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[+-]/, '');
  if (body.includes('__') || body.startsWith('_') || body.endsWith('_')) return NaN;
  const digits = body.replaceAll('_', '');
  let m: RegExpMatchArray | null;
  if ((m = /^0[xX]([0-9a-fA-F]+)$/.exec(digits))) return sign * parseInt(m[1]!, 16);
  if ((m = /^0[oO]?([0-7]+)$/.exec(digits))) return sign * parseInt(m[1]!, 8);
  if ((m = /^0[bB]([01]+)$/.exec(digits))) return sign * parseInt(m[1]!, 2);
  if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(digits)) return sign * Number(digits);
  return NaN;
}

function tokenString(token: Token): string {
  if (token.type === 'eof') return 'EOF';
  if (token.type === 'error') return token.val;
  if (isKeyword(token.type)) return `<${token.val}>`;
  return goQuoteShort(token.val);
}

function markerOrNodeString(n: Node | Marker): string {
  return n.type === 'end' || n.type === 'else' ? `{{${n.type}}}` : nodeString(n);
}

export function parse(source: string, options: ParseOptions): ListNode {
  return new Parser(lex(source), options).parseTemplate();
}
