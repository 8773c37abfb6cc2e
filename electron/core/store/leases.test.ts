// Which leases protect blobs from gc (a live owner on this host, or a recent one on another host), which are
// debris gc removes, and which leftovers of dead or old writers gc sweeps. All in-process: lease files are
// written the way another process would leave them.
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Lease, liveLeasedDigests } from './leases.js';
import { currentOwner } from './owner.js';
import { storePaths } from './paths.js';
import { openStore } from './store.js';
import type { ImageStore } from './types.js';

let root: string;
let store: ImageStore;
let leases: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'berth-leases-'));
  store = await openStore(path.join(root, 'store'));
  leases = path.join(store.root, 'ingest', 'leases');
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** The pid of a process that has exited (and was reaped): nobody owns it now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const HOUR = 3600 * 1000;

/** An unreferenced blob, and a lease file naming it as `owner` would have written it, `ageMs` old. */
async function leasedOrphan(name: string, owner: Record<string, unknown> | string, ageMs = 0): Promise<{ digest: string; file: string }> {
  const session = await store.beginWrite();
  const { digest } = await session.writeBlobBytes(`blob for ${name}`);
  await session.abort();
  const file = path.join(leases, name);
  await fs.writeFile(file, typeof owner === 'string' ? owner : JSON.stringify({ ...owner, digests: [digest, 'not a digest'] }));
  if (ageMs > 0) {
    const when = new Date(Date.now() - ageMs);
    await fs.utimes(file, when, when);
  }
  return { digest, file };
}

const exists = (file: string) => fs.lstat(file).then(() => true, () => false);

describe('lease judgement', () => {
  it('a lease of this process protects its blobs, and stays', async () => {
    const self = currentOwner();
    const { digest, file } = await leasedOrphan('self.json', { pid: self.pid, start: self.start, host: self.host });
    expect(await liveLeasedDigests(storePaths(store.root))).toEqual(new Set([digest]));
    expect((await store.gc()).deleted).toEqual([]);
    expect(await store.hasBlob(digest)).toBe(true);
    expect(await exists(file)).toBe(true);
  });

  it.each([
    ['a dead pid on this host', () => ({ pid: deadPid(), start: null, host: hostname() })],
    ['a reused pid (same pid, another start time)', () => ({ pid: process.pid, start: 'not-my-start-time', host: hostname() })],
    ['no owner fields', () => ({ note: 'no pid, no host' })],
    ['unparsable JSON', () => '{"pid": 1, "host": '],
  ])('a lease with %s protects nothing, and gc removes it', async (_label, owner) => {
    const { digest, file } = await leasedOrphan('other.json', owner());
    expect(await liveLeasedDigests(storePaths(store.root))).toEqual(new Set());
    expect((await store.gc()).deleted).toEqual([digest]);
    expect(await exists(file)).toBe(false);
  });

  it('a lease from another host counts as live for a day, then as dead', async () => {
    const fresh = await leasedOrphan('fresh.json', { pid: 1, start: null, host: 'another-host.example' }, 23 * HOUR);
    const stale = await leasedOrphan('stale.json', { pid: 1, start: null, host: 'another-host.example' }, 25 * HOUR);
    expect(await liveLeasedDigests(storePaths(store.root))).toEqual(new Set([fresh.digest]));
    expect((await store.gc()).deleted).toEqual([stale.digest]);
    expect(await exists(fresh.file)).toBe(true);
    expect(await exists(stale.file)).toBe(false);
  });

  it('only NAME.json files are leases: temp files and other names protect nothing', async () => {
    const self = currentOwner();
    const owner = { pid: self.pid, start: self.start, host: self.host };
    const temp = await leasedOrphan(`.${process.pid}-0123456789ab.tmp`, owner);
    const hidden = await leasedOrphan('.hidden.json', owner);
    const other = await leasedOrphan('lease.txt', owner);
    expect(await liveLeasedDigests(storePaths(store.root))).toEqual(new Set());
    expect((await store.gc()).deleted.sort()).toEqual([temp.digest, hidden.digest, other.digest].sort());
  });
});

describe('Lease', () => {
  it('writes the digests it protects with its owner, and removes its file on release', async () => {
    const paths = storePaths(store.root);
    const lease = new Lease(paths);
    const a = `sha256:${'a'.repeat(64)}`;
    const b = `sha256:${'b'.repeat(64)}`;
    await lease.add(a);
    await lease.add(a, b);
    await lease.add(b);
    expect(lease.has(a) && lease.has(b)).toBe(true);
    const written = JSON.parse(await fs.readFile(lease.file, 'utf8')) as { pid: number; host: string; digests: string[] };
    expect(written).toMatchObject({ pid: process.pid, host: hostname(), digests: [a, b] });
    expect(await liveLeasedDigests(paths)).toEqual(new Set([a, b]));
    expect((await fs.readdir(leases)).filter((n) => n.startsWith('.'))).toEqual([]); // no temp file left

    await lease.release();
    expect(await exists(lease.file)).toBe(false);
    await expect(lease.add(`sha256:${'c'.repeat(64)}`)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await exists(lease.file)).toBe(false);
  });
});

describe('gc sweeping leftovers', () => {
  it('removes the temp files of dead writers and old ones, keeps live writers\u2019, the lock and the lease files', async () => {
    const dead = deadPid();
    const ingest = path.join(store.root, 'ingest');
    const put = async (file: string, body: string, ageMs = 0) => {
      await fs.writeFile(file, body);
      if (ageMs > 0) {
        const when = new Date(Date.now() - ageMs);
        await fs.utimes(file, when, when);
      }
      return file;
    };
    await fs.mkdir(path.join(ingest, 'partial'), { recursive: true });
    const gone = [
      await put(path.join(ingest, `${dead}-0123456789ab.part`), 'dead writer'),
      await put(path.join(ingest, `${process.pid}-0123456789ab.part`), 'a day old', 25 * HOUR),
      await put(path.join(leases, `.${dead}-0123456789ab.tmp`), 'lease temp'),
      await put(path.join(ingest, 'partial', `${process.pid}-00aa11bb22cc.part`), 'old partial download', 25 * HOUR),
      await put(path.join(store.root, `.index.json-${dead}-0123456789ab.tmp`), 'index temp'),
    ];
    const kept = [
      await put(path.join(ingest, `${process.pid}-aaaaaaaaaaaa.part`), 'live writer', 23 * HOUR),
      await put(path.join(store.root, `.index.json-${process.pid}-0123456789ab.tmp`), 'live index temp'),
      await put(path.join(store.root, `notes-${dead}-0123456789ab.txt`), 'not an index temp file'),
      path.join(store.root, 'index.json'),
      path.join(store.root, 'oci-layout'),
    ];
    const self = currentOwner();
    const lease = await put(path.join(leases, `${process.pid}-bbbbbbbbbbbb.json`), JSON.stringify({ pid: self.pid, start: self.start, host: self.host, digests: [] }), 25 * HOUR);
    kept.push(lease);

    const report = await store.gc();
    for (const file of gone) expect(await exists(file), file).toBe(false);
    for (const file of kept) expect(await exists(file), file).toBe(true);
    expect(report.bytes).toBe(['dead writer', 'a day old', 'lease temp', 'old partial download', 'index temp'].join('').length);
    expect((await fs.lstat(leases)).isDirectory()).toBe(true);
  });
});
