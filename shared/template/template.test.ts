import { describe, expect, test } from 'vitest';
import { BerthError } from '../errors.js';
import { compileTemplate, formatTemplate, isTableTemplate, tableHeader, templateBody } from './index.js';

// Shaped like `docker image inspect` output.
const image = {
  Id: 'sha256:4a1c0f6e2b9d8c7a6b5e4f3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b',
  RepoTags: ['alpine:3.20', 'alpine:latest'],
  RepoDigests: [],
  Architecture: 'amd64',
  Os: 'linux',
  Size: 7797760,
  Config: {
    Env: ['PATH=/usr/local/sbin:/usr/bin', 'LANG=C.UTF-8'],
    Cmd: ['/bin/sh'],
    Entrypoint: null,
    Labels: { 'a.b': 'dotted', maintainer: 'me <me@example.com>', version: '1.0' },
    ExposedPorts: { '80/tcp': {}, '443/tcp': {} },
    Volumes: null,
  },
  RootFS: { Type: 'layers', Layers: ['sha256:aaa', 'sha256:bbb'] },
  Tag: 'latest',
  Empty: '',
};

const run = (source: string, data: unknown = image): string => formatTemplate(source, data);

describe('docker usages', () => {
  test.each([
    ['{{.Architecture}}', 'amd64'],
    ['{{json .Config}}', '{"Env":["PATH=/usr/local/sbin:/usr/bin","LANG=C.UTF-8"],"Cmd":["/bin/sh"],"Entrypoint":null,'
      + '"Labels":{"a.b":"dotted","maintainer":"me <me@example.com>","version":"1.0"},'
      + '"ExposedPorts":{"443/tcp":{},"80/tcp":{}},"Volumes":null}'],
    ['{{range .RepoTags}}{{.}} {{end}}', 'alpine:3.20 alpine:latest '],
    ['{{join .Config.Env ","}}', 'PATH=/usr/local/sbin:/usr/bin,LANG=C.UTF-8'],
    ['{{index .Config.Labels "a.b"}}', 'dotted'],
    ['{{index .Config.Labels "missing"}}', ''],
    ['{{if .Config.Cmd}}x{{else}}y{{end}}', 'x'],
    ['{{if .Config.Entrypoint}}x{{else}}y{{end}}', 'y'],
    ['{{.Id | printf "%.19s"}}', 'sha256:4a1c0f6e2b9d'],
    ['{{truncate .Id 12}}', 'sha256:4a1c0'],
    ['{{pad .Tag 1 2}}|', ' latest  |'],
    ['{{pad .Empty 1 2}}|', '|'],
    ['{{len .RootFS.Layers}}', '2'],
    ['{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}', 'a.b=dotted;maintainer=me <me@example.com>;version=1.0;'],
    ['{{.Config.Labels}}', 'map[a.b:dotted maintainer:me <me@example.com> version:1.0]'],
    ['{{.Config.ExposedPorts}}', 'map[443/tcp:{} 80/tcp:{}]'],
    ['{{.Config.Labels.version}}', '1.0'],
    ['{{.Config.Labels.nope}}', '<no value>'],
    ['{{.RootFS}}', '{layers [sha256:aaa sha256:bbb]}'],
    ['{{.Size}}', '7797760'],
    ['{{json .RepoTags}}', '["alpine:3.20","alpine:latest"]'],
    ['{{json .Config.Labels.maintainer}}', '"me <me@example.com>"'],
    ['{{upper .Os}} {{lower "ABC"}} {{title "hello wide-world_x"}}', 'LINUX abc Hello Wide-World_x'],
    ['{{split "a:b:c" ":"}}', '[a b c]'],
    ['{{join (split "a:b:c" ":") "-"}}', 'a-b-c'],
    ['{{join .Config.Labels ","}}', 'dotted,me <me@example.com>,1.0'],
    ['{{join .Config.Volumes ","}}', ''],
    ['{{truncate "héllo" 2}}', 'h\uFFFD'],
    ['{{truncate "abc" 5}}', 'abc'],
    ['{{println .Os}}', 'linux\n'],
  ])('%s', (source, expected) => {
    expect(run(source)).toBe(expected);
  });
});

