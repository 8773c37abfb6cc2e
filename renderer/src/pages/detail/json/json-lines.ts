// The inspect JSON as lines, printed exactly as `JSON.stringify(value, null, 4)` (docker's layout) but with each
// token typed for colour and each object/array knowing where it closes, so the viewer can fold and search it.
export type TokenKind = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punct';

export interface Token {
  text: string;
  kind: TokenKind;
}

export interface JsonLine {
  depth: number;
  /** The line after its indentation. */
  tokens: Token[];
  /** On a line that opens a non-empty object or array: the index of the line that closes it. */
  close?: number;
  /** On such a line: where it is in the document (`[0].Config.Env`), what it is and how many entries it holds. */
  path?: string;
  container?: 'object' | 'array';
  size?: number;
}

export const INDENT = 4;

export function lineText(line: JsonLine): string {
  return ' '.repeat(line.depth * INDENT) + line.tokens.map((token) => token.text).join('');
}

function scalar(value: unknown): Token {
  if (value === null) return { text: 'null', kind: 'null' };
  if (typeof value === 'boolean') return { text: String(value), kind: 'boolean' };
  if (typeof value === 'number') return { text: JSON.stringify(value), kind: 'number' };
  return { text: JSON.stringify(value), kind: 'string' };
}

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (parent ? `${parent}.${key}` : key) : `${parent}[${JSON.stringify(key)}]`;
}

export function jsonLines(input: unknown): JsonLine[] {
  // Round-trip first so undefined, functions and toJSON are handled exactly as JSON.stringify does.
  const text = JSON.stringify(input);
  const value: unknown = text === undefined ? null : JSON.parse(text);
  const lines: JsonLine[] = [];

  function emit(node: unknown, depth: number, path: string, key: string | null, last: boolean) {
    const prefix: Token[] = key === null ? [] : [{ text: JSON.stringify(key), kind: 'key' }, { text: ': ', kind: 'punct' }];
    const comma: Token[] = last ? [] : [{ text: ',', kind: 'punct' }];
    if (node === null || typeof node !== 'object') {
      lines.push({ depth, tokens: [...prefix, scalar(node), ...comma] });
      return;
    }
    const isArray = Array.isArray(node);
    const entries: Array<[string | null, unknown, string | number]> = isArray
      ? node.map((item, index) => [null, item, index])
      : Object.entries(node).map(([name, item]) => [name, item, name]);
    const [open, shut] = isArray ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) {
      lines.push({ depth, tokens: [...prefix, { text: open + shut, kind: 'punct' }, ...comma] });
      return;
    }
    const opener: JsonLine = { depth, tokens: [...prefix, { text: open, kind: 'punct' }], path, container: isArray ? 'array' : 'object', size: entries.length };
    lines.push(opener);
    entries.forEach(([name, item, step], index) => emit(item, depth + 1, childPath(path, step), name, index === entries.length - 1));
    opener.close = lines.length;
    lines.push({ depth, tokens: [{ text: shut, kind: 'punct' }, ...comma] });
  }

  emit(value, 0, '', null, true);
  return lines;
}

/** The lines that open a container holding `line`, outermost first. */
export function ancestorsOf(lines: JsonLine[], line: number): number[] {
  const result: number[] = [];
  for (let index = 0; index < line; index++) {
    const close = lines[index]!.close;
    if (close !== undefined && close >= line) result.push(index);
  }
  return result;
}
