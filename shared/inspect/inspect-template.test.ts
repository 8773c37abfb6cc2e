// `inspect -f` over docker's typed struct with the raw-map fallback, checked without a daemon against what docker
// 20.10 printed for the same JSON (testdata/docker-20.10-inspect.json; electron/cli/inspect.docker.test.ts makes the
// same comparison live, on images imported by both). Plus the cases the recording cannot hold.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { ImageInspect } from '../api.js';
import { compileTemplate } from '../template/index.js';
import { executeInspect } from './inspect-template.js';

interface Recording {
  images: Record<string, ImageInspect>;
  templates: Record<string, Record<string, string | { error: string }>>;
}

const recording = JSON.parse(readFileSync(new URL('./testdata/docker-20.10-inspect.json', import.meta.url), 'utf8')) as Recording;
const plain = recording.images['plain:1']!;
const full = recording.images['full:1']!;

function run(template: string, view: ImageInspect): string | { error: string } {
  try {
    return executeInspect(compileTemplate(template), view);
  } catch (err) {
    return { error: (err as Error).message };
  }
}

describe('prints what docker 20.10 printed', () => {
  const rows = Object.entries(recording.templates).flatMap(([template, byImage]) =>
    Object.entries(byImage).map(([image, output]) => [template, image, output] as const));
  test.each(rows)('%s on %s', (template, image, output) => {
    expect(run(template, recording.images[image]!)).toEqual(output);
  });
});

describe('beyond the recording', () => {
  test('a pointer inside a printed struct prints as an address (Go prints a different one each run)', () => {
    expect(run('{{.Config}}', full)).toMatch(/^\{ {2}nobody false .* \[x\] 0xc[0-9a-f]+ false {2}map\[\/data:\{\}\] /);
    expect(run('{{printf "%v" .Config.Healthcheck}}', full)).toBe('&{[CMD-SHELL x] 5s 3s 0s 0}');
  });

  test('time.Time methods and layouts, and a zero time', () => {
    const view = { ...plain, Metadata: { LastTagTime: '2024-02-29T13:04:05.120000001+02:00' } };
    expect(run('{{.Metadata.LastTagTime}}', view)).toBe('2024-02-29 13:04:05.120000001 +0200 +0200');
    expect(run('{{.Metadata.LastTagTime.UTC}}', view)).toBe('2024-02-29 11:04:05.120000001 +0000 UTC');
    expect(run('{{.Metadata.LastTagTime.Format "Mon Jan _2 3:04:05.000PM MST 06 002"}}', view))
      .toBe('Thu Feb 29 1:04:05.120PM +0200 24 060');
    expect(run('{{.Metadata.LastTagTime.Format "2006-01-02T15:04:05,999Z07:00"}}', view)).toBe('2024-02-29T13:04:05,12+02:00');
    expect(run('{{.Metadata.LastTagTime.Month}} {{.Metadata.LastTagTime.Weekday}} {{.Metadata.LastTagTime.UnixNano}}', view))
      .toBe('February Thursday 1709204645120000001');
    expect(run('{{json .Metadata}}', view)).toBe('{"LastTagTime":"2024-02-29T13:04:05.120000001+02:00"}');
    const zero = { ...plain, Metadata: { LastTagTime: '0001-01-01T00:00:00Z' } };
    expect(run('{{.Metadata.LastTagTime}} {{.Metadata.LastTagTime.IsZero}} {{.Metadata.LastTagTime.Unix}}', zero))
      .toBe('0001-01-01 00:00:00 +0000 UTC true -62135596800');
  });

  test('durations print as Go prints time.Duration', () => {
    const cases: Array<[number, string]> = [
      [0, '0s'], [1, '1ns'], [1_100, '1.1µs'], [2_200_000, '2.2ms'], [3_300_000_000, '3.3s'], [245e9, '4m5s'],
      [245_001_000_000, '4m5.001s'], [18_367_001_000_000, '5h6m7.001s'], [28_800_000_000_001, '8h0m0.000000001s'], [-1_500_000, '-1.5ms'],
    ];
    for (const [nanos, text] of cases) {
      const view = { ...full, Config: { ...full.Config, Healthcheck: { Interval: nanos } } };
      expect(run('{{.Config.Healthcheck.Interval}}', view)).toBe(text);
    }
  });

  test('fields a newer engine wrote and docker 20.10 has no field for are not there', () => {
    const config = { ...full.Config, Healthcheck: { Interval: 1e9, StartInterval: 2e9 } } as ImageInspect['Config'];
    expect(run('{{json .Config.Healthcheck}}', { ...full, Config: config })).toBe('{"Interval":1000000000}');
  });
});