describe('syntax', () => {
  test.each([
    ['plain text', 'plain text'],
    ['a {{- " b " -}} c', 'a b c'],
    ['a  \n{{- .Os}}', 'alinux'],
    ['{{.Os -}}  \n  x', 'linuxx'],
    ['x {{/* a comment */}} y', 'x  y'],
    ['x {{- /* trimmed */ -}} y', 'xy'],
    ['{{"\\tq\\u00e9\\x41"}}', '\tqéA'],
    ['{{`raw \\n`}}', 'raw \\n'],
    ['{{1}} {{-3}} {{0x1F}} {{1_000}} {{0o17}} {{0b101}} {{017}}', '1 -3 31 1000 15 5 15'],
    ["{{'a'}} {{'\\n'}}", '97 10'],
    ['{{true}} {{false}}', 'true false'],
    ['{{2.5}} {{1e-7}}', '2.5 1e-07'],
    ['{{$}}', '{a}'],
    ['{{$x := .Os}}{{$x}}', 'linux'],
    ['{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}', '2'],
    ['{{$x := 1}}{{if true}}{{$x := 2}}{{end}}{{$x}}', '1'],
    ['{{.RootFS.Type}}', 'layers'],
    ['{{with .RootFS}}{{.Type}} {{$.Os}}{{end}}', 'layers linux'],
    ['{{with .Empty}}x{{else}}empty{{end}}', 'empty'],
    ['{{with .Empty}}x{{else with .Os}}{{.}}{{end}}', 'linux'],
    ['{{if .Empty}}a{{else if .Os}}b{{else}}c{{end}}', 'b'],
    ['{{if .Empty}}a{{else if .Empty}}b{{else}}c{{end}}', 'c'],
    ['{{range $i, $t := .RepoTags}}{{$i}}:{{$t}} {{end}}', '0:alpine:3.20 1:alpine:latest '],
    ['{{range $t := .RepoTags}}{{$t}},{{end}}', 'alpine:3.20,alpine:latest,'],
    ['{{range .RepoDigests}}x{{else}}none{{end}}', 'none'],
    ['{{range .Config.Volumes}}x{{else}}none{{end}}', 'none'],
    ['{{range .Config.Labels}}{{.}},{{end}}', 'dotted,me <me@example.com>,1.0,'],
    ['{{range 3}}{{.}}{{end}}', '012'],
    ['{{range .RepoTags}}{{if eq . "alpine:3.20"}}{{continue}}{{end}}{{.}}{{end}}', 'alpine:latest'],
    ['{{range .RepoTags}}{{.}}{{break}}{{end}}', 'alpine:3.20'],
    ['{{(index .RepoTags 1)}}', 'alpine:latest'],
    ['{{(index .Config "Labels").version}}', '1.0'],
    ['{{.Os | printf "%s-%s" "x"}}', 'x-linux'],
    ['{{"a" | printf "%s%s" "b" | printf "[%s]"}}', '[ba]'],
    ['{{.Nil}}', '<nil>'],
    ['{{.}}', '<no value>'],
  ])('%s', (source, expected) => {
    const data = source.includes('$}}') ? { A: 'a' } : source === '{{.}}' ? undefined : { ...image, Nil: null };
    expect(formatTemplate(source, data)).toBe(expected);
  });
});

describe('built-in functions', () => {
  test.each([
    ['{{and 1 0 2}}', '0'],
    ['{{and 1 2}}', '2'],
    ['{{or 0 "" "x"}}', 'x'],
    ['{{or 0 ""}}', ''],
    ['{{and .Empty .Missing.Deep}}', ''], // short-circuit: .Missing is never evaluated
    ['{{not .Empty}} {{not .Os}}', 'true false'],
    ['{{eq .Os "linux"}} {{eq 1 2 3 1}} {{ne .Os "linux"}} {{eq .Nil nil}}', 'true true false true'],
    ['{{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}}', 'true true true false'],
    ['{{len .Os}} {{len "héllo"}} {{len .Config.Labels}}', '5 6 3'],
    ['{{index .RepoTags 0}} {{index "abc" 1}}', 'alpine:3.20 98'],
    ['{{slice .Os 1 3}} {{slice .RepoTags 1}}', 'in [alpine:latest]'],
    ['{{print "a" "b" 1 2 "c"}}', 'ab1 2c'],
    ['{{println "a" 1}}', 'a 1\n'],
    ['{{html "<a href=\'x\'>&</a>"}}', '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;'],
    ['{{urlquery "a b&c/d"}}', 'a+b%26c%2Fd'],
    ['{{printf "%v" .Config.Cmd}}', '[/bin/sh]'],
  ])('%s', (source, expected) => {
    expect(run(source, { ...image, Nil: null })).toBe(expected);
  });
});

