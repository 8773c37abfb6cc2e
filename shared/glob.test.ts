import { describe, expect, it } from 'vitest';
import { compilePathPattern, pathMatch } from './glob.js';

// Cases in the spirit of Go's path/match_test.go: what path.Match answers, or an error for a bad pattern.
const CASES: Array<[string, string, boolean | 'bad']> = [
  ['abc', 'abc', true], ['*', 'abc', true], ['*c', 'abc', true], ['a*', 'a', true], ['a*', 'abc', true], ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true], ['a*/b', 'a/c/b', false], ['a*b*c*d*e*/f', 'axbxcxdxe/f', true], ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false], ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false], ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false], ['ab[c]', 'abc', true], ['ab[b-d]', 'abc', true], ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false], ['ab[^b-d]', 'abc', false], ['ab[^e-g]', 'abc', true], ['a\\*b', 'a*b', true], ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true], ['a[^a]b', 'a☺b', true], ['a???b', 'a☺b', false], ['a[^a][^a][^a]b', 'a☺b', false], ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false], ['a?b', 'a/b', false], ['a*b', 'a/b', false], ['[\\]a]', ']', true], ['[\\-]', '-', true],
  ['[x\\-]', 'x', true], ['[x\\-]', '-', true], ['[x\\-]', 'z', false], ['[\\-x]', 'x', true], ['[\\-x]', '-', true], ['[\\-x]', 'a', false],
  ['[]a]', ']', 'bad'], ['[-]', '-', 'bad'], ['[x-]', 'x', 'bad'], ['[-x]', 'x', 'bad'], ['\\', 'a', 'bad'], ['[a-b-c]', 'a', 'bad'],
  ['[', 'a', 'bad'], ['[^', 'a', 'bad'], ['[^bc', 'a', 'bad'], ['a[', 'a', 'bad'], ['a[', 'ab', 'bad'], ['a[', 'x', 'bad'], ['a/b[', 'x', 'bad'],
  ['*x', 'xxx', true], ['ubuntu', 'ubuntu', true], ['ubu*', 'ubuntu:14.04', true], ['*/app', 'ghcr.io/app', true], ['*/app', 'ghcr.io/x/app', false], ['*/*', 'library/ubuntu', true],
  ['', '', true], ['', 'a', false], ['**', 'abc', true], ['a**c', 'abbbc', true],
];

describe("pathMatch (Go's path.Match)", () => {
  it.each(CASES)('%j against %j', (pattern, name, expected) => {
    if (expected === 'bad') expect(() => pathMatch(pattern, name)).toThrow(/syntax error in pattern/);
    else expect(pathMatch(pattern, name)).toBe(expected);
  });

  it('refuses a bad pattern before matching any name', () => {
    expect(() => compilePathPattern('x[')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('takes steps in proportion to pattern × name, not exponential time, on a pathological pattern', () => {
    // A backtracking RegExp needs billions of steps for this; Go's algorithm (and this one) a few hundred thousand.
    const matches = compilePathPattern(`${'*a'.repeat(20)}*b`);
    const name = 'a'.repeat(5000);
    const started = process.hrtime.bigint();
    expect(matches(name)).toBe(false);
    expect(matches(`${name}b`)).toBe(true);
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(5);
  });
});
