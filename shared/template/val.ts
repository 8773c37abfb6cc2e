// The value a template sees: a JS value, the path it was reached by, and, for typed data, its Go type.
// Plus the orderings Go uses for map keys and strings.
import type { GoType } from './go-types.js';

export interface Val {
  v: unknown;
  /** ".Config.Labels", ".RepoTags[0]", `.Config.Labels["a.b"]`: how untyped objects are told apart (values.ts). */
  path: string;
  /** The Go type (typed.ts); absent for untyped JSON-like data. */
  t?: GoType;
  /** Reached through an interface{}: Go unwraps it after each pipeline command (nil becomes <no value>). */
  iface?: boolean;
}

/** The kinds the executor tells apart; 'pointer' is a non-nil typed pointer (a nil one is 'nil'). */
export type Kind =
  | 'invalid' | 'nil' | 'string' | 'int' | 'float' | 'bool' | 'slice' | 'map' | 'struct' | 'pointer' | 'func';

export function fieldPath(path: string, field: string): string {
  return `${path}.${field}`;
}

export function elementPath(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : `${path}[${JSON.stringify(key)}]`;
}

/** Map keys in Go's printing and ranging order (fmtsort: strings by byte order). */
export function sortedKeys(obj: object): string[] {
  return Object.keys(obj).sort((a, b) => compareBytes(a, b));
}

const encoder = new TextEncoder();

/** Go's string ordering: by UTF-8 bytes. */
export function compareBytes(a: string, b: string): number {
  // Below the surrogates, UTF-16 order is byte order.
  if (!/[\ud800-\uffff]/.test(a + b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Length in bytes of the UTF-8 encoding, Go's len(string). */
export function byteLength(s: string): number {
  return encoder.encode(s).length;
}