function errorOf(source: string, data: unknown = image): BerthError {
  try {
    formatTemplate(source, data);
  } catch (err) {
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).code).toBe('INVALID_TEMPLATE');
    return err as BerthError;
  }
  throw new Error(`no error for ${source}`);
}

describe('parse errors', () => {
  test.each([
    ['{{.Foo', 'template: :1: unclosed action'],
    ['line1\n{{', 'template: :2: unclosed action'],
    ['{{\n\n\n', 'template: :4: unclosed action started at :1'],
    ['{{.A}', 'template: :1: unexpected "}" in operand'],
    ['{{foo}}', 'template: :1: function "foo" not defined'],
    ['{{if .A}}x', 'template: :1: unexpected EOF'],
    ['{{end}}', 'template: :1: unexpected {{end}}'],
    ['{{else}}', 'template: :1: unexpected {{else}}'],
    ['{{range .A}}{{else}}{{else}}{{end}}', 'template: :1: expected end; found {{else}}'],
    ['{{/* x', 'template: :1: unclosed comment'],
    ['{{/* x */ y}}', 'template: :1: comment ends before closing delimiter'],
    ['{{"abc}}', 'template: :1: unterminated quoted string'],
    ['{{`abc}}', 'template: :1: unterminated raw quoted string'],
    ["{{'a}}", 'template: :1: unterminated character constant'],
    ['{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{break}}', 'template: :1: {{break}} outside {{range}}'],
    ['{{.X (1 2}}', 'template: :1: unclosed left paren'],
    ['{{.X 1 ) }}', "template: :1: unexpected right paren U+0029 ')'"],
    ['{{12|false}}', 'template: :1: non executable command in pipeline stage 2'],
    ['{{ ( ) }}', 'template: :1: missing value for parenthesized pipeline'],
    ['{{}}', 'template: :1: missing value for command'],
    ['{{true.any}}', 'template: :1: unexpected . after term "true"'],
    ['{{$a,$b,$c := 1}}', 'template: :1: too many declarations in command'],
    ['{{range $k, 123 := .}}{{end}}', 'template: :1: range can only initialize variables'],
    ['{{0xi}}', 'template: :1: bad number syntax: "0xi"'],
    ['{{a#}}', "template: :1: bad character U+0023 '#'"],
    ['{{"\\q"}}', 'template: :1: invalid syntax'],
    ['{{template "x"}}', 'template: :1: {{template}} is not supported'],
    ['a\nb {{if}}', 'template: :2: missing value for if'],
  ])('%s', (source, message) => {
    expect(() => compileTemplate(source)).toThrow(message);
    expect(errorOf(source).message).toBe(message);
  });
});

describe('execution errors', () => {
  // As in Go, a field chain (.A.B.C) is positioned at its second field.
  test.each([
    ['{{.Foo}}', 'template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type struct'],
    ['x\n  {{.Config.Foo}}', 'template: :2:11: executing "" at <.Config.Foo>: can\'t evaluate field Foo in type struct'],
    ['{{.Os.Foo}}', 'template: :1:5: executing "" at <.Os.Foo>: can\'t evaluate field Foo in type string'],
    ['{{.Config.Entrypoint.X}}', 'template: :1:9: executing "" at <.Config.Entrypoint.X>: nil pointer evaluating .Config.Entrypoint.X'],
    ['{{index .RepoTags 5}}', 'template: :1:2: executing "" at <index .RepoTags 5>: error calling index: index out of range: 5'],
    ['{{len .Size}}', 'template: :1:2: executing "" at <len .Size>: error calling len: len of type int'],
    ['{{len .RootFS}}', 'template: :1:2: executing "" at <len .RootFS>: error calling len: len of type struct'],
    ['{{upper 3}}', 'template: :1:8: executing "" at <3>: expected string; found 3'],
    ['{{upper .Size}}', 'template: :1:8: executing "" at <.Size>: wrong type for value; expected string; got int'],
    ['{{pad .Tag "[" "]"}}', 'template: :1:11: executing "" at <"[">: expected integer; found "["'],
    ['{{join .Size ","}}', 'template: :1:7: executing "" at <.Size>: wrong type for value; expected []string; got int'],
    ['{{upper .Config.Labels.nope}}', 'template: :1:15: executing "" at <.Config.Labels.nope>: invalid value; expected string'],
    ['{{lower}}', 'template: :1:2: executing "" at <lower>: wrong number of args for lower: want 1 got 0'],
    ['{{eq .Os 1}}', 'template: :1:2: executing "" at <eq .Os 1>: error calling eq: incompatible types for comparison'], // Go's errBadComparison names no types
    ['{{lt .RepoTags 1}}', 'template: :1:2: executing "" at <lt .RepoTags 1>: error calling lt: invalid type for comparison'],
    ['{{range .Os}}{{end}}', 'template: :1:8: executing "" at <.Os>: range can\'t iterate over linux'],
    ['{{.Os 1}}', 'template: :1:2: executing "" at <.Os>: Os has arguments but cannot be invoked as function'],
    ['{{"x" | .Config.Labels.version}}', 'template: :1:15: executing "" at <.Config.Labels.version>: version is not a method but has arguments'],
    ['{{1 2}}', 'template: :1:2: executing "" at <1>: can\'t give argument to non-function 1'],
    ['{{nil}}', 'template: :1:2: executing "" at <nil>: nil is not a command'],
    ['{{slice .Os 3 1}}', 'template: :1:2: executing "" at <slice .Os 3 1>: error calling slice: invalid slice index: 3 > 1'],
    ['{{index .Os "x"}}', 'template: :1:2: executing "" at <index .Os "x">: error calling index: cannot index slice/array with type string'],
  ])('%s', (source, message) => {
    expect(errorOf(source).message).toBe(message);
  });

  test('compiling succeeds and execution errors name the template', () => {
    const template = compileTemplate('{{.Foo}}', { name: 'images' });
    expect(() => template.execute({})).toThrow('template: images:1:2: executing "images" at <.Foo>');
  });
});

