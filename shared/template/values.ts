// How JSON-like JS values stand in for the Go values a docker template sees.
//
// Go tells a struct from a map by its type; a JS object cannot. Every value the executor handles therefore
// carries the path it was reached by (".Config.Labels", ".RepoTags[0]", `.Config.Labels["a.b"]`), and an
// `isMap(value, path)` hook decides per object: a map prints as map[k:v] in key order, is false when empty,
// and yields <no value> for a missing key; a struct prints as {v1 v2}, is always true, and a missing field
// is an error. `index` always treats objects as maps (Go only indexes maps, slices and strings).

/** A value together with the path it was reached by. */
export interface Val {
  v: unknown;
  path: string;
}

export type IsMap = (value: object, path: string) => boolean;

/** Fields that are Go maps in docker's image and container types. */
export const DOCKER_MAP_FIELDS: ReadonlySet<string> = new Set([
  'Labels', 'ExposedPorts', 'Volumes', 'Annotations', 'Options', 'DriverOpts',
]);

/** The default hook: objects reached through a field named in DOCKER_MAP_FIELDS are maps. */
export const dockerIsMap: IsMap = (_value, path) => {
  const last = /\.([^.[\]]+)$/.exec(path);
  return last !== null && DOCKER_MAP_FIELDS.has(last[1]!);
};

export interface ValueContext {
  isMap: IsMap;
}

export type Kind = 'invalid' | 'nil' | 'string' | 'int' | 'float' | 'bool' | 'slice' | 'map' | 'struct' | 'func';

export function kindOf(val: Val, ctx: ValueContext): Kind {
  const v = val.v;
  switch (typeof v) {
    case 'undefined':
      return 'invalid';
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'func';
    case 'object':
      if (v === null) return 'nil';
      if (Array.isArray(v)) return 'slice';
      return ctx.isMap(v, val.path) ? 'map' : 'struct';
    default:
      return 'struct';
  }
}

/** Go's template truth: the zero value of any type is false, structs are always true. */
export function isTrue(val: Val, ctx: ValueContext): boolean {
  const v = val.v;
  switch (kindOf(val, ctx)) {
    case 'invalid':
    case 'nil':
      return false;
    case 'string':
      return (v as string).length > 0;
    case 'int':
    case 'float':
      return typeof v === 'bigint' ? v !== 0n : v !== 0;
    case 'bool':
      return v as boolean;
    case 'slice':
      return (v as unknown[]).length > 0;
    case 'map':
      return Object.keys(v as object).length > 0;
    default:
      return true;
  }
}

/** A Go type name for messages such as "wrong type for value; expected string; got int". */
export function goTypeName(val: Val, ctx: ValueContext): string {
  const kind = kindOf(val, ctx);
  switch (kind) {
    case 'invalid':
      return '<no value>';
    case 'nil':
      return 'interface {}';
    case 'float':
      return 'float64';
    case 'slice':
      return (val.v as unknown[]).every((e) => typeof e === 'string') ? '[]string' : '[]interface {}';
    case 'map':
      return Object.values(val.v as object).every((e) => typeof e === 'string')
        ? 'map[string]string'
        : 'map[string]interface {}';
    case 'func':
      return 'func';
    default:
      return kind;
  }
}

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
