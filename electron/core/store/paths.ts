// Where everything lives inside a store, and where the store lives by default.
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import path from 'node:path';
import { digestHex } from '../oci/digest.js';

export interface StorePaths {
  root: string;
  ociLayout: string;
  index: string;
  blobs: string;
  sha256: string;
  /** Blob writes in progress: `<pid>-<random>.part`. */
  ingest: string;
  /** One file per live write session, listing the blobs it protects from gc. */
  leases: string;
  /** Resumable downloads (partial.ts): `partial/<hex>` and its lock `<hex>.lock`, resumed with an HTTP Range request. */
  partial: string;
  /** gc moves blobs here before deleting them, so a lease taken meanwhile can still get its blob back. */
  trash: string;
  lock: string;
}

/** The store's folders, relative to its root: each is checked with ownDir before use (never a link). */
export const STORE_DIRS = {
  blobs: 'blobs/sha256',
  ingest: 'ingest',
  leases: 'ingest/leases',
  partial: 'ingest/partial',
  trash: 'ingest/trash',
} as const;

export function storePaths(root: string): StorePaths {
  const abs = path.resolve(root);
  const ingest = path.join(abs, 'ingest');
  return {
    root: abs,
    ociLayout: path.join(abs, 'oci-layout'),
    index: path.join(abs, 'index.json'),
    blobs: path.join(abs, 'blobs'),
    sha256: path.join(abs, 'blobs', 'sha256'),
    ingest,
    leases: path.join(ingest, 'leases'),
    partial: path.join(ingest, 'partial'),
    trash: path.join(ingest, 'trash'),
    lock: path.join(ingest, 'write.lock'),
  };
}

export function blobPathFor(paths: StorePaths, digest: string): string {
  return path.join(paths.sha256, digestHex(digest));
}

/** `<prefix><pid>-<random><suffix>`: the pid lets gc tell files of dead writers from live ones. */
export function ownedTempName(prefix: string, suffix: string): string {
  return `${prefix}${process.pid}-${randomBytes(6).toString('hex')}${suffix}`;
}

/** The pid encoded by ownedTempName (whatever the prefix), or null when the name is not one of ours. */
export function pidOfTempName(name: string): number | null {
  const match = /^[a-z.-]*?(\d+)-[a-f0-9]{12}\./.exec(name);
  return match?.[1] ? Number(match[1]) : null;
}

export function defaultStorePath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.BERTH_STORE) return path.resolve(env.BERTH_STORE);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Berth');
  if (platform === 'win32') {
    const localAppData = env.LOCALAPPDATA || path.win32.join(home, 'AppData', 'Local');
    return path.win32.join(localAppData, 'Berth');
  }
  const dataHome = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return path.join(dataHome, 'berth');
}
