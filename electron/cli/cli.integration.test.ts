// The built `berth` command (node dist/cli/berth.js) against a real temporary store.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, runCliOk } from '../core/testing/cli.js';
import { makeRootfsTar, writeRootfsTar } from '../core/testing/tarball.mjs';

let dir: string;
let store: string;
let tarball: string;
let id: string;

const HOST_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };
const berth = (args: string[], input?: string | Buffer) => runCli(args, { store, ...(input !== undefined ? { input } : {}) });
const ok = (args: string[]) => runCliOk(args, { store });
const lines = (text: string) => text.trimEnd().split('\n');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-cli-'));
  store = path.join(dir, 'store');
  tarball = path.join(dir, 'rootfs.tar');
  await writeRootfsTar(tarball, [
    { path: 'bin', type: 'directory' },
    { path: 'bin/hello', content: '#!/bin/sh\necho hello\n', mode: 0o755 },
  ]);
  const result = await berth(['import', '-c', 'CMD ["/bin/hello"]', '-c', 'ENV GREETING=hi', '-m', 'first import', tarball, 'hello:1.0']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
  id = result.stdout.trim();
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('berth import', () => {
  it('reads a tarball from stdin and leaves an untagged image', async () => {
    const input = await makeRootfsTar({ 'etc/from-stdin': 'x\n' });
    const result = await berth(['import', '-'], input);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    const dangling = await ok(['images', '-a', '--filter', 'dangling=true', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}']);
    expect(dangling).toBe(`${result.stdout.trim()} <none>:<none>\n`);
    // docker's lines: the image ID, then the layer (stored as imported: its digest is the input's sha256).
    const layer = `sha256:${createHash('sha256').update(input).digest('hex')}`;
    expect(await ok(['rmi', result.stdout.trim()])).toBe(`Deleted: ${result.stdout.trim()}\nDeleted: ${layer}\n`);
  });

  it('reports a missing file', async () => {
    const result = await berth(['import', path.join(dir, 'nope.tar')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: .*nope\.tar/);
    expect(result.stderr.split('\n')).toHaveLength(2);
  });

  it('writes the -c changes and -m message into the config', async () => {
    expect(await ok(['inspect', '-f', '{{json .Config.Cmd}} {{.Comment}} {{index .Config.Env 0}}', 'hello:1.0'])).toMatch(
      /^\["\/bin\/hello"\] first import GREETING=hi\n$/,
    );
  });
});

describe('berth images', () => {
  it('lists the imported image in docker\'s table', async () => {
    const [header, ...rows] = lines(await ok(['images']));
    expect(header).toMatch(/^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE$/);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(new RegExp(`^hello {8}1\\.0 {7}${id.slice(7, 19)}   (Less than a second|1 second|\\d+ seconds) ago +\\d+(\\.\\d+)?k?B$`));
  });

  it('filters by reference, prints IDs, templates and JSON', async () => {
    await ok(['tag', 'hello:1.0', 'example.com:5000/team/hello:2.0']);
    expect(await ok(['images', '-q'])).toBe(`${id.slice(7, 19)}\n`.repeat(2)); // one line per tag, as docker prints
    expect(await ok(['images', '-q', '--no-trunc', 'hello'])).toBe(id + '\n');
    expect(lines(await ok(['images', '--format', '{{.Repository}}:{{.Tag}}'])).sort()).toEqual(['example.com:5000/team/hello:2.0', 'hello:1.0']);
    expect(await ok(['images', '--format', '{{.Repository}}:{{.Tag}}', 'hello'])).toBe('hello:1.0\n');
    expect(await ok(['images', '--filter', 'reference=*/team/*', '--format', '{{.Tag}}'])).toBe('2.0\n');
    const json = lines(await ok(['images', '--format', 'json'])).map((l) => JSON.parse(l) as Record<string, string>);
    expect(Object.keys(json[0]!)).toEqual(['Containers', 'CreatedAt', 'CreatedSince', 'Digest', 'ID', 'Repository', 'SharedSize', 'Size', 'Tag', 'UniqueSize', 'VirtualSize']);
    expect(json.map((j) => j.ID)).toEqual([id.slice(7, 19), id.slice(7, 19)]);
    const table = lines(await ok(['images', '--format', 'table {{.ID}}\\t{{.Tag}}']));
    expect(table[0]).toBe('IMAGE ID       TAG');
  });

  it('fails on a bad template or filter with Error: and exit 1', async () => {
    const bad = await berth(['images', '--format', '{{.Repository']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^Error: template parsing error: .+\n$/);
    const unknownField = await berth(['images', '--format', '{{.NoSuchField}}']);
    expect(unknownField.code).toBe(1);
    expect(unknownField.stderr).toMatch(/^Error: template parsing error: .*NoSuchField/);
    const badFilter = await berth(['images', '--filter', 'nonsense']);
    expect(badFilter.code).toBe(1);
    expect(badFilter.stderr).toMatch(/^Error: .*nonsense/);
  });
});

describe('berth inspect', () => {
  it('prints this machine\'s architecture with -f {{.Architecture}}', async () => {
    expect(await ok(['inspect', '-f', '{{.Architecture}}', 'hello:1.0'])).toBe(`${HOST_ARCH[process.arch] ?? process.arch}\n`);
    expect(await ok(['inspect', '--format={{.Id}}', id.slice(7, 15)])).toBe(`${id}\n`);
  });

  it('prints docker\'s indented JSON array', async () => {
    const out = await ok(['inspect', 'hello:1.0']);
    expect(out.startsWith('[\n    {\n        "Id": "sha256:')).toBe(true);
    const [image] = JSON.parse(out) as Array<{ Id: string; RepoTags: string[] }>;
    expect(image!.Id).toBe(id);
    expect(image!.RepoTags.sort()).toEqual(['example.com:5000/team/hello:2.0', 'hello:1.0']);
  });

  it('reports an unknown image with exit 1', async () => {
    const result = await berth(['inspect', 'nosuch:latest']);
    expect(result).toMatchObject({ code: 1, stdout: '[]\n', stderr: 'Error: No such object: nosuch:latest\n' });
  });
});

describe('berth rmi', () => {
  it('needs -f for an ID that several tags share, and removes only a tag given by name', async () => {
    await ok(['tag', 'hello:1.0', 'hello:extra']);
    const refused = await berth(['rmi', id.slice(7, 19)]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(new RegExp(`^Error: conflict: unable to delete ${id.slice(7, 19)} \\(must be forced\\) - image is referenced in multiple repositories\\n$`));

    expect(await ok(['rmi', 'hello:extra'])).toBe('Untagged: hello:extra\n');
    expect(await ok(['images', '-q'])).toBe(`${id.slice(7, 19)}\n`.repeat(2));

    const partly = await berth(['rmi', 'nosuch', 'example.com:5000/team/hello:2.0']);
    expect(partly.code).toBe(1);
    expect(partly.stdout).toBe('Untagged: example.com:5000/team/hello:2.0\n');
    expect(partly.stderr).toMatch(/^Error: No such image: nosuch(:latest)?\n$/);
  });

  it('removes the last tag and deletes the image', async () => {
    const layer = (await ok(['inspect', '-f', '{{index .RootFS.Layers 0}}', id])).trim();
    expect(await ok(['rmi', 'hello:1.0'])).toBe(`Untagged: hello:1.0\nDeleted: ${id}\nDeleted: ${layer}\n`);
    expect(await ok(['images', '-q'])).toBe('');
    expect((await berth(['inspect', id])).code).toBe(1);
  });
});

describe('store commands', () => {
  it('df, prune -f and fsck', async () => {
    expect((await berth(['import', '-'], await makeRootfsTar({ 'etc/dangling': 'd\n' }))).code).toBe(0);
    expect(lines(await ok(['df']))[0]).toBe('TYPE      TOTAL     ACTIVE    SIZE      RECLAIMABLE');
    const pruned = await ok(['prune', '-f']);
    expect(pruned).toMatch(/^Deleted Images:\ndeleted: sha256:[0-9a-f]{64}\n\nTotal reclaimed space: \d+(\.\d+)?[kM]?B\n$/);
    expect(await ok(['images', '-aq'])).toBe('');
    const unconfirmed = await berth(['prune']);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toMatch(/^Error: .*-f/);
    expect(await ok(['fsck'])).toMatch(/no problems\n$/);
  });

  it('unknown commands and flags', async () => {
    expect(await berth(['frobnicate'])).toMatchObject({ code: 1, stderr: "berth: 'frobnicate' is not a berth command.\nSee 'berth --help'\n" });
    expect((await berth(['images', '--bogus'])).code).toBe(125);
  });
});
