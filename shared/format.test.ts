import { describe, expect, it } from 'vitest';
import { binarySize, compareInstants, createdSince, formatG, goTimeString, humanDuration, humanSize, instantNanos, instantOf, shortId } from './format.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const week = 7 * day;
const month = 30 * day;
const year = 365 * day;

describe('humanDuration (docker/go-units TestHumanDuration)', () => {
  const cases: Array<[number, string]> = [
    [450, 'Less than a second'],
    [-5 * second, 'Less than a second'],
    [1 * second, '1 second'],
    [45 * second, '45 seconds'],
    [46 * second, '46 seconds'],
    [59 * second, '59 seconds'],
    [60 * second, 'About a minute'],
    [1 * minute, 'About a minute'],
    [3 * minute, '3 minutes'],
    [35 * minute, '35 minutes'],
    [35 * minute + 40 * second, '35 minutes'],
    [45 * minute, '45 minutes'],
    [45 * minute + 40 * second, '45 minutes'],
    [46 * minute, '46 minutes'],
    [59 * minute, '59 minutes'],
    [1 * hour, 'About an hour'],
    [1 * hour + 29 * minute, 'About an hour'],
    [1 * hour + 31 * minute, '2 hours'],
    [1 * hour + 59 * minute, '2 hours'],
    [3 * hour, '3 hours'],
    [3 * hour + 29 * minute, '3 hours'],
    [3 * hour + 31 * minute, '4 hours'],
    [3 * hour + 59 * minute, '4 hours'],
    [3 * hour + 60 * minute, '4 hours'],
    [24 * hour, '24 hours'],
    [1 * day + 12 * hour, '36 hours'],
    [2 * day, '2 days'],
    [7 * day, '7 days'],
    [13 * day + 5 * hour, '13 days'],
    [2 * week, '2 weeks'],
    [2 * week + 4 * day, '2 weeks'],
    [3 * week, '3 weeks'],
    [4 * week, '4 weeks'],
    [4 * week + 3 * day, '4 weeks'],
    [1 * month, '4 weeks'],
    [1 * month + 2 * week, '6 weeks'],
    [2 * month, '2 months'],
    [2 * month + 2 * week, '2 months'],
    [3 * month, '3 months'],
    [3 * month + 1 * week, '3 months'],
    [5 * month + 2 * week, '5 months'],
    [13 * month, '13 months'],
    [23 * month, '23 months'],
    [24 * month, '24 months'],
    [24 * month + 2 * week, '2 years'],
    [3 * year + 2 * month, '3 years'],
  ];
  it.each(cases)('%d ms -> %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('humanSize (units.HumanSizeWithPrecision, docker/go-units size_test)', () => {
  const precision3: Array<[number, string]> = [
    [0, '0B'],
    [1, '1B'],
    [999, '999B'],
    [1000, '1kB'],
    [1024, '1.02kB'],
    [5580, '5.58kB'],
    [72_800_000, '72.8MB'],
    [72_849_999, '72.8MB'],
    [1_200_000_000, '1.2GB'],
    [1125, '1.12kB'], // exact tie: Go rounds half to even
    [1135, '1.14kB'], // 1.135 is not exactly representable: just above the tie in binary
    [999_999, '1e+03kB'], // docker really prints this
    [1e18, '1EB'],
    [1e27, '1e+03YB'],
  ];
  it.each(precision3)('%d bytes -> %s', (bytes, expected) => {
    expect(humanSize(bytes)).toBe(expected);
  });

  const precision4: Array<[number, string]> = [
    [1000, '1kB'],
    [1024, '1.024kB'],
    [1024 * 1024, '1.049MB'],
    [1024 * 1024 * 1024, '1.074GB'],
    [3.42 * 1000 ** 3, '3.42GB'],
    [5.372 * 1000 ** 4, '5.372TB'],
    [2.22 * 1000 ** 5, '2.22PB'],
    [72_849_999, '72.85MB'],
  ];
  it.each(precision4)('HumanSize %d -> %s', (bytes, expected) => {
    expect(humanSize(bytes, 4)).toBe(expected);
  });

  it('binarySize follows units.BytesSize', () => {
    expect(binarySize(1024)).toBe('1KiB');
    expect(binarySize(1024 * 1024)).toBe('1MiB');
    expect(binarySize(1048576 * 1.5)).toBe('1.5MiB');
    expect(binarySize(3.42 * 1024 ** 3)).toBe('3.42GiB');
    expect(binarySize(0)).toBe('0B');
  });
});

describe('formatG (Go %g)', () => {
  it.each([
    [0.0001234, 3, '0.000123'],
    [0.00001234, 3, '1.23e-05'],
    [123.456, 3, '123'],
    [1234.5, 3, '1.23e+03'],
    [100, 3, '100'],
    [2.5, 1, '2'],
    [3.5, 1, '4'],
    [-1.5, 3, '-1.5'],
  ] as Array<[number, number, string]>)('%f %%.%dg -> %s', (x, precision, expected) => {
    expect(formatG(x, precision)).toBe(expected);
  });
});

describe('createdSince and ids', () => {
  const now = Date.parse('2024-06-15T12:00:00Z');
  it('prints docker ages', () => {
    expect(createdSince('2024-06-15T11:00:00Z', now)).toBe('About an hour ago');
    expect(createdSince('2024-06-01T12:00:00Z', now)).toBe('2 weeks ago');
    expect(createdSince('2024-06-15T11:59:59.9Z', now)).toBe('1 second ago'); // truncated to whole seconds first
    expect(createdSince('not a time', now)).toBe('');
    expect(createdSince(null, now)).toBe('');
    expect(createdSince('0001-01-01T00:00:00Z', now)).toBe(''); // Go's zero time: docker prints N/A
    expect(createdSince('1970-01-01T00:00:00Z', now)).toBe('54 years ago');
  });

  it('shortens IDs like stringid.TruncateID', () => {
    expect(shortId('sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')).toBe('0123456789ab');
    expect(shortId('0123456789abcdef')).toBe('0123456789ab');
    expect(shortId(`sha512:${'c'.repeat(128)}`)).toBe('cccccccccccc');
    expect(shortId('sha256:abc')).toBe('abc');
    expect(shortId('')).toBe('');
  });

  it('prints times like Go time.String()', () => {
    expect(goTimeString('2024-01-02T15:04:05.123Z', 'UTC')).toBe('2024-01-02 15:04:05 +0000 UTC');
    expect(goTimeString('2024-01-02T15:04:05Z', 'Asia/Kolkata')).toBe('2024-01-02 20:34:05 +0530 IST');
    expect(goTimeString('2024-07-02T15:04:05Z', 'America/Sao_Paulo')).toBe('2024-07-02 12:04:05 -0300 -03');
    expect(goTimeString('2024-07-02T15:04:05Z', 'Europe/Berlin')).toBe('2024-07-02 17:04:05 +0200 CEST');
    expect(goTimeString('2024-01-02T15:04:05Z', 'Europe/London')).toBe('2024-01-02 15:04:05 +0000 GMT');
    expect(goTimeString('2024-01-02T15:04:05Z', 'America/New_York')).toBe('2024-01-02 10:04:05 -0500 EST');
    expect(goTimeString('', 'UTC')).toBe('');
  });
});

describe('instantNanos', () => {
  it('orders times by instant where the strings order wrongly', () => {
    const sorted = (times: string[]) => [...times].sort((a, b) => (instantNanos(a) < instantNanos(b) ? -1 : 1));
    // Go's RFC3339Nano trims trailing zeros, and other tools write offsets.
    expect(sorted(['2024-01-01T00:00:05.631Z', '2024-01-01T00:00:05.63Z', '2024-01-01T00:00:05Z', '2024-01-01T00:00:05.1Z']))
      .toEqual(['2024-01-01T00:00:05Z', '2024-01-01T00:00:05.1Z', '2024-01-01T00:00:05.63Z', '2024-01-01T00:00:05.631Z']);
    expect(instantNanos('2024-01-01T02:00:00+02:00')).toBe(instantNanos('2024-01-01T00:00:00Z'));
    expect(instantNanos('2024-01-01T00:00:00.000000002Z') - instantNanos('2024-01-01T00:00:00.000000001Z')).toBe(1n);
    expect(instantNanos('2024-01-01T00:00:00.5Z') - instantNanos('2024-01-01T00:00:00Z')).toBe(500_000_000n);
  });

  it('counts a missing or unparsable time as Go\'s zero time', () => {
    expect(instantNanos(undefined)).toBe(instantNanos('0001-01-01T00:00:00Z'));
    expect(instantNanos('yesterday')).toBe(instantNanos('0001-01-01T00:00:00Z'));
  });

  it('orders the same as instantOf and compareInstants, which need no BigInt', () => {
    const times = ['2024-01-01T00:00:05.631Z', '2024-01-01T00:00:05.630999999Z', '2024-01-01T00:00:05Z', '2024-01-01T02:00:04+02:00', 'bad', '2024-01-01T00:00:05.000000001Z'];
    const byNanos = [...times].sort((a, b) => (instantNanos(a) < instantNanos(b) ? -1 : instantNanos(a) > instantNanos(b) ? 1 : 0));
    expect([...times].sort((a, b) => compareInstants(instantOf(a), instantOf(b)))).toEqual(byNanos);
    expect(instantOf('2024-01-01T00:00:00.123456789Z')).toEqual({ ms: Date.parse('2024-01-01T00:00:00.123Z'), ns: 456_789 });
  });
});
