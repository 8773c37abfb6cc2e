// Debian and Ubuntu: dpkg's database, var/lib/dpkg/status (every package dpkg knows of, installed only when its
// Status is `install ok installed`), and the distroless layout, var/lib/dpkg/status.d/ (one file per package written
// by the image builder, with no Status line: each is installed by being there; the *.md5sums files beside them are
// file lists, not packages).
import type { InstalledPackage } from '../../../../shared/api/packages.js';
import type { FileSource } from '../file-source.js';
import { parseStanzas, type Stanza } from './deb822.js';
import { readableDatabase, readCapped, unreadableDatabase, type DatabaseRead } from './database-read.js';

export const DPKG_STATUS = '/var/lib/dpkg/status';
export const DPKG_STATUS_D = '/var/lib/dpkg/status.d';

/** A Debian system's status file is a few MB; this leaves room for very large images and stops hostile ones. */
const MAX_STATUS_BYTES = 128 * 1024 * 1024;
const MAX_STATUS_D_FILE = 4 * 1024 * 1024;
const MAX_STATUS_D_FILES = 20_000;

export async function readDpkg(source: FileSource): Promise<DatabaseRead[]> {
  const reads: DatabaseRead[] = [];
  const status = await readCapped(source, DPKG_STATUS, MAX_STATUS_BYTES);
  if (status !== null) reads.push(typeof status === 'string' ? unreadableDatabase('dpkg', DPKG_STATUS, status) : readableDatabase('dpkg', DPKG_STATUS, dpkgStatusPackages(status.toString('utf8'))));
  const names = await source.list(DPKG_STATUS_D);
  if (names !== null) {
    const files = names.filter((name) => !name.endsWith('.md5sums') && !name.startsWith('.'));
    if (files.length > MAX_STATUS_D_FILES) {
      reads.push(unreadableDatabase('dpkg', DPKG_STATUS_D, `${files.length} files, more than the ${MAX_STATUS_D_FILES} Berth reads`));
    } else {
      const packages: InstalledPackage[] = [];
      const paths = files.map((name) => `${DPKG_STATUS_D}/${name}`);
      // All at once where the source can (an image reads them in one pass per layer, not one pass per file).
      let contents: Array<Buffer | string | null> = [];
      if (source.readFiles) contents = await source.readFiles(paths, MAX_STATUS_D_FILE, MAX_STATUS_BYTES);
      else for (const where of paths) contents.push(await readCapped(source, where, MAX_STATUS_D_FILE));
      for (const bytes of contents) {
        if (bytes === null || typeof bytes === 'string') continue; // a folder, link to nowhere or oversized file: not a package
        for (const stanza of parseStanzas(bytes.toString('utf8'))) {
          const pkg = dpkgPackage(stanza);
          if (pkg) packages.push(pkg);
        }
      }
      reads.push(readableDatabase('dpkg', DPKG_STATUS_D, packages));
    }
  }
  return reads;
}

/** The packages of a status file that dpkg counts as installed (`dpkg-query -W` with Status `install ok installed`). */
export function dpkgStatusPackages(text: string): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  for (const stanza of parseStanzas(text)) {
    if (stanza.get('status')?.split(/\s+/).join(' ') !== 'install ok installed') continue;
    const pkg = dpkgPackage(stanza);
    if (pkg) packages.push(pkg);
  }
  return packages;
}

/** One stanza as a package; null without a Package or Version field (not something dpkg would have installed). */
export function dpkgPackage(stanza: Stanza): InstalledPackage | null {
  const name = firstLine(stanza.get('package'));
  const version = firstLine(stanza.get('version'));
  if (!name || !version) return null;
  // `Source: name (version)` when the source version differs from the binary's; absent when the names are equal:
  // dpkg-query's ${source:Package} and ${source:Version} fall back to the package's own.
  const sourceField = /^(\S+)(?:\s+\((\S+)\))?/.exec(firstLine(stanza.get('source')) ?? '');
  const kib = Number(firstLine(stanza.get('installed-size')));
  return {
    name,
    version,
    architecture: firstLine(stanza.get('architecture')) ?? '',
    source: sourceField?.[1] ?? name,
    sourceVersion: sourceField?.[2] ?? version,
    ...(Number.isSafeInteger(kib) && kib >= 0 && firstLine(stanza.get('installed-size')) ? { installedSize: kib * 1024 } : {}),
    manager: 'dpkg',
  };
}

function firstLine(value: string | undefined): string | undefined {
  const line = value?.split('\n', 1)[0]?.trim();
  return line ? line : undefined;
}
