// The direct `berth images` table must print exactly what the template engine and tabwriter print for docker's
// default formats: compared here over hand-picked and generated rows, with --digests, --no-trunc and -q.
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../shared/api.js';
import { IMAGE_HEADERS, formatImages, imageFormat, imageRow } from './commands/images.js';
import { imageIds, imagesTable } from './images-table.js';
import { renderRows } from './list-format.js';
import { imageSummary } from '../../shared/test-support/image-summary.js';

const NOW = Date.parse('2024-06-15T12:00:00Z');
const hex = (seed: number) => (seed.toString(16).padStart(8, '0').repeat(8)).slice(0, 64);

function image(over: Partial<ImageSummary> & { seed: number }): ImageSummary {
  const { seed, ...rest } = over;
  return imageSummary({
    id: `sha256:${hex(seed)}`,
    repository: 'busybox',
    tag: 'latest',
    reference: 'docker.io/library/busybox:latest',
    manifestDigest: `sha256:${hex(seed + 1)}`,
    ...rest,
  });
}

const HAND_PICKED: ImageSummary[] = [
  image({ seed: 1 }),
  image({ seed: 2, repository: 'registry.example.com:5000/a-very-long-team-name/and-a-longer-repository-name', tag: 'v1.2.3-rc.1' }),
  image({ seed: 3, repository: '<none>', tag: '<none>', reference: null, dangling: true, created: '2022-01-01T00:00:00Z', size: 999 }),
  image({ seed: 4, repoDigest: `busybox@sha256:${hex(99)}`, created: '0001-01-01T00:00:00Z' }),
  image({ seed: 5, created: 'not a time', size: 0 }),
  image({ seed: 6, created: '2024-06-15T11:59:59.999999999Z', size: 1_000_000_000_000 }),
  image({ seed: 7, created: '2024-06-15T13:00:00+02:00', size: 12_345 }),
  image({ seed: 8, repository: '漢字/wide', tag: 't' }),
  image({ seed: 1, tag: 'same-image-other-tag' }),
  image({ seed: 9, repository: 'x', tag: 'a'.repeat(128) }),
];

/** Deterministic rows: repositories, tags, ages and sizes of every length docker's columns meet. */
function generated(count: number): ImageSummary[] {
  let state = 12345;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
  return Array.from({ length: count }, (_, i) => {
    const dangling = next(10) === 0;
    const repo = dangling ? '<none>' : ['a', 'ubuntu', 'ghcr.io/org/tool', `localhost:5000/r${next(1000)}`][next(4)]!;
    return image({
      seed: next(50),
      repository: repo,
      tag: dangling ? '<none>' : `t${'x'.repeat(next(20))}${i}`,
      reference: dangling ? null : `docker.io/library/${repo}:t${i}`,
      dangling,
      repoDigest: next(3) === 0 ? `${repo}@sha256:${hex(next(1000))}` : null,
      created: new Date(NOW - next(4) * 10 ** next(11)).toISOString(),
      size: next(4) === 0 ? next(1000) : next(2 ** 30) * 7,
    });
  });
}

function viaTemplate(images: ImageSummary[], { quiet = false, digests = false, trunc = true } = {}): Promise<string> {
  const source = imageFormat('table', quiet, digests);
  const digest = digests || source.includes('{{.Digest}}');
  const rows = images.map((i) => imageRow(i, { trunc, digest, now: NOW }));
  return renderRows(source, rows, IMAGE_HEADERS);
}

describe('the direct images table', () => {
  const sets: Array<[string, ImageSummary[]]> = [
    ['no images', []],
    ['hand-picked rows', HAND_PICKED],
    ['one row', [HAND_PICKED[1]!]],
    ['500 generated rows', generated(500)],
  ];
  for (const [name, images] of sets) {
    for (const digests of [false, true]) {
      for (const trunc of [true, false]) {
        it(`prints what the template path prints: ${name}${digests ? ', --digests' : ''}${trunc ? '' : ', --no-trunc'}`, async () => {
          const direct = imagesTable(images, { trunc, digests, now: NOW });
          expect(direct).toBe(await viaTemplate(images, { digests, trunc }));
          const source = imageFormat('table', false, digests);
          expect(await formatImages(images, source, { trunc, digest: digests, now: NOW })).toBe(direct);
        });
      }
    }
    it(`prints one ID per row with -q like the template path: ${name}`, async () => {
      expect(imageIds(images, true)).toBe(await viaTemplate(images, { quiet: true }));
      expect(imageIds(images, false)).toBe(await viaTemplate(images, { quiet: true, trunc: false }));
    });
  }

  it('aligns as docker does (a fixed expectation, not only agreement)', () => {
    expect(imagesTable(HAND_PICKED.slice(0, 1), { trunc: true, digests: false, now: NOW })).toBe(
      'REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\n' +
        'busybox      latest    000000010000   2 weeks ago   4.26MB\n',
    );
  });

  it('prints an image\'s ID once per tag with -q, as docker does', () => {
    const id = hex(1).slice(0, 12);
    expect(imageIds([image({ seed: 1 }), image({ seed: 1, tag: 'other' }), image({ seed: 2 })], true)).toBe(`${id}\n${id}\n${hex(2).slice(0, 12)}\n`);
  });

  it('leaves any other format to the template engine', async () => {
    expect(await formatImages(HAND_PICKED.slice(0, 2), 'table {{.Repository}}', { trunc: true, digest: false, now: NOW })).toBe(
      'REPOSITORY\nbusybox\nregistry.example.com:5000/a-very-long-team-name/and-a-longer-repository-name\n',
    );
  });
});
