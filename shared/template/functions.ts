// The function map: Go's text/template built-ins plus docker/cli's templates.basicFunctions, and the
// header variants docker uses to print a table's header line. Signatures mirror the Go ones so that
// argument checking (and its messages) happen in the executor exactly as Go's reflection does them.
import { encodeJson, fmtValue, formatValue } from './print.js';
import { sprintf } from './printf.js';
import { deref, typedMapGet, typedMapZero } from './typed.js';
import {
  byteLength, compareBytes, elementPath, goTypeName, isTrue, kindOf, mapEntries, sliceItems, type Val, type ValueContext,
} from './values.js';

/**
 * any: Go's interface{}; value: reflect.Value (the built-ins len, index, eq, … since Go 1.18); stringList: []string
 * (join also takes a map of strings, in key order). A missing value (undefined) reaches an `any` parameter as null,
 * like Go's zero interface, and a `value` parameter as it is, like Go's zero reflect.Value.
 */
export type ParamType = 'any' | 'value' | 'string' | 'int' | 'bool' | 'stringList';

export interface TemplateFunctionDef {
  params: ParamType[];
  /** Element type of a trailing variadic parameter. */
  variadic?: ParamType;
  /** `and` / `or`: the executor evaluates the arguments lazily. */
  shortCircuit?: 'and' | 'or';
  call: (args: Val[], ctx: ValueContext) => Val;
}

export type FunctionMap = Record<string, TemplateFunctionDef>;

const plain = (v: unknown): Val => ({ v, path: '' });
const str = (a: Val | undefined): string => a!.v as string;
const int = (a: Val | undefined): number => Number(a!.v);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function def(params: ParamType[], call: TemplateFunctionDef['call'], variadic?: ParamType): TemplateFunctionDef {
  return variadic ? { params, variadic, call } : { params, call };
}

// ---- Go built-ins -------------------------------------------------------------------------------------

/** Go's length: through pointers and interfaces (a nil one is an error), a nil slice or map is 0. */
function length(value: Val, ctx: ValueContext): number {
  const item = deref(value);
  const kind = kindOf(item, ctx);
  if (kind === 'invalid') throw new Error('reflect: call of reflect.Value.Type on zero Value'); // Go panics here
  if (kind === 'nil') throw new Error('len of nil pointer');
  if (kind === 'string') return byteLength(item.v as string);
  if (kind === 'slice') return sliceItems(item).length;
  if (kind === 'map') return mapEntries(item).length;
  throw new Error(`len of type ${goTypeName(item, ctx)}`);
}

function indexInt(index: Val, ctx: ValueContext, limit: number): number {
  const kind = kindOf(index, ctx);
  if (kind === 'nil' || kind === 'invalid') throw new Error('cannot index slice/array with nil');
  if (kind !== 'int') throw new Error(`cannot index slice/array with type ${goTypeName(index, ctx)}`);
  const x = Number(index.v);
  if (x < 0 || x > limit) throw new Error(`index out of range: ${x}`);
  return x;
}

/** Go's zero value for a map's element type, guessed from its values; docker's maps are map[string]string. */
function mapZero(obj: object | null): unknown {
  const values = obj ? Object.values(obj) : [];
  if (values.every((v) => typeof v === 'string')) return '';
  if (values.every((v) => typeof v === 'number')) return 0;
  if (values.every((v) => typeof v === 'boolean')) return false;
  return undefined;
}

/** Go's index over a typed value: a nil map gives the element's zero value, a nil interface is an error. */
function typedIndex(item: Val, key: Val, ctx: ValueContext): Val {
  const kind = kindOf(item, ctx);
  if (kind === 'nil' && item.t!.kind === 'interface') throw new Error('index of untyped nil');
  if (kind === 'slice' || kind === 'string') {
    const items = kind === 'slice' ? sliceItems(item) : [...encoder.encode(item.v as string)];
    const x = indexInt(key, ctx, items.length);
    if (x === items.length) throw new Error(`index out of range: ${x}`);
    return kind === 'slice' ? items[x] as Val : plain(items[x]);
  }
  if (kind === 'map') {
    const keyType = (item.t as { key?: string }).key ?? 'string';
    if (kindOf(key, ctx) !== 'string' || goTypeName(key, ctx) !== keyType) {
      throw new Error(`value has type ${goTypeName(key, ctx)}; should be ${keyType}`);
    }
    return typedMapGet(item, key.v as string) ?? typedMapZero(item, key.v as string);
  }
  throw new Error(`can't index item of type ${goTypeName(item, ctx)}`);
}

