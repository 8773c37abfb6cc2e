import { describe, expect, test } from 'vitest';
import { formatFloat, formatValue } from './print.js';
import { sprintf } from './printf.js';
import { dockerIsMap, type Val } from './values.js';

const ctx = { isMap: dockerIsMap };
const vals = (...values: unknown[]): Val[] => values.map((v) => ({ v, path: '' }));

describe('sprintf matches Go fmt', () => {
  test.each<[string, unknown[], string]>([
    ['%5.2f', [3.14159], ' 3.14'],
    ['%6.2f|%-7.1f|', [-1.5, 2.25], ' -1.50|2.2    |'],
    ['%08.3f', [3.14159], '0003.142'],
    ['%.0f %.0f %.1f %.2f', [2.5, 3.5, 0.05, 1.005], '2 4 0.1 1.00'],
    ['%f %.3f', [1, 0.0001], '1.000000 0.000'],
    ['%e %E %+.1e', [1234.5678, 1234.5678, 12345], '1.234568e+03 1.234568E+03 +1.2e+04'],
    ['%g %g %.3g %g', [1234.5678, 0.00001234, 1234.5678, 100000.5], '1234.5678 1.234e-05 1.23e+03 100000.5'],
    ['%d|%05d|%+d|% d|%.3d', [42, -42, 5, 5, 7], '42|-0042|+5| 5|007'],
    ['%x %X %#x %o %#o %b', [255, 255, 255, 8, 8, 5], 'ff FF 0xff 10 010 101'],
    ['%c %q %U', [65, 97, 0x1f600], "A 'a' U+1F600"],
    ['%s|%10s|%-5s|%.2s', ['hi', 'hi', 'hi', 'héllo'], 'hi|        hi|hi   |hé'],
    ['%q %#q %x %X', ['a"b\n', 'ab', 'hi', 'hi'], '"a\\"b\\n" `ab` 6869 6869'],
    ['%q', ['\u0007\u007féx'], '"\\a\\x7féx"'],
    ['%t %5t %v', [true, false, true], 'true false true'],
    ['%v %v %v', [[1, 'a'], null, 1.5e-7], '[1 a] <nil> 1.5e-07'],
    ['%v %v %v', [123456.7, 1234567.8, 1e21], '123456.7 1.2345678e+06 1000000000000000000000'],
    ['%d %q %s', [[1, 2], ['a', 'b'], ['a', 1]], '[1 2] ["a" "b"] [a %!s(int=1)]'],
    ['%T %T %T %T %T', ['x', 1, 1.5, ['a'], [1]], 'string int float64 []string []interface {}'],
    ['%*d|%-*d|', [5, 42, 4, 7], '   42|7   |'],
    ['100%%', [], '100%'],
    ['%t %d %d %s %z', [1, 'x', 1.5, null, 1], '%!t(int=1) %!d(string=x) %!d(float64=1.5) %!s(<nil>) %!z(int=1)'],
    ['%s %s', ['a'], 'a %!s(MISSING)'],
    ['%s', ['a', 'b', 2], 'a%!(EXTRA string=b, int=2)'],
    ['abc%', [], 'abc%!(NOVERB)'],
    ['%v', [{ Labels: { b: 1, a: 2 }, N: 'x' }], '{map[a:2 b:1] x}'],
  ])('%s %j', (format, args, expected) => {
    expect(sprintf(format, vals(...args), ctx)).toBe(expected);
  });
});

describe('strconv.FormatFloat', () => {
  test.each<[number, 'e' | 'f' | 'g', number, string]>([
    [0, 'g', -1, '0'],
    [-0, 'g', -1, '-0'],
    [0.5, 'g', -1, '0.5'],
    [0.0001, 'g', -1, '0.0001'],
    [0.00001, 'g', -1, '1e-05'],
    [1e6, 'g', -1, '1e+06'],
    [999999.5, 'g', -1, '999999.5'],
    [1e100, 'e', 2, '1.00e+100'],
    [0, 'e', 3, '0.000e+00'],
    [9.9999, 'f', 2, '10.00'],
    [1.5, 'f', 0, '2'],
    [0.125, 'f', 2, '0.12'],
    [1e22, 'f', 1, '10000000000000000000000.0'],
    [NaN, 'g', -1, 'NaN'],
    [Infinity, 'f', 2, '+Inf'],
    [-Infinity, 'g', -1, '-Inf'],
  ])('%d %s %d', (x, fmt, prec, expected) => {
    expect(formatFloat(x, fmt, prec)).toBe(expected);
  });
});

describe('%v of nested values', () => {
  test.each<[unknown, string, string]>([
    [['a', ['b', 'c']], '', '[a [b c]]'],
    [{ Labels: { z: [1], a: null } }, '', '{map[a:<nil> z:[1]]}'],
    [{ A: 1, B: undefined, C: 'x' }, '', '{1 x}'],
    [{}, '.Volumes', 'map[]'],
    [12345678901234567890n, '', '12345678901234567890'],
    [-0, '', '0'],
  ])('%#', (v, path, expected) => {
    expect(formatValue({ v, path }, ctx)).toBe(expected);
  });
});
