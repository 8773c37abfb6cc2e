// The store every spec starts from: several tags sharing one ID, a configured image, a dangling one.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { berth } from './cli.js';
import { rootfs } from './tar.js';

export const SEED = {
  /** One image ID with three tags. */
  shared: ['alpine:3.19', 'example.com/team/app:1.0', 'app:latest'],
  single: 'busybox:1.36',
  configured: 'tools/debug:dev',
  big: 'zeta:0.1',
  /** Rows in `berth images -a`: 3 + 1 + 1 + 1 tags and one dangling image. */
  rows: 7,
  tagged: 6,
} as const;

export async function seedStore(): Promise<string> {
  const work = await mkdtemp(path.join(tmpdir(), 'berth-e2e-seed-'));
  const store = path.join(work, 'store');
  const tarball = async (label: string, extra: number) => {
    const file = path.join(work, `${label}.tar`);
    await writeFile(file, await rootfs(label, extra));
    return file;
  };
  await berth(store, ['import', await tarball('alpine', 300_000), SEED.shared[0]]);
  await berth(store, ['tag', SEED.shared[0], SEED.shared[1]]);
  await berth(store, ['tag', SEED.shared[0], SEED.shared[2]]);
  await berth(store, ['import', await tarball('busybox', 1_200_000), SEED.single]);
  await berth(store, [
    'import',
    '-c', 'ENV FOO=bar',
    '-c', 'CMD ["/bin/sh", "-c", "echo hi"]',
    '-c', 'LABEL org.example.role=debug',
    '-c', 'EXPOSE 8080/tcp',
    '-c', 'WORKDIR /srv',
    '-c', 'USER nobody',
    '-m', 'seeded for e2e',
    await tarball('debug', 50_000),
    SEED.configured,
  ]);
  await berth(store, ['import', await tarball('zeta', 2_500_000), SEED.big]);
  await berth(store, ['import', await tarball('orphan', 10_000)]);
  return store;
}
