// Leases: one file per live write session listing the blobs it needs, so gc in any process leaves them alone.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { fsyncDir, isNotFound } from './fs-util.js';
import { currentOwner, isOwnerAlive, parseOwner, type Owner } from './owner.js';
import { isDigest } from '../oci/digest.js';
import { ownedTempName, STORE_DIRS, type StorePaths } from './paths.js';
import { listOwnDir, ownDir, readOwnFile } from './own-paths.js';

const FOREIGN_LEASE_MAX_AGE_MS = 24 * 3600 * 1000;
/** A lease lists the blobs of one session: thousands of digests at most. */
const MAX_LEASE_BYTES = 64 * 1024 * 1024;

export class Lease {
  readonly file: string;
  private readonly digests = new Set<string>();
  private writing: Promise<void> = Promise.resolve();
  private released = false;

  constructor(private readonly paths: StorePaths) {
    this.file = path.join(paths.leases, ownedTempName('', '.json'));
  }

  has(digest: string): boolean {
    return this.digests.has(digest);
  }

  /** Records digests durably (atomic replace) before the caller relies on them being protected. */
  add(...digests: string[]): Promise<void> {
    if (this.released) return Promise.reject(new BerthError('CONFLICT', 'this write session has already ended'));
    const fresh = digests.filter((d) => !this.digests.has(d));
    if (fresh.length === 0 && this.digests.size > 0) return this.writing;
    for (const d of fresh) this.digests.add(d);
    const run = this.writing.then(() => this.write());
    this.writing = run.catch(() => undefined);
    return run;
  }

  private async write(): Promise<void> {
    // Never write a lease through a link planted at ingest/leases.
    await ownDir(this.paths.root, STORE_DIRS.leases, { repair: true });
    const owner: Owner = currentOwner();
    const body = JSON.stringify({ ...owner, updated: new Date().toISOString(), digests: [...this.digests] });
    const temp = path.join(this.paths.leases, ownedTempName('.', '.tmp'));
    await fs.writeFile(temp, body, { flag: 'wx' });
    await fs.rename(temp, this.file);
  }

  async release(): Promise<void> {
    this.released = true;
    await this.writing;
    await fs.rm(this.file, { force: true });
  }
}

interface LeaseFile {
  file: string;
  live: boolean;
  digests: string[];
}

async function readLeaseFiles(paths: StorePaths): Promise<LeaseFile[]> {
  const names = await listOwnDir(paths.root, STORE_DIRS.leases, { repair: true });
  const result: LeaseFile[] = [];
  for (const name of names) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue;
    const file = path.join(paths.leases, name);
    try {
      const [text, stats] = await Promise.all([readOwnFile(file, MAX_LEASE_BYTES), fs.lstat(file)]);
      const value = JSON.parse(text) as { digests?: unknown };
      const owner = parseOwner(value);
      const foreign = owner !== null && owner.host !== currentOwner().host;
      const live = owner !== null && isOwnerAlive(owner) && !(foreign && Date.now() - stats.mtimeMs > FOREIGN_LEASE_MAX_AGE_MS);
      const digests = Array.isArray(value.digests) ? value.digests.filter(isDigest) : [];
      result.push({ file, live, digests });
    } catch (err) {
      if (isNotFound(err)) continue;
      // Unparsable lease: its writer publishes complete files, so this is damage; treat as dead.
      result.push({ file, live: false, digests: [] });
    }
  }
  return result;
}

/** Digests protected by live sessions of any process. */
export async function liveLeasedDigests(paths: StorePaths): Promise<Set<string>> {
  const set = new Set<string>();
  for (const lease of await readLeaseFiles(paths)) if (lease.live) for (const d of lease.digests) set.add(d);
  return set;
}

/** Deletes leases whose owner is gone (and their stray temp files); returns how many. */
export async function removeDeadLeases(paths: StorePaths): Promise<number> {
  let removed = 0;
  for (const lease of await readLeaseFiles(paths)) {
    if (lease.live) continue;
    await fs.rm(lease.file, { force: true });
    removed++;
  }
  if (removed > 0) await fsyncDir(paths.leases);
  return removed;
}
