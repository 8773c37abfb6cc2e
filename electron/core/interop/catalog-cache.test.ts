// `berth images` on a layout other tools wrote (umoci made the images, skopeo copied one under a full name): the
// first listing fills the catalog cache, the next answers from it with the same output, and umoci and skopeo
// still read the layout afterwards (the cache lives in Berth's ingest/ folder, never in blobs/).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCliOk } from '../testing/cli.js';
import { requirePeer } from '../testing/peers.mjs';
import { runOk } from '../testing/run-process.js';

let dir: string;
let store: string;
let umoci: string;
let skopeo: string;
const cache = () => path.join(store, 'ingest', 'cache', 'catalog-v1.json');
const images = (args: string[] = []) => runCliOk(['images', ...args], { store });
// Everything a row shows but its age, which moves on between two runs.
const ROW = '{{.Repository}}:{{.Tag}} {{.ID}} {{.CreatedAt}} {{.Size}} {{.Digest}}';

beforeAll(async () => {
  umoci = requirePeer('umoci');
  skopeo = requirePeer('skopeo');
  dir = await mkdtemp(path.join(tmpdir(), 'berth-interop-cache-'));
  store = path.join(dir, 'layout');
  await runOk(umoci, ['init', '--layout', store]);
  await runOk(umoci, ['new', '--image', `${store}:v1`]);
  await runOk(umoci, ['config', '--image', `${store}:v1`, '--config.label', 'made.by=umoci', '--tag', 'v2']);
  await runOk(skopeo, ['copy', '-q', `oci:${store}:v2`, `oci:${store}:docker.io/library/from-skopeo:1`]);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('berth images on a layout umoci and skopeo wrote', () => {
  it('lists every entry, then answers from the cache with the same output', async () => {
    const cold = await images(['--no-trunc', '--format', ROW]);
    expect(cold.trimEnd().split('\n').map((line) => line.split(' ')[0]).sort()).toEqual(['from-skopeo:1', 'v1:latest', 'v2:latest']);
    expect((await stat(cache())).isFile()).toBe(true);
    const written = (await stat(cache())).mtimeMs;
    expect(await images(['--no-trunc', '--format', ROW])).toBe(cold);
    expect((await images()).split('\n')[0]).toMatch(/^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE$/);
    expect((await stat(cache())).mtimeMs).toBe(written); // nothing new to learn: not rewritten
    expect(await images(['--filter', 'label=made.by=umoci', '--format', '{{.Repository}}:{{.Tag}}'])).toBe('from-skopeo:1\nv2:latest\n');
  });

  it('leaves the layout readable by umoci and skopeo, and fsck-clean', async () => {
    await images();
    expect((await runOk(umoci, ['ls', '--layout', store])).trim().split('\n').sort()).toEqual(['docker.io/library/from-skopeo:1', 'v1', 'v2']);
    const inspected = JSON.parse(await runOk(skopeo, ['inspect', `oci:${store}:v2`])) as { Labels: Record<string, string> };
    expect(inspected.Labels).toEqual({ 'made.by': 'umoci' });
    expect(await runCliOk(['fsck'], { store })).toMatch(/no problems\n$/);
  });
});