function index(args: Val[], ctx: ValueContext): Val {
  let item = args[0]!;
  for (const key of args.slice(1)) {
    if (item.t) {
      item = typedIndex(item, key, ctx);
      continue;
    }
    const kind = kindOf(item, ctx);
    if (kind === 'slice' || kind === 'string') {
      const len = kind === 'string' ? byteLength(item.v as string) : (item.v as unknown[]).length;
      const x = indexInt(key, ctx, len);
      if (x === len) throw new Error(`index out of range: ${x}`);
      item = kind === 'string'
        ? plain(encoder.encode(item.v as string)[x])
        : { v: (item.v as unknown[])[x], path: elementPath(item.path, x) };
    } else if (kind === 'nil' && kindOf(key, ctx) === 'int') {
      throw new Error(`index out of range: ${Number(key.v)}`); // a nil slice
    } else if (kind === 'map' || kind === 'struct' || kind === 'nil') {
      if (typeof key.v !== 'string') throw new Error(`value has type ${goTypeName(key, ctx)}; should be string`);
      const obj = item.v as Record<string, unknown> | null;
      const found = obj !== null && Object.hasOwn(obj, key.v);
      item = { v: found ? obj[key.v] : mapZero(obj), path: elementPath(item.path, key.v) };
    } else if (kind === 'invalid') {
      throw new Error('index of untyped nil');
    } else {
      throw new Error(`can't index item of type ${goTypeName(item, ctx)}`);
    }
  }
  return item;
}

function slice(args: Val[], ctx: ValueContext): Val {
  const item = args[0]!;
  const indexes = args.slice(1);
  const kind = kindOf(item, ctx);
  if (kind === 'nil' || kind === 'invalid') throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  if (kind === 'string' && indexes.length === 3) throw new Error('cannot 3-index slice a string');
  if (kind !== 'string' && kind !== 'slice') throw new Error(`can't slice item of type ${goTypeName(item, ctx)}`);
  const bytes = kind === 'string' ? encoder.encode(item.v as string) : undefined;
  const elems = (item.v ?? []) as unknown[];
  const len = bytes ? bytes.length : elems.length;
  const idx = [0, len, len];
  indexes.forEach((x, i) => (idx[i] = indexInt(x, ctx, len)));
  if (idx[0]! > idx[1]!) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes) return plain(decoder.decode(bytes.slice(idx[0], idx[1])));
  return { ...item, v: elems.slice(idx[0], idx[1]) };
}

type BasicKind = 'bool' | 'number' | 'string' | 'nil' | 'other';

function basicKind(val: Val, ctx: ValueContext): BasicKind {
  const kind = kindOf(val, ctx);
  if (kind === 'int' || kind === 'float') return 'number';
  if (kind === 'invalid') return 'nil';
  return kind === 'bool' || kind === 'string' || kind === 'nil' ? kind : 'other';
}

function eq(args: Val[], ctx: ValueContext): boolean {
  const [a, ...rest] = args as [Val, ...Val[]];
  if (rest.length === 0) throw new Error('missing argument for comparison');
  const ka = basicKind(a, ctx);
  return rest.some((b) => {
    const kb = basicKind(b, ctx);
    if (ka === 'nil' || kb === 'nil') return ka === kb;
    if (ka !== kb) throw new Error('incompatible types for comparison');
    if (ka === 'other') {
      const composite = [a, b].find((x) => ['slice', 'map'].includes(kindOf(x, ctx)));
      if (composite) throw new Error(`non-comparable type ${formatValue(composite, ctx)}: ${goTypeName(composite, ctx)}`);
      return JSON.stringify(a.v) === JSON.stringify(b.v);
    }
    return a.v == b.v; // number and bigint compare by value
  });
}

function less(a: Val, b: Val, ctx: ValueContext): boolean {
  const ka = basicKind(a, ctx);
  const kb = basicKind(b, ctx);
  if (ka === 'bool' || ka === 'nil' || ka === 'other' || kb === 'bool' || kb === 'nil' || kb === 'other') {
    throw new Error('invalid type for comparison');
  }
  if (ka !== kb) throw new Error('incompatible types for comparison');
  if (ka === 'string') return compareBytes(a.v as string, b.v as string) < 0;
  return (a.v as number) < (b.v as number);
}

/** fmt.Sprint: a space between operands when neither side is a string. */
function sprint(args: Val[], ctx: ValueContext): string {
  let out = '';
  const isString = (a: Val): boolean => kindOf(a, ctx) === 'string';
  args.forEach((a, i) => {
    if (i > 0 && !isString(a) && !isString(args[i - 1]!)) out += ' ';
    out += fmtValue(a.v === undefined ? plain(null) : a, ctx);
  });
  return out;
}

function evalArgsString(args: Val[], ctx: ValueContext): string {
  return args.length === 1 && typeof args[0]!.v === 'string' ? (args[0]!.v as string) : sprint(args, ctx);
}

