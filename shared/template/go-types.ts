// Go types for values held as JSON. docker/cli runs a `-f` template over a Go struct (types.ImageInspect), not over
// the JSON it was decoded from: field names are Go's (`.ID`, whose JSON key is `Id`), a missing field is its zero
// value, nil slices and maps print as `[]` and `map[]`, time.Time and time.Duration print through their String
// methods, and `json` re-encodes in struct field order with `omitempty`. A GoType describes such a struct; a value
// paired with one (goValue) is evaluated the way Go's reflection sees it. Untyped values keep values.ts's rules.
import type { TemplateFunctionDef } from './functions.js';

interface Named {
  /** As `%T` prints it: `int64`, `[]string`, `strslice.StrSlice`, `*container.Config`, `time.Time`. */
  name: string;
  /** fmt.Stringer: used by printing and by printf's %v %s %q %x %X. */
  string?: (v: unknown) => string;
  /** json.Marshaler: the encoded text. */
  json?: (v: unknown) => string;
  /** Methods a template can call as `.Field` (receiver bound). */
  methods?: Record<string, (receiver: unknown) => TemplateFunctionDef>;
  /** The zero value as held in JSON, when it is not the kind's ('' 0 false null {}). */
  zero?: unknown;
}

export interface GoField {
  /** The Go field name templates use. */
  name: string;
  /** The JSON key (encoding/json tag); the field name when absent. */
  json?: string;
  omitempty?: boolean;
  type: GoType;
}

export type GoType =
  | (Named & { kind: 'string' | 'bool' | 'int' | 'float' })
  | (Named & { kind: 'slice'; elem: GoType })
  /** Keys are strings; `key` names their type when it is a defined one (nat.Port), which `index "x"` rejects. */
  | (Named & { kind: 'map'; elem: GoType; key?: string })
  | (Named & { kind: 'struct'; fields: readonly GoField[] })
  | (Named & { kind: 'pointer'; elem: GoType })
  /** interface{}: the dynamic type follows the JSON value, as encoding/json decodes it (see dynamicType). */
  | (Named & { kind: 'interface' });

export const STRING: GoType = { kind: 'string', name: 'string' };
export const BOOL: GoType = { kind: 'bool', name: 'bool' };
export const INT: GoType = { kind: 'int', name: 'int' };
export const INT64: GoType = { kind: 'int', name: 'int64' };
export const FLOAT64: GoType = { kind: 'float', name: 'float64' };
export const INTERFACE: GoType = { kind: 'interface', name: 'interface {}' };
/** struct{}, the value type of docker's sets (nat.PortSet, Volumes). */
export const EMPTY_STRUCT: GoType = { kind: 'struct', name: 'struct {}', fields: [] };

export const sliceOf = (elem: GoType, name = `[]${elem.name}`): GoType => ({ kind: 'slice', name, elem });
export const mapOf = (elem: GoType, name = `map[string]${elem.name}`, key?: string): GoType =>
  (key ? { kind: 'map', name, elem, key } : { kind: 'map', name, elem });
export const pointerTo = (elem: GoType): GoType => ({ kind: 'pointer', name: `*${elem.name}`, elem });

/** One struct field: `field('ID', STRING, { json: 'Id' })`. */
export function field(name: string, type: GoType, tag: { json?: string; omitempty?: boolean } = {}): GoField {
  return { name, type, ...tag };
}

export function struct(name: string, fields: GoField[]): GoType {
  return { kind: 'struct', name, fields };
}

/** json.Number: encoding/json's UseNumber keeps numbers as their literal text, a string type. */
export const JSON_NUMBER: GoType = { kind: 'string', name: 'json.Number', json: (v) => v as string };
const JSON_ARRAY = sliceOf(INTERFACE);
const JSON_OBJECT = mapOf(INTERFACE);

/** The dynamic type of a non-null JSON value decoded into interface{} with UseNumber (docker's raw fallback). */
export function dynamicType(v: unknown): GoType {
  switch (typeof v) {
    case 'string':
      return STRING;
    case 'boolean':
      return BOOL;
    case 'number':
    case 'bigint':
      return JSON_NUMBER;
    default:
      return Array.isArray(v) ? JSON_ARRAY : JSON_OBJECT;
  }
}

/** Slices, maps, pointers and interfaces can be nil; the other kinds always hold a value. */
export function isNilable(t: GoType): boolean {
  return t.kind === 'slice' || t.kind === 'map' || t.kind === 'pointer' || t.kind === 'interface';
}

export function zeroOf(t: GoType): unknown {
  if (t.zero !== undefined) return t.zero;
  switch (t.kind) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int':
    case 'float':
      return 0;
    case 'struct':
      return {};
    default:
      return null;
  }
}

/** A value with its Go type, as data for a template (the root of an execution). */
export class GoValue {
  constructor(readonly value: unknown, readonly type: GoType) {}
}

export function goValue(value: unknown, type: GoType): GoValue {
  return new GoValue(value, type);
}

/** JSON decoded into interface{}: every object a map[string]interface{}, numbers json.Number. */
export function jsonValue(value: unknown): GoValue {
  return new GoValue(value, INTERFACE);
}
