// Several --filter values combined as dockerd 20.10 combines them (measured: see shared/image-filter.ts), through the
// service on a real store.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { openStore } from '../store/store.js';
import { addDangling, tag, writeImage } from './test-support/images.js';

let dir: string;
let service: BerthService;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-filters-'));
  const store = await openStore(dir);
  // Oldest first: alpha (x=1, y=2; three tags), beta (x=2), delta (no labels), a dangling image, eps.
  const alpha = await writeImage(store, { salt: 'alpha', created: '2024-01-01T00:00:01Z', labels: { x: '1', y: '2' } });
  for (const name of ['alpha:1', 'alpha:2', 'gamma:latest']) await tag(store, `docker.io/library/${name}`, alpha);
  await tag(store, 'docker.io/library/beta:1', await writeImage(store, { salt: 'beta', created: '2024-01-01T00:00:02Z', labels: { x: '2' } }));
  await tag(store, 'docker.io/library/delta:1', await writeImage(store, { salt: 'delta', created: '2024-01-01T00:00:03Z' }));
  await addDangling(store, await writeImage(store, { salt: 'old', created: '2024-01-01T00:00:04Z', labels: { x: '1' } }));
  await tag(store, 'docker.io/library/eps:1', await writeImage(store, { salt: 'eps', created: '2024-01-01T00:00:05Z' }));
  service = await createService({ storePath: dir });
});
afterAll(async () => {
  await service?.close();
  await rm(dir, { recursive: true, force: true });
});

async function rows(filters: string[], reference?: string): Promise<string[]> {
  const images = await service.listImages({ filters, ...(reference ? { reference } : {}) });
  return images.map((i) => `${i.repository}:${i.tag}`);
}

describe('several --filter values', () => {
  it('ORs reference filters, per row', async () => {
    expect(await rows(['reference=alpha', 'reference=beta'])).toEqual(['beta:1', 'alpha:1', 'alpha:2']);
    expect(await rows(['reference=alpha:1', 'reference=gamma'])).toEqual(['alpha:1', 'gamma:latest']);
  });

  it('ORs the positional reference with reference filters, as the docker CLI sends it as one', async () => {
    expect(await rows(['reference=gamma'], 'alpha')).toEqual(['alpha:1', 'alpha:2', 'gamma:latest']);
    expect(await rows(['reference=eps'], 'alpha:1')).toEqual(['eps:1', 'alpha:1']);
  });

  it('ANDs label filters', async () => {
    expect(await rows(['label=x=1', 'label=x=2'])).toEqual([]);
    expect(await rows(['label=x', 'label=y'])).toEqual(['alpha:1', 'alpha:2', 'gamma:latest']);
    expect(await rows(['label=x=1', 'label=y=2'])).toEqual(['alpha:1', 'alpha:2', 'gamma:latest']);
  });

  it('ANDs different kinds', async () => {
    expect(await rows(['reference=alpha', 'label=x=2'])).toEqual([]);
    expect(await rows(['reference=beta', 'label=x=2'])).toEqual(['beta:1']);
    expect(await rows(['dangling=false', 'reference=*a*'])).toEqual(['delta:1', 'beta:1', 'alpha:1', 'alpha:2', 'gamma:latest']);
    expect(await rows(['dangling=true', 'reference=*'])).toEqual([]);
    expect(await rows(['dangling=true', 'label=x'])).toEqual(['<none>:<none>']);
  });

  it('lets dangling=true win over dangling=false, as dockerd does', async () => {
    expect(await rows(['dangling=true', 'dangling=false'])).toEqual(['<none>:<none>']);
    expect(await rows(['dangling=false', 'dangling=true'])).toEqual(['<none>:<none>']);
    expect(await rows(['dangling=false', 'dangling=bogus'])).toHaveLength(6);
    await expect(rows(['dangling=bogus'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('applies every before= and since= (the strictest wins), one of the answers docker gives', async () => {
    expect(await rows(['before=eps:1', 'before=beta:1'])).toEqual(['alpha:1', 'alpha:2', 'gamma:latest']);
    expect(await rows(['since=alpha:1', 'since=delta:1'])).toEqual(['eps:1', '<none>:<none>']);
    expect(await rows(['since=alpha:1', 'before=eps:1', 'dangling=false'])).toEqual(['delta:1', 'beta:1']);
  });

  it('refuses an unknown kind before resolving any image', async () => {
    await expect(rows(['before=nope', 'colour=red'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: "invalid filter 'colour'" });
    await expect(rows(['before=nope'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
