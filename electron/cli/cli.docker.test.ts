// `berth history`, `images` and `rmi` against the docker CLI on a private dockerd 20.10 (Debian), the same images
// in both: imported from the same tarball with the same -c/-m, or a hand-made image `docker load`s and Berth
// writes into its store byte for byte (same config, so the same ID). What differs by design is normalised and
// said: SIZE of a layer Berth never measured (the hand-made images are written into the store directly, so Berth
// shows them as stored; an import is measured as it is written and matches docker) and, for imports, the ID and
// age (each side stamps its own creation time).
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canStartDockerd, startDockerd, type Dockerd } from '../core/testing/dockerd.js';
import { findPeer } from '../core/testing/peers.mjs';
import { makeRootfsTar } from '../core/testing/tarball.mjs';
import { MEDIA_TYPES } from '../core/oci/media-types.js';
import { openStore } from '../core/store/store.js';
import { setTag } from '../core/store/test-support/image.js';
import { runCaptured } from './test-support/capture-io.js';

const available = canStartDockerd() && findPeer('dockerd') !== null && findPeer('docker') !== null;
if (!available) console.warn('cli.docker.test.ts skipped: dockerd/docker missing or not running as root');

const LONG = 'a very long command line that goes well beyond the forty-five columns docker shows';
/** History with what docker's columns must handle: no `created`, a tab, a long line, empty layers, comments. */
const CRAFTED_HISTORY = [
  { created_by: 'no created time', comment: 'first layer' },
  { created: '2020-01-02T03:04:05.123456789Z', created_by: `tab\there and ${LONG}`, empty_layer: true },
  { created: '2021-01-02T03:04:05+02:00', created_by: '/bin/sh -c #(nop) COPY file:abc in /f ' },
  { created: '2022-03-04T05:06:07Z', created_by: '/bin/sh -c #(nop)  CMD ["/bin/echo" "hello world"]', empty_layer: true, comment: 'last' },
];
const digest = (bytes: Buffer | string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const WIDE_HISTORY = [{ created: '2021-01-02T03:04:05Z', created_by: `ünïcödé ${'日本語'.repeat(10)} wide` }];

describe.skipIf(!available)('berth vs docker', () => {
  let dockerd: Dockerd;
  let dir: string;
  let store: string;
  /**
   * The docker CLI 23+ prints "N/A" as the age of history entries from before 2000 (Berth does too); 20.10's
   * printed "292 years ago" for an entry without `created`. With an old client only that cell is normalised,
   * and layout checks are left out (the column is wider).
   */
  let modernClient = true;

  beforeAll(async () => {
    dockerd = await startDockerd();
    const version = (await dockerd.docker(['version', '--format', '{{.Client.Version}}'])).stdout.trim();
    modernClient = Number.parseInt(version, 10) >= 23;
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-cli-docker-'));
    store = path.join(dir, 'store');
  });
  afterAll(async () => {
    await dockerd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function berth(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return runCaptured(['--store', store, ...args], { columns: 0 });
  }

  async function docker(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const result = await dockerd.docker(args);
    // In a table the cell keeps its width, so the columns after it stay where they were.
    const stdout = modernClient ? result.stdout : result.stdout.replace(/292 years ago(?= {2})/g, 'N/A'.padEnd(13)).replaceAll('292 years ago', 'N/A');
    return { code: result.code ?? -1, stdout, stderr: result.stderr };
  }

  /** The same hand-made one-or-more-layer image in both: `docker load` of a docker-archive, Berth's store directly. */
  async function craft(name: string, history: object[]): Promise<string> {
    const layers = await Promise.all(history.filter((h) => !('empty_layer' in h)).map((_, i) => makeRootfsTar({ [`etc/${name}-${i}`]: `${name} ${i}\n` })));
    const config = JSON.stringify({
      architecture: 'amd64', os: 'linux', config: {},
      rootfs: { type: 'layers', diff_ids: layers.map((l) => digest(l)) },
      history,
    });
    const archive = path.join(dir, `${name}.tar`);
    await writeFile(archive, await makeRootfsTar({
      'manifest.json': JSON.stringify([{ Config: 'config.json', RepoTags: [`${name}:1`], Layers: layers.map((_, i) => `l${i}/layer.tar`) }]),
      'config.json': config,
      ...Object.fromEntries(layers.map((l, i) => [`l${i}/layer.tar`, l])),
    }));
    expect((await docker(['load', '-i', archive])).code).toBe(0);

    const berthStore = await openStore(store);
    const session = await berthStore.beginWrite();
    const written = [];
    for (const layer of layers) written.push(await session.writeBlobBytes(layer));
    const configBlob = await session.writeBlobBytes(config);
    const manifest = await session.writeBlobBytes(JSON.stringify({
      schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest,
      config: { mediaType: MEDIA_TYPES.ociConfig, ...configBlob },
      layers: written.map((l) => ({ mediaType: MEDIA_TYPES.ociLayer, ...l })),
    }));
    await session.commit((index) => setTag(index, `docker.io/library/${name}:1`, { mediaType: MEDIA_TYPES.ociManifest, ...manifest }));
    return configBlob.digest;
  }

  /** A table's rows as cells, cut at the header's column starts. */
  function cells(table: string): string[][] {
    const [header, ...rows] = table.trimEnd().split('\n');
    const starts = [...header!.matchAll(/(?:^|\s{2,})(\S+(?: \S+)*)/g)].map((m) => m.index! + m[0].length - m[1]!.length);
    return [header!, ...rows].map((line) => starts.map((s, i) => line.slice(s, starts[i + 1]).trim()));
  }

  const SIZE = /^\d+(\.\d+)?[kMG]?B$/;

  describe('history', () => {
    let craftedId: string;

    beforeAll(async () => {
      craftedId = await craft('crafted', CRAFTED_HISTORY);
      await craft('wide', WIDE_HISTORY);
    });

    it('loads the hand-made image under the same ID in both', async () => {
      expect((await docker(['inspect', '-f', '{{.Id}}', 'crafted:1'])).stdout.trim()).toBe(craftedId);
    });

    for (const flags of [[], ['--no-trunc'], ['-H=false'], ['--human=false', '--no-trunc']]) {
      it(`prints docker's table ${flags.join(' ') || '(default)'}: same header, IDs, ages, CREATED BY and comments; 0B for empty layers`, async () => {
        const ours = await berth(['history', ...flags, 'crafted:1']);
        const theirs = await docker(['history', ...flags, 'crafted:1']);
        expect(ours.code).toBe(0);
        if (modernClient) expect(ours.stdout.split('\n')[0]).toBe(theirs.stdout.split('\n')[0]);
        const [ourRows, theirRows] = [cells(ours.stdout), cells(theirs.stdout)];
        expect(ourRows).toHaveLength(CRAFTED_HISTORY.length + 1);
        ourRows.slice(1).forEach((row, i) => {
          const their = theirRows[i + 1]!;
          if (CRAFTED_HISTORY[CRAFTED_HISTORY.length - 1 - i]!.empty_layer) {
            // Every byte the same, padding included.
            if (modernClient) expect(ours.stdout.split('\n')[i + 1]).toBe(theirs.stdout.split('\n')[i + 1]);
          } else {
            // The one column that differs by design: docker counts unpacked bytes, Berth the stored layer.
            expect(row[3]).toMatch(flags.some((f) => f.includes('=false')) ? /^\d+$/ : SIZE);
            row[3] = their[3]!;
          }
          expect(row).toEqual(their);
        });
      });
    }

    it('prints the same -q and --no-trunc -q lines (<missing> below the top)', async () => {
      for (const flags of [['-q'], ['-q', '--no-trunc']]) {
        const ours = await berth(['history', ...flags, 'crafted:1']);
        expect(ours.stdout).toBe((await docker(['history', ...flags, 'crafted:1'])).stdout);
      }
    });

    it('gives templates the same fields (sizes of stored layers aside), wide characters cut as docker cuts them', async () => {
      const fields = '{{.ID}}|{{.CreatedSince}}|{{.CreatedAt}}|{{.CreatedBy}}|{{.Comment}}';
      for (const image of ['crafted:1', 'wide:1']) {
        for (const flags of [[], ['--no-trunc'], ['-H=false']]) {
          const ours = await berth(['history', ...flags, '--format', fields, image]);
          expect(ours.stdout).toBe((await docker(['history', ...flags, '--format', fields, image])).stdout);
        }
      }
      const ours = await berth(['history', '--format', '{{.Size}}', 'crafted:1']);
      const theirs = await docker(['history', '--format', '{{.Size}}', 'crafted:1']);
      expect(ours.stdout.split('\n').map((s) => (s === '0B' ? s : SIZE.test(s) ? 'size' : s))).toEqual(
        theirs.stdout.split('\n').map((s) => (s === '0B' ? s : SIZE.test(s) ? 'size' : s)),
      );
      const table = 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedSince}}\t{{.Comment}}';
      if (modernClient) expect((await berth(['history', '--format', table, '-q', 'crafted:1'])).stdout).toBe((await docker(['history', '--format', table, '-q', 'crafted:1'])).stdout);
    });

    it('prints --format json lines as docker does, where the docker CLI knows that format', async () => {
      const theirs = await docker(['history', '--format', 'json', 'crafted:1']);
      if (!theirs.stdout.startsWith('{')) return; // docker before 23 prints the word json
      const normalise = (text: string) => text.trimEnd().split('\n').map((line) => {
        const row = JSON.parse(line) as Record<string, string>;
        return { ...row, Size: row.Size === '0B' ? '0B' : 'size' };
      });
      const ours = await berth(['history', '--format', 'json', 'crafted:1']);
      expect(normalise(ours.stdout)).toEqual(normalise(theirs.stdout));
      expect(ours.stdout).toContain('"ID":"\\u003cmissing\\u003e"');
    });

    it('matches an imported image with -c changes and a -m message (the ID and age aside)', async () => {
      const tar = path.join(dir, 'rootfs.tar');
      await writeFile(tar, await makeRootfsTar({ 'etc/os-release': 'ID=berth\n' }));
      const options = ['-c', 'CMD ["/bin/sh"]', '-c', 'ENV A=1', '-c', 'LABEL x=1', '-m', 'imported with a message'];
      expect((await docker(['import', ...options, tar, 'imported:1'])).code).toBe(0);
      expect((await berth(['import', ...options, tar, 'imported:1'])).code).toBe(0);
      const [ours, theirs] = [cells((await berth(['history', 'imported:1'])).stdout), cells((await docker(['history', 'imported:1'])).stdout)];
      expect(ours[0]).toEqual(theirs[0]);
      expect(ours).toHaveLength(2);
      const age = /^(Less than a second|\d+ seconds?) ago$/;
      for (const row of [ours[1]!, theirs[1]!]) {
        expect(row[0]).toMatch(/^[0-9a-f]{12}$/);
        expect(row[1]).toMatch(age);
        expect(row[3]).toMatch(SIZE);
      }
      // CREATED BY, SIZE (the files unpacked, measured as the layer was written) and COMMENT.
      expect([ours[1]![2], ours[1]![3], ours[1]![4]]).toEqual([theirs[1]![2], theirs[1]![3], theirs[1]![4]]);
      expect(ours[1]![4]).toBe('imported with a message');
    });

    it('fails like docker for a missing image and a wrong argument count', async () => {
      const ours = await berth(['history', 'nope:1']);
      const theirs = await docker(['history', 'nope:1']);
      expect([ours.code, ours.stdout]).toEqual([theirs.code, theirs.stdout]);
      expect(ours.stderr).toBe('Error: No such image: nope:1\n');
      expect(theirs.stderr).toContain('No such image: nope:1');
      expect((await berth(['history'])).code).toBe((await docker(['history'])).code);
    });
  });

  describe('images and rmi', () => {
    const tars: Record<string, string> = {};

    beforeAll(async () => {
      for (const name of ['one', 'two', 'three']) {
        tars[name] = path.join(dir, `${name}.tar`);
        await writeFile(tars[name], await makeRootfsTar({ [`etc/${name}`]: `${name}\n` }));
      }
      for (const run of [docker, berth]) {
        expect((await run(['import', '-c', 'LABEL x=1 y=2', tars.one!, 'alpha:1'])).code).toBe(0);
        for (const name of ['alpha:2', 'gamma:latest']) expect((await run(['tag', 'alpha:1', name])).code).toBe(0);
        expect((await run(['import', '-c', 'LABEL x=2', tars.two!, 'beta:1'])).code).toBe(0);
        expect((await run(['import', tars.three!, 'delta:1'])).code).toBe(0);
        // delta:1 moves to a new image: the old one stays, dangling.
        expect((await run(['import', tars.two!, 'delta:1'])).code).toBe(0);
      }
    });

    /** Rows as REPOSITORY:TAG, sorted (docker orders images created in the same second as it likes). */
    async function rows(run: typeof berth, args: string[]): Promise<string[]> {
      const result = await run(['images', '--format', '{{.Repository}}:{{.Tag}}', ...args]);
      expect(result.code).toBe(0);
      return result.stdout.split('\n').filter(Boolean).sort();
    }

    it('combines several filters as dockerd does', async () => {
      const cases = [
        ['--filter', 'reference=alpha', '--filter', 'reference=beta'],
        ['--filter', 'reference=alpha:1', '--filter', 'reference=gamma'],
        ['alpha', '--filter', 'reference=gamma'],
        ['--filter', 'label=x=1', '--filter', 'label=x=2'],
        ['--filter', 'label=x', '--filter', 'label=y'],
        ['--filter', 'reference=alpha', '--filter', 'label=x=2'],
        ['--filter', 'reference=beta', '--filter', 'label=x=2'],
        ['--filter', 'dangling=true', '--filter', 'dangling=false'],
        ['--filter', 'dangling=false', '--filter', 'reference=*a*'],
      ];
      for (const args of cases) expect([args, await rows(berth, args)]).toEqual([args, await rows(docker, args)]);
    });

    it('prints one -q line per row, an image with three tags three times', async () => {
      const args = ['images', '-q', '--filter', 'reference=alpha', '--filter', 'reference=gamma', '--filter', 'reference=beta'];
      const [ours, theirs] = [await berth(args), await docker(args)];
      const shape = (text: string) => {
        const ids = text.trim().split('\n');
        return ids.map((id) => ids.filter((other) => other === id).length).sort();
      };
      expect(shape(ours.stdout)).toEqual([1, 3, 3, 3]);
      expect(shape(ours.stdout)).toEqual(shape(theirs.stdout));
    });

    it('prints docker\'s Untagged/Deleted lines, the deleted layer as docker names it', async () => {
      const layerLine = (text: string) => text.split('\n').filter((l) => l.startsWith('Deleted: ')).slice(1);
      // A tag of a multi-tag image: only Untagged.
      for (const run of [docker, berth]) expect(await run(['rmi', 'alpha:2'])).toMatchObject({ code: 0, stdout: 'Untagged: alpha:2\n' });
      // Forced by ID: every tag, the image, its layer (the imported layer's chain ID = diff ID = Berth's digest).
      const ids = { docker: (await docker(['images', '-q', 'alpha:1'])).stdout.trim(), berth: (await berth(['images', '-q', 'alpha:1'])).stdout.trim() };
      const theirs = await docker(['rmi', '-f', ids.docker]);
      const ours = await berth(['rmi', '-f', ids.berth]);
      expect(ours.stdout.replaceAll(ids.berth, 'ID').replace(/Deleted: sha256:ID[0-9a-f]+/, 'Deleted: IMAGE')).toBe(
        theirs.stdout.replaceAll(ids.docker, 'ID').replace(/Deleted: sha256:ID[0-9a-f]+/, 'Deleted: IMAGE'),
      );
      expect(layerLine(ours.stdout)).toEqual([`Deleted: ${digest(await readFile(tars.one!))}`]);
      expect(layerLine(ours.stdout)).toEqual(layerLine(theirs.stdout));
      // A layer another image still uses is not deleted: beta:1 and the new delta:1 share two.tar's layer.
      const shared = [await docker(['rmi', 'beta:1']), await berth(['rmi', 'beta:1'])];
      for (const result of shared) expect(layerLine(result.stdout)).toEqual([]);
    });

    it('with -f reports a missing image among present ones and exits 0; without -f exits 1', async () => {
      for (const run of [docker, berth]) await run(['tag', 'delta:1', 'delta:2']);
      const forced = [await docker(['rmi', '-f', 'nope:1', 'delta:2']), await berth(['rmi', '-f', 'nope:1', 'delta:2'])];
      expect(forced.map((r) => [r.code, r.stdout])).toEqual([[0, 'Untagged: delta:2\n'], [0, 'Untagged: delta:2\n']]);
      expect(forced[0]!.stderr).toContain('No such image: nope:1');
      expect(forced[1]!.stderr).toBe('Error: No such image: nope:1\n');
      for (const run of [docker, berth]) await run(['tag', 'delta:1', 'delta:2']);
      const plain = [await docker(['rmi', 'nope:1', 'delta:2']), await berth(['rmi', 'nope:1', 'delta:2'])];
      expect(plain.map((r) => [r.code, r.stdout])).toEqual([[1, 'Untagged: delta:2\n'], [1, 'Untagged: delta:2\n']]);
      expect(plain[1]!.stderr).toBe('Error: No such image: nope:1\n');
    });
  });
});