const HTML_ESCAPES: Record<string, string> = { '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;', '\0': '\uFFFD' };

export const GO_BUILTINS: FunctionMap = {
  and: { params: ['value'], variadic: 'value', shortCircuit: 'and', call: (args) => args[args.length - 1]! },
  or: { params: ['value'], variadic: 'value', shortCircuit: 'or', call: (args) => args[args.length - 1]! },
  not: def(['value'], ([a], ctx) => plain(!isTrue(a!, ctx))),
  len: def(['value'], ([a], ctx) => plain(length(a!, ctx))),
  index: def(['value'], index, 'value'),
  slice: def(['value'], slice, 'value'),
  print: def([], (args, ctx) => plain(sprint(args, ctx)), 'any'),
  println: def([], (args, ctx) => plain(`${args.map((a) => fmtValue(a.v === undefined ? plain(null) : a, ctx)).join(' ')}\n`), 'any'),
  printf: def(['string'], ([f, ...rest], ctx) => plain(sprintf(str(f), rest, ctx)), 'any'),
  eq: def(['value'], (args, ctx) => plain(eq(args, ctx)), 'value'),
  ne: def(['value', 'value'], (args, ctx) => plain(!eq(args, ctx))),
  lt: def(['value', 'value'], ([a, b], ctx) => plain(less(a!, b!, ctx))),
  le: def(['value', 'value'], ([a, b], ctx) => plain(!less(b!, a!, ctx))),
  gt: def(['value', 'value'], ([a, b], ctx) => plain(less(b!, a!, ctx))),
  ge: def(['value', 'value'], ([a, b], ctx) => plain(!less(a!, b!, ctx))),
  html: def([], (args, ctx) => plain(evalArgsString(args, ctx).replace(/["'&<>\0]/g, (c) => HTML_ESCAPES[c]!)), 'any'),
  urlquery: def([], (args, ctx) => plain(encodeURIComponent(evalArgsString(args, ctx))
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')), 'any'),
};

// ---- docker/cli templates.basicFunctions ----------------------------------------------------------------

/** strings.Title: upper-cases the first letter of each word. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const upper = ch.toUpperCase();
    out += isSeparator(prev) && [...upper].length === 1 ? upper : ch;
    prev = ch;
  }
  return out;
}

function isSeparator(ch: string): boolean {
  if (ch.charCodeAt(0) <= 0x7f && ch.length === 1) return !/[0-9A-Za-z_]/.test(ch);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return /\s/u.test(ch);
}

function truncate(s: string, length: number): string {
  const bytes = encoder.encode(s);
  if (bytes.length < length) return s;
  if (length < 0) throw new Error(`runtime error: slice bounds out of range [:${length}]`);
  return decoder.decode(bytes.slice(0, length));
}

export const DOCKER_FUNCTIONS: FunctionMap = {
  json: def(['any'], ([v], ctx) => plain(encodeJson(v!, ctx).trim())),
  split: def(['string', 'string'], ([s, sep]) => plain(str(sep) === '' ? [...str(s)] : str(s).split(str(sep)))),
  join: def(['stringList', 'string'], ([list, sep]) => plain((list!.v as string[]).join(str(sep)))),
  title: def(['string'], ([s]) => plain(title(str(s)))),
  lower: def(['string'], ([s]) => plain(str(s).toLowerCase())),
  upper: def(['string'], ([s]) => plain(str(s).toUpperCase())),
  pad: def(['string', 'int', 'int'], ([s, before, after]) => plain(
    str(s) === '' ? '' : ' '.repeat(Math.max(int(before), 0)) + str(s) + ' '.repeat(Math.max(int(after), 0)),
  )),
  truncate: def(['string', 'int'], ([s, n]) => plain(truncate(str(s), int(n)))),
};

/** docker's HeaderFunctions: the header row keeps the column names intact (pad still applies). */
export const DOCKER_HEADER_FUNCTIONS: FunctionMap = {
  json: def(['string'], ([v]) => v!),
  split: def(['string', 'string'], ([v]) => v!),
  join: def(['string', 'string'], ([v]) => v!),
  title: def(['string'], ([v]) => v!),
  lower: def(['string'], ([v]) => v!),
  upper: def(['string'], ([v]) => v!),
  truncate: def(['string', 'int'], ([v]) => v!),
};

/** A plain JS function offered to templates; it receives raw values (missing ones as null). */
export type TemplateFunction = (...args: unknown[]) => unknown;

export function wrapFunction(fn: TemplateFunction): TemplateFunctionDef {
  return def([], (args) => plain(fn(...args.map((a) => a.v ?? null))), 'any');
}
