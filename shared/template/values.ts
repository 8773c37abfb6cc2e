// How JSON-like JS values stand in for the Go values a docker template sees.
//
// Typed values (a Val with `t`, see go-types.ts and typed.ts) follow their Go type. For untyped ones Go's struct
// and map cannot be told apart by the value, so every value carries the path it was reached by (".Config.Labels",
// ".RepoTags[0]", `.Config.Labels["a.b"]`), and an `isMap(value, path)` hook decides per object: a map prints as
// map[k:v] in key order, is false when empty, and yields <no value> for a missing key; a struct prints as
// {v1 v2}, is always true, and a missing field is an error. `index` always treats objects as maps (Go only
// indexes maps, slices and strings).
import { typedEntries, typedFields, typedItems, typedKind } from './typed.js';
import { elementPath, fieldPath, sortedKeys, type Kind, type Val } from './val.js';

export { byteLength, compareBytes, elementPath, fieldPath, sortedKeys, type Kind, type Val } from './val.js';

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

export function kindOf(val: Val, ctx: ValueContext): Kind {
  if (val.t) return typedKind(val);
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

/** The elements of a slice value. */
export function sliceItems(val: Val): Val[] {
  if (val.t) return typedItems(val);
  return (val.v as unknown[]).map((v, i) => ({ v, path: elementPath(val.path, i) }));
}

/** The entries of a map value, in key order. */
export function mapEntries(val: Val): Array<[string, Val]> {
  if (val.t) return typedEntries(val);
  const obj = val.v as Record<string, unknown>;
  return sortedKeys(obj).map((k) => [k, { v: obj[k], path: elementPath(val.path, k) }]);
}

/** The fields of a struct value in order, with their JSON names and omitempty (untyped: the object's keys). */
export function structMembers(val: Val): Array<{ key: string; omitempty: boolean; val: Val }> {
  if (val.t) return typedFields(val).map(({ field, val: v }) => ({ key: field.json ?? field.name, omitempty: field.omitempty ?? false, val: v }));
  const obj = val.v as Record<string, unknown>;
  return Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .map((k) => ({ key: k, omitempty: false, val: { v: obj[k], path: fieldPath(val.path, k) } }));
}

/** fmt.Stringer's result for a typed value that has one (time.Time, time.Duration). */
export function stringerOf(val: Val): string | undefined {
  return val.t?.string && val.v !== null && val.v !== undefined ? val.t.string(val.v) : undefined;
}

/** Go's template truth: the zero value of any type is false, structs and non-nil pointers are always true. */
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
      return typeof v === 'bigint' ? v !== 0n : Number(v) !== 0;
    case 'bool':
      return v as boolean;
    case 'slice':
    case 'map':
      return v !== null && Object.keys(v as object).length > 0;
    default:
      return true;
  }
}

/** A Go type name for messages such as "wrong type for value; expected string; got int", and for %T. */
export function goTypeName(val: Val, ctx: ValueContext): string {
  if (val.t) return val.t.name;
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
