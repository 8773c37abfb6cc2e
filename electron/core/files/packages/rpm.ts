// RPM-based images (Fedora, RHEL/UBI, CentOS, Rocky, Alma, Amazon Linux, openSUSE): find rpm's database and read it.
// rpm keeps one database in its %_dbpath: /var/lib/rpm on RHEL and older Fedora, /usr/lib/sysimage/rpm on current
// Fedora and openSUSE (where /var/lib/rpm is often a link to it). Three formats exist: sqlite (rpmdb.sqlite, read
// here), ndb (Packages.db, openSUSE/SLES) and Berkeley DB (Packages, RHEL/CentOS ≤ 8, Amazon Linux 2); the last two are
// reported as found but not readable.
import type { FileSource } from '../file-source.js';
import { readableDatabase, readCapped, unreadableDatabase, type DatabaseRead } from './database-read.js';
import { RpmdbError, rpmdbSqlitePackages } from './rpmdb-sqlite.js';

export const RPM_DB_DIRS = ['/var/lib/rpm', '/usr/lib/sysimage/rpm'] as const;

/** A Fedora image's rpmdb.sqlite is 5–30 MB; sql.js holds the whole database in memory. */
const MAX_SQLITE_BYTES = 256 * 1024 * 1024;

const ONLY_SQLITE = 'Berth reads rpm’s sqlite database (rpmdb.sqlite: Fedora 33+, RHEL/UBI 9+) only';

export async function readRpm(source: FileSource): Promise<DatabaseRead[]> {
  for (const dir of RPM_DB_DIRS) {
    const names = await source.list(dir);
    if (!names) continue;
    if (names.includes('rpmdb.sqlite')) {
      const where = `${dir}/rpmdb.sqlite`;
      const bytes = await readCapped(source, where, MAX_SQLITE_BYTES);
      if (typeof bytes === 'string') return [unreadableDatabase('rpm', where, bytes)];
      if (bytes) return [await readSqlite(where, bytes)];
    }
    if (names.includes('Packages.db')) {
      return [unreadableDatabase('rpm', `${dir}/Packages.db`, `rpm’s ndb database (openSUSE, SLES) is not readable: ${ONLY_SQLITE}`)];
    }
    if (names.includes('Packages')) {
      return [unreadableDatabase('rpm', `${dir}/Packages`, `rpm’s Berkeley DB database (RHEL/CentOS 8 and older, Amazon Linux 2) is not readable: ${ONLY_SQLITE}`)];
    }
  }
  return [];
}

async function readSqlite(where: string, bytes: Buffer): Promise<DatabaseRead> {
  try {
    const { packages, damaged } = await rpmdbSqlitePackages(bytes);
    const read = readableDatabase('rpm', where, packages);
    if (damaged > 0) read.database.problem = `${damaged} damaged package ${damaged === 1 ? 'header was' : 'headers were'} skipped`;
    return read;
  } catch (err) {
    if (err instanceof RpmdbError) return unreadableDatabase('rpm', where, err.message);
    throw err;
  }
}