describe('structs and maps', () => {
  test('isMap decides per path; maps print sorted, tolerate missing keys and are false when empty', () => {
    const data = { Meta: { b: 2, a: 1 }, Empty: {} };
    const isMap = (_v: object, path: string): boolean => path === '.Meta' || path === '.Empty';
    const t = (source: string): string => formatTemplate(source, data, { isMap });
    expect(t('{{.Meta}} {{.Meta.zz}} {{if .Empty}}y{{else}}n{{end}}')).toBe('map[a:1 b:2] <no value> n');
    expect(formatTemplate('{{.Meta}} {{if .Empty}}y{{else}}n{{end}}', data)).toBe('{2 1} y');
    expect(() => formatTemplate('{{.Meta.zz}}', data)).toThrow("can't evaluate field zz in type struct");
  });

  test('json keeps struct field order and sorts map keys, without HTML escaping', () => {
    const data = { Z: 1, A: { Labels: { z: '<&>', a: 'x' } } };
    expect(formatTemplate('{{json .}}', data)).toBe('{"Z":1,"A":{"Labels":{"a":"x","z":"<&>"}}}');
    expect(formatTemplate('{{json .Missing}}', { Missing: undefined })).toBe('null');
    expect(formatTemplate('{{json "a\u2028b"}}', {})).toBe('"a\\u2028b"');
  });

  test('extra functions and methods on the data', () => {
    const out = formatTemplate('{{shout .Name}} {{.Greet "you"}}', { Name: 'x', Greet: (who: string) => `hi ${who}` }, {
      funcs: { shout: (s) => `${String(s)}!` },
    });
    expect(out).toBe('x! hi you');
  });
});

describe('table formats', () => {
  test.each([
    ['table {{.Repository}}\\t{{.Tag}}', true, '{{.Repository}}\t{{.Tag}}'],
    ['table', true, ''],
    ['{{.ID}}\\n', false, '{{.ID}}\n'],
    ['  {{.ID}} ', false, '{{.ID}}'],
  ])('%s', (format, table, body) => {
    expect(isTableTemplate(format)).toBe(table);
    expect(templateBody(format)).toBe(body);
  });

  test('the header line maps fields through the headers record', () => {
    const headers = { Repository: 'REPOSITORY', '.Tag': 'TAG', ID: 'IMAGE ID' };
    expect(tableHeader('table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}', headers)).toBe('REPOSITORY\tTAG\tIMAGE ID');
    expect(tableHeader('table {{upper .Repository}} {{truncate .ID 3}} {{json .Tag}}', headers)).toBe('REPOSITORY IMAGE ID TAG');
    expect(tableHeader('table {{pad .Tag 1 1}}|{{.CreatedSince}}', headers)).toBe(' TAG |CREATEDSINCE');
  });
});
