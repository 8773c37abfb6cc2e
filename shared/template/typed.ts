// Values with a Go type (go-types.ts) as reflection sees them: zero values for missing fields, nil slices, maps,
// pointers and interfaces, struct fields by Go name in declaration order, interface{} values by their dynamic type.
import { dynamicType, isNilable, JSON_NUMBER, zeroOf, type GoField, type GoType } from './go-types.js';
import { elementPath, fieldPath, sortedKeys, type Kind, type Val } from './val.js';

/** The value at `path` of type `t`, its zero value when the JSON lacks it. */
export function typedVal(v: unknown, t: GoType, path: string): Val {
  if (t.kind === 'interface') {
    if (v === null || v === undefined) return { v: null, path, t };
    const dynamic = dynamicType(v);
    return { v: dynamic === JSON_NUMBER ? String(v) : v, path, t: dynamic, iface: true };
  }
  if (v === null || v === undefined) return { v: isNilable(t) ? null : zeroOf(t), path, t };
  return { v, path, t };
}

export function typedKind(val: Val): Kind {
  const t = val.t!;
  switch (t.kind) {
    case 'pointer':
      return val.v === null ? 'nil' : 'pointer';
    case 'interface':
      return 'nil'; // typedVal gives a non-nil interface its dynamic type
    default:
      return t.kind;
  }
}

/** The value a non-nil pointer points at (Go's indirect stops at nil). */
export function deref(val: Val): Val {
  let out = val;
  while (out.t?.kind === 'pointer' && out.v !== null) out = typedVal(out.v, out.t.elem, out.path);
  return out;
}

/** After a pipeline command Go digs into interface{} values: nil becomes the invalid value (<no value>). */
export function concrete(val: Val): Val {
  if (val.t?.kind === 'interface') return { v: undefined, path: val.path };
  if (!val.iface) return val;
  const { iface: _, ...rest } = val;
  return rest;
}

export function typedItems(val: Val): Val[] {
  const t = val.t as Extract<GoType, { kind: 'slice' }>;
  const items = (val.v as unknown[] | null) ?? [];
  return items.map((e, i) => typedVal(e, t.elem, elementPath(val.path, i)));
}

export function typedEntries(val: Val): Array<[string, Val]> {
  const t = val.t as Extract<GoType, { kind: 'map' }>;
  const obj = (val.v as Record<string, unknown> | null) ?? {};
  return sortedKeys(obj).map((k) => [k, typedVal(obj[k], t.elem, elementPath(val.path, k))]);
}

/** A map entry; undefined when the key is absent (Go's invalid MapIndex result). */
export function typedMapGet(val: Val, key: string): Val | undefined {
  const t = val.t as Extract<GoType, { kind: 'map' }>;
  const obj = val.v as Record<string, unknown> | null;
  if (obj === null || !Object.hasOwn(obj, key)) return undefined;
  return typedVal(obj[key], t.elem, elementPath(val.path, key));
}

/** The zero value of a map's element type, as `index` returns for a missing key. */
export function typedMapZero(val: Val, key: string): Val {
  const t = val.t as Extract<GoType, { kind: 'map' }>;
  return typedVal(undefined, t.elem, elementPath(val.path, key));
}

export function typedFields(val: Val): Array<{ field: GoField; val: Val }> {
  const t = val.t as Extract<GoType, { kind: 'struct' }>;
  const obj = (val.v ?? {}) as Record<string, unknown>;
  return t.fields.map((field) => ({ field, val: typedVal(obj[field.json ?? field.name], field.type, fieldPath(val.path, field.name)) }));
}

export function structHasField(t: GoType, name: string): boolean {
  return t.kind === 'struct' && t.fields.some((f) => f.name === name);
}

export function typedField(val: Val, name: string): Val | undefined {
  const t = val.t as Extract<GoType, { kind: 'struct' }>;
  const field = t.fields.find((f) => f.name === name);
  if (!field) return undefined;
  const obj = (val.v ?? {}) as Record<string, unknown>;
  return typedVal(obj[field.json ?? field.name], field.type, fieldPath(val.path, name));
}

/** encoding/json's isEmptyValue, which decides `omitempty`. */
export function isEmptyValue(val: Val): boolean {
  switch (typedKind(val)) {
    case 'nil':
      return true;
    case 'slice':
    case 'map':
      return val.v === null || Object.keys(val.v as object).length === 0;
    case 'string':
      return (val.v as string).length === 0;
    case 'bool':
      return val.v === false;
    case 'int':
    case 'float':
      return Number(val.v) === 0;
    default:
      return false;
  }
}
