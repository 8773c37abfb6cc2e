// Typed values (go-types.ts): a template over JSON paired with a Go type behaves as Go's reflection over the
// struct; jsonValue behaves as JSON decoded into interface{} (UseNumber). Outputs are Go's (checked against
// docker 20.10 in shared/inspect).
import { describe, expect, test } from 'vitest';
import {
  BOOL, compileTemplate, DURATION, EMPTY_STRUCT, field, goValue, INT64, jsonValue, mapOf, pointerTo, sliceOf, STRING, struct, TIME,
} from './index.js';

const INNER = struct('pkg.Inner', [field('Name', STRING), field('Wait', DURATION, { omitempty: true })]);
const OUTER = struct('pkg.Outer', [
  field('ID', STRING, { json: 'Id' }),
  field('List', sliceOf(STRING)),
  field('Tags', mapOf(STRING)),
  field('Ports', mapOf(EMPTY_STRUCT, 'nat.PortSet', 'nat.Port'), { omitempty: true }),
  field('Inner', pointerTo(INNER), { omitempty: true }),
  field('Size', INT64),
  field('On', BOOL, { omitempty: true }),
  field('When', TIME),
]);

const data = { Id: 'x1', List: ['a', 'b'], Tags: { b: '2', a: '1' }, Ports: { '80/tcp': {} }, Inner: { Name: 'in', Wait: 1.5e9 }, Size: 7 };
const typed = (source: string, value: unknown = data): string => compileTemplate(source).execute(goValue(value, OUTER));
const raw = (source: string, value: unknown = data): string => compileTemplate(source).execute(jsonValue(value), { missingKey: 'error' });

describe('typed values', () => {
  test.each([
    ['{{.ID}}', 'x1'],
    ['{{.List}} {{.Tags}} {{.Size}} {{.On}}', '[a b] map[a:1 b:2] 7 false'],
    ['{{.Inner}} {{.Inner.Wait}} {{printf "%v|%d" .Inner.Wait .Inner.Wait}}', '{in 1.5s} 1.5s 1.5s|1500000000'],
    ['{{printf "%v" .Inner}} {{print .Inner}}', '&{in 1.5s} &{in 1.5s}'],
    ['{{.When}} {{.When.Year}}', '0001-01-01 00:00:00 +0000 UTC 1'],
    ['{{json .}}', '{"Id":"x1","List":["a","b"],"Tags":{"a":"1","b":"2"},"Ports":{"80/tcp":{}},"Inner":{"Name":"in","Wait":1500000000},"Size":7,"When":"0001-01-01T00:00:00Z"}'],
    ['{{printf "%T %T %T %T" . .Inner .Ports .Inner.Wait}}', 'pkg.Outer *pkg.Inner nat.PortSet time.Duration'],
    ['{{.Tags.a}} {{.Tags.zz}} {{index .Tags "zz"}}|', '1 <no value> |'],
    ['{{range $k, $_ := .Ports}}{{$k}}{{end}} {{len .Ports}}', '80/tcp 1'],
  ])('%s', (source, expected) => {
    expect(typed(source)).toBe(expected);
  });

  test.each([
    ['{{.List}} {{.Tags}} {{.Inner}} {{len .List}} {{json .List}}', '[] map[] <nil> 0 null'],
    ['{{json .}}', '{"Id":"","List":null,"Tags":null,"Size":0,"When":"0001-01-01T00:00:00Z"}'],
    ['{{if .Inner}}y{{else}}n{{end}} {{with .List}}y{{else}}n{{end}} {{range .Tags}}x{{else}}none{{end}}', 'n n none'],
  ])('zero values: %s', (source, expected) => {
    expect(typed(source, {})).toBe(expected);
  });

  test.each([
    ['{{.Id}}', "can't evaluate field Id in type pkg.Outer"],
    ['{{.Inner.Name}}', 'nil pointer evaluating *pkg.Inner.Name'],
    ['{{.Inner.Nope}}', "can't evaluate field Nope in type *pkg.Inner"],
    ['{{index .Ports "80/tcp"}}', 'value has type string; should be nat.Port'],
    ['{{.Ports.x}}', "can't evaluate field x in type nat.PortSet"],
    ['{{index .List 0}}', 'index out of range: 0'],
    ['{{upper .Size}}', 'wrong type for value; expected string; got int64'],
    ['{{join .Tags ","}}', 'wrong type for value; expected []string; got map[string]string'],
  ])('errors: %s', (source, message) => {
    expect(() => typed(source, { Ports: {} })).toThrow(message);
  });
});

describe('JSON decoded into interface{}', () => {
  test.each([
    ['{{.Id}} {{.Size}} {{printf "%T %T %T" .Size .Tags .List}}', 'x1 7 json.Number map[string]interface {} []interface {}'],
    ['{{.Inner}} {{json .Inner}} {{.Missing}}', 'map[Name:in Wait:1500000000] {"Name":"in","Wait":1500000000} <no value>'],
    ['{{index .Tags "zz"}} {{.Null}} {{printf "%v" .Null}} {{len .List}}', '<no value> <no value> <nil> 2'],
  ])('%s', (source, expected) => {
    expect(compileTemplate(source).execute(jsonValue({ ...data, Missing: undefined, Null: null }))).toBe(expected);
  });

  test.each([
    ['{{.Nope}}', 'map has no entry for key "Nope"'],
    ['{{.Null.x}}', 'nil pointer evaluating interface {}.x'],
    ['{{.List.x}}', "can't evaluate field x in type interface {}"],
    ['{{index .Null "a"}}', 'index of untyped nil'],
    ['{{len .Null}}', 'len of nil pointer'],
    ['{{.Null | len}}', 'reflect: call of reflect.Value.Type on zero Value'],
    ['{{eq .Size 7}}', 'incompatible types for comparison'],
    ['{{join .List ","}}', 'wrong type for value; expected []string; got []interface {}'],
  ])('errors: %s', (source, message) => {
    expect(() => raw(source, { ...data, Null: null })).toThrow(message);
  });
});
