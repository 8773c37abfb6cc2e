// rpm's sqlite database (rpmdb.sqlite: Fedora 33+, RHEL/UBI 9+, Amazon Linux 2023): table Packages(hnum, blob), one
// RPM header per installed package. Node 20 has no node:sqlite, and a native module would need a build per Electron
// ABI, so SQLite comes as WebAssembly: sql.js (SQLite's own amalgamation compiled with Emscripten; MIT), imported only
// when an image has an rpmdb, so its ~750 KB (sql-wasm.js + sql-wasm.wasm) never loads for a Debian or Alpine image.
// sql.js opens a database from bytes in memory, which is what a file read out of an image layer is anyway.
import type { InstalledPackage } from '../../../../shared/api/packages.js';
import { parseRpmHeader, RpmHeaderError, type RpmHeaderFields } from './rpm-header.js';

/** Past this many rows the "database" is not one an image would hold (Fedora Workstation has ~2,500). */
const MAX_ROWS = 200_000;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export class RpmdbError extends Error {
  override name = 'RpmdbError';
}

export interface RpmdbRows {
  packages: InstalledPackage[];
  /** Headers that failed the checks: reported, never fatal to the rest. */
  damaged: number;
}

let sqlite: Promise<import('sql.js').SqlJsStatic> | undefined;

function loadSqlite(): Promise<import('sql.js').SqlJsStatic> {
  sqlite ??= import('sql.js').then((module) => module.default());
  return sqlite;
}

export async function rpmdbSqlitePackages(file: Buffer): Promise<RpmdbRows> {
  if (file.length < 100 || !file.subarray(0, 16).equals(SQLITE_MAGIC)) throw new RpmdbError('not an SQLite database');
  const SQL = await loadSqlite();
  let db;
  try {
    // rpm leaves its database in WAL mode with the log checkpointed into the main file on close, so the file alone
    // is the whole database (the test reads one rpm 4.18 wrote). A -wal file with pages still in it is not read.
    db = new SQL.Database(file);
  } catch (err) {
    throw new RpmdbError(`SQLite cannot open it: ${(err as Error).message}`);
  }
  try {
    let statement;
    try {
      statement = db.prepare('SELECT hnum, blob FROM Packages');
    } catch (err) {
      throw new RpmdbError(`not an rpm database: ${(err as Error).message}`);
    }
    const packages: InstalledPackage[] = [];
    let damaged = 0;
    let rows = 0;
    try {
      while (statement.step()) {
        if (++rows > MAX_ROWS) throw new RpmdbError(`more than ${MAX_ROWS} packages`);
        const blob = statement.get()[1];
        if (!(blob instanceof Uint8Array)) {
          damaged++;
          continue;
        }
        try {
          const pkg = rpmPackage(parseRpmHeader(blob));
          if (pkg) packages.push(pkg);
        } catch (err) {
          if (!(err instanceof RpmHeaderError)) throw err;
          damaged++;
        }
      }
    } catch (err) {
      if (err instanceof RpmdbError) throw err;
      throw new RpmdbError(`SQLite stopped reading it: ${(err as Error).message}`);
    } finally {
      statement.free();
    }
    return { packages, damaged };
  } finally {
    db.close();
  }
}

/**
 * One header as a package; null for rpm's gpg-pubkey entries (the signing keys `rpm --import` records as pseudo
 * packages: no architecture, no source, nothing installed) and for headers without a name or version.
 */
export function rpmPackage(fields: RpmHeaderFields): InstalledPackage | null {
  if (!fields.name || !fields.version || fields.name === 'gpg-pubkey') return null;
  const evr = `${fields.epoch !== undefined ? `${fields.epoch}:` : ''}${fields.version}${fields.release ? `-${fields.release}` : ''}`;
  const source = fields.sourceRpm ? sourceRpmName(fields.sourceRpm) : null;
  return {
    name: fields.name,
    version: evr,
    architecture: fields.arch ?? '',
    ...(source ? { source: source.name, sourceVersion: source.version } : {}),
    ...(fields.size !== undefined ? { installedSize: fields.size } : {}),
    manager: 'rpm',
  };
}

/** `bash-5.2.26-3.fc40.src.rpm` → bash, 5.2.26-3.fc40 (name-version-release.src.rpm; the name may hold dashes). */
export function sourceRpmName(file: string): { name: string; version: string } | null {
  const base = /^(.+)\.(?:no)?src\.rpm$/.exec(file)?.[1];
  if (!base) return null;
  const releaseDash = base.lastIndexOf('-');
  const versionDash = releaseDash > 0 ? base.lastIndexOf('-', releaseDash - 1) : -1;
  if (versionDash <= 0) return null;
  return { name: base.slice(0, versionDash), version: base.slice(versionDash + 1) };
}
