// `berth history` over a fixed image (times fixed), against what docker's CLI prints for the same history
// (measured with dockerd 20.10 and the docker 28 CLI; cli.docker.test.ts compares with a live daemon).
import { describe, expect, it } from 'vitest';
import type { ImageDetail, LayerInfo } from '../../shared/api.js';
import { goRfc3339 } from '../../shared/format.js';
import { BerthError } from '../../shared/errors.js';
import type { BerthService } from '../core/service-api.js';
import { runCaptured } from './test-support/capture-io.js';
import { ellipsis, historyRows } from './commands/history.js';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const ID = 'sha256:12f79a5f37ba5abdd089380cf8d6a6f99a02436cd716826fd55e4a8113856559';

function layer(over: Partial<LayerInfo>): LayerInfo {
  return { digest: null, diffId: null, mediaType: null, size: 0, diskSize: 0, created: null, createdBy: '', comment: '', emptyLayer: true, ...over };
}

/** Oldest first, as the model (image/layer-history.ts) lists them. */
const LAYERS: LayerInfo[] = [
  layer({ createdBy: 'no created time', comment: 'c1', size: 2048, emptyLayer: false, digest: `sha256:${'a'.repeat(64)}` }),
  layer({ created: '2020-01-02T03:04:05.123456789Z', createdBy: 'tab\there and a very long command line that goes beyond forty five chars' }),
  layer({ created: '2026-06-15T11:59:30+02:00', createdBy: '/bin/sh -c #(nop)  CMD ["/bin/echo" "hello world"]' }),
];

async function run(argv: string[]) {
  const service = {
    async imageDetail(reference: string): Promise<ImageDetail> {
      if (reference !== 'crafted:1') throw new BerthError('NOT_FOUND', `No such image: ${reference}`);
      return { inspect: { Id: ID }, layers: LAYERS, manifestDigest: '', manifestMediaType: '' } as unknown as ImageDetail;
    },
    async close() {},
  } as unknown as BerthService;
  return runCaptured(argv, { now: () => NOW, service: async () => service });
}

