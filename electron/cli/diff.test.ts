// `berth diff` over a stubbed service: docker diff's lines, --format in docker/cli's forms, help and exit statuses.
import { describe, expect, it } from 'vitest';
import type { ImageDiff, ImageDiffChange } from '../../shared/api.js';
import { BerthError } from '../../shared/errors.js';
import type { BerthService } from '../core/service-api.js';
import { runCaptured } from './test-support/capture-io.js';

const change = (kind: ImageDiffChange['kind'], path: string, sizeBefore: number, size: number, over: Partial<ImageDiffChange> = {}): ImageDiffChange =>
  ({ kind, path, type: 'file', size, sizeBefore, delta: size - sizeBefore, ...over });

const DIFF: ImageDiff = {
  a: { reference: 'docker.io/library/app:1', id: 'sha256:' + 'a'.repeat(64), platform: 'linux/amd64', created: null, size: 100, entries: 5, layers: 1 },
  b: { reference: 'docker.io/library/app:2', id: 'sha256:' + 'b'.repeat(64), platform: 'linux/amd64', created: null, size: 120, entries: 6, layers: 2 },
  changes: [
    change('A', '/app', 0, 0, { type: 'dir' }),
    change('A', '/app/main.py', 0, 30),
    change('C', '/etc', 0, 0, { type: 'dir', fields: [], inside: true }),
    change('C', '/etc/hosts', 20, 10, { fields: ['size'] }),
    change('D', '/tmp/x\nC /etc/shadow', 5, 0),
  ],
  summary: { added: 2, changed: 1, deleted: 1, delta: 20 },
  config: [],
  sharedLayers: 1,
};

async function run(argv: string[], calls: string[] = [], changes = DIFF.changes) {
  const service = {
    async diffImages(a: string, b: string): Promise<ImageDiff> {
      calls.push(`diffImages ${a} ${b}`);
      if (a === 'missing' || b === 'missing') throw new BerthError('NOT_FOUND', 'No such image: missing');
      return { ...DIFF, changes };
    },
    async close() {},
  } as unknown as BerthService;
  return runCaptured(argv, { service: async () => service });
}

describe('berth diff', () => {
  it("prints docker diff's lines, folders with changes inside as C, a path with a line break quoted", async () => {
    const calls: string[] = [];
    const { code, stdout, stderr } = await run(['diff', 'app:1', 'app:2'], calls);
    expect(calls).toEqual(['diffImages app:1 app:2']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe('A /app\nA /app/main.py\nC /etc\nC /etc/hosts\nD "/tmp/x\\nC /etc/shadow"\n');
  });

  it('formats rows with a template, a table, or JSON', async () => {
    expect((await run(['diff', '--format', '{{.Kind}} {{.Path}} {{.SizeBefore}} {{.Size}} {{.Delta}}', 'a', 'b'])).stdout.split('\n')[3]).toBe('C /etc/hosts 20 10 -10');
    expect((await run(['diff', '--format={{.Type}}:{{.Path}}', 'a', 'b'])).stdout.split('\n')[0]).toBe('A:/app');
    const table = (await run(['diff', '--format', 'table', 'a', 'b'], [], DIFF.changes.slice(0, 4))).stdout.split('\n');
    expect(table[0]).toBe('CHANGE TYPE   PATH           SIZE BEFORE   SIZE      DELTA');
    expect(table[4]).toBe('C             /etc/hosts     20            10        -10');
    const custom = (await run(['diff', '--format', 'table {{.Path}}\t{{.Delta}}', 'a', 'b'])).stdout.split('\n');
    expect(custom[0]).toMatch(/^PATH +DELTA$/);
    const json = (await run(['diff', '--format', 'json', 'a', 'b'])).stdout.split('\n');
    expect(JSON.parse(json[1]!)).toEqual({ Delta: 30, Kind: 'A', Path: '/app/main.py', Size: 30, SizeBefore: 0 });
    expect(json[1]).toBe('{"Delta":30,"Kind":"A","Path":"/app/main.py","Size":30,"SizeBefore":0}');
  });

  it('exits 1 with docker\'s wording for a missing image, a bad template (before reading images) or a wrong argument count', async () => {
    expect(await run(['diff', 'missing', 'b'])).toMatchObject({ code: 1, stdout: '', stderr: 'Error: No such image: missing\n' });
    const calls: string[] = [];
    const bad = await run(['diff', '--format', '{{.Nope', 'a', 'b'], calls);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Error: template parsing error/);
    expect(calls).toEqual([]);
    const one = await run(['diff', 'a']);
    expect(one.code).toBe(1);
    expect(one.stderr).toContain("'berth diff' requires 2 arguments");
    expect((await run(['diff', '--bogus', 'a', 'b'])).code).toBe(125);
  });

  it('has help, and is listed by berth --help', async () => {
    const help = await run(['diff', '--help']);
    expect(help.stdout).toMatch(/^Usage: {2}berth diff \[OPTIONS\] IMAGE1 IMAGE2\n/);
    expect(help.stdout).toContain('--format string');
    expect((await run(['--help'])).stdout).toMatch(/\n {2}diff +Show the files added, changed and deleted from one image to another\n/);
  });
});