describe('berth history', () => {
  it('prints docker\'s table: newest first, <missing> below the top, CREATED BY cut to 45 columns, 0B for empty layers', async () => {
    const { code, stdout } = await run(['history', 'crafted:1']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      'IMAGE          CREATED       CREATED BY                                      SIZE      COMMENT\n' +
        '12f79a5f37ba   2 hours ago   /bin/sh -c #(nop)  CMD ["/bin/echo" "hello w…   0B        \n' +
        '<missing>      6 years ago   tab here and a very long command line that g…   0B        \n' +
        '<missing>      N/A           no created time                                 2.05kB    c1\n',
    );
  });

  it('--no-trunc keeps full IDs and commands (tabs still spaces)', async () => {
    const lines = (await run(['history', '--no-trunc', 'crafted:1'])).stdout.split('\n');
    expect(lines[1]).toMatch(new RegExp(`^${ID} {3}2 hours ago {3}/bin/sh -c #\\(nop\\)  CMD \\["/bin/echo" "hello world"\\] +0B`));
    expect(lines[2]).toContain('tab here and a very long command line that goes beyond forty five chars   0B');
  });

  it('-q prints one ID per entry; a --format wins over -q', async () => {
    expect((await run(['history', '-q', 'crafted:1'])).stdout).toBe('12f79a5f37ba\n<missing>\n<missing>\n');
    expect((await run(['image', 'history', '-q', '--no-trunc', 'crafted:1'])).stdout).toBe(`${ID}\n<missing>\n<missing>\n`);
    expect((await run(['history', '-q', '--format', '{{.Size}}', 'crafted:1'])).stdout).toBe('0B\n0B\n2.05kB\n');
  });

  it('-H=false prints RFC 3339 times and byte counts under CREATED AT', async () => {
    const { stdout } = await run(['history', '-H=false', 'crafted:1']);
    const zone = (ms: number) => goRfc3339(ms);
    expect(stdout.split('\n')[0]).toMatch(/^IMAGE {10}CREATED AT {2,}CREATED BY {2,}SIZE {6}COMMENT$/);
    expect(stdout).toContain(`${zone(Date.parse('2026-06-15T09:59:30Z'))}   /bin/sh`);
    expect(stdout).toMatch(/no created time {33}2048 {6}c1\n$/);
    expect((await run(['history', '--human=false', '--format', '{{.CreatedSince}}|{{.Size}}', 'crafted:1'])).stdout.split('\n')[2]).toBe(
      `${zone(-62_135_596_800_000)}|2048`,
    );
  });

  it('--format: docker\'s fields, json lines with sorted keys and <missing> escaped as Go escapes it', async () => {
    const { stdout } = await run(['history', '--format', 'json', 'crafted:1']);
    expect(stdout.split('\n')[1]).toBe(
      `{"Comment":"","CreatedAt":"${goRfc3339(Date.parse('2020-01-02T03:04:05Z'))}","CreatedBy":"tab here and a very long command line that g…",` +
        '"CreatedSince":"6 years ago","ID":"\\u003cmissing\\u003e","Size":"0B"}',
    );
    expect((await run(['history', '--format', 'table {{.ID}}\t{{.CreatedSince}}\t{{.Comment}}', 'crafted:1'])).stdout).toBe(
      'IMAGE          CREATED       COMMENT\n12f79a5f37ba   2 hours ago   \n<missing>      6 years ago   \n<missing>      N/A           c1\n',
    );
  });

  it('fails as docker does on a missing image and on a wrong argument count', async () => {
    expect(await run(['history', 'nope'])).toEqual({ code: 1, stdout: '', stderr: 'Error: No such image: nope\n' });
    expect(await run(['history'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "berth: 'berth history' requires 1 argument\n\nUsage:  berth history [OPTIONS] IMAGE\n\nRun 'berth history --help' for more information\n",
    });
  });
});

describe('history pieces', () => {
  it('cuts as docker\'s formatter.Ellipsis: by terminal columns, the … included', () => {
    expect(ellipsis('x'.repeat(45), 45)).toBe('x'.repeat(45));
    expect(ellipsis('x'.repeat(46), 45)).toBe('x'.repeat(44) + '…');
    // Measured: docker history of `ünïcödé 日本語…` keeps 44 columns (8 + 18 wide characters) then the ellipsis.
    expect(ellipsis(`ünïcödé ${'日本語'.repeat(10)} wide`, 45)).toBe(`ünïcödé ${'日本語'.repeat(6)}…`);
    expect(ellipsis(`${'x'.repeat(43)}日本`, 45)).toBe(`${'x'.repeat(43)}…`);
  });

  it('prints .CreatedAt as Go\'s RFC 3339 in the local zone, local mean time for the zero time as Go does', () => {
    const at = Date.parse('2021-01-02T01:04:05.9Z');
    expect(goRfc3339(at, 'UTC')).toBe('2021-01-02T01:04:05Z');
    expect(goRfc3339(at, 'Europe/Paris')).toBe('2021-01-02T02:04:05+01:00');
    expect(goRfc3339(at, 'America/St_Johns')).toBe('2021-01-01T21:34:05-03:30');
    // Measured with TZ=Europe/Paris and Asia/Kolkata: docker prints 0001-01-01T00:09:21+00:09 and …05:53:28+05:53.
    expect(goRfc3339(-62_135_596_800_000, 'UTC')).toBe('0001-01-01T00:00:00Z');
    expect(goRfc3339(-62_135_596_800_000, 'Europe/Paris')).toBe('0001-01-01T00:09:21+00:09');
    expect(goRfc3339(-62_135_596_800_000, 'Asia/Kolkata')).toBe('0001-01-01T05:53:28+05:53');
  });

  it('gives the top entry the image ID and the rest <missing>, newest first', () => {
    const rows = historyRows(ID, LAYERS, { trunc: true, human: true, now: NOW, timeZone: 'UTC' });
    expect(rows.map((r) => [r.ID, r.CreatedAt])).toEqual([
      ['12f79a5f37ba', '2026-06-15T09:59:30Z'],
      ['<missing>', '2020-01-02T03:04:05Z'],
      ['<missing>', '0001-01-01T00:00:00Z'],
    ]);
    expect(historyRows(ID, [], { trunc: true, human: true, now: NOW })).toEqual([]);
  });
});
