// Alpine: apk's database, lib/apk/db/installed. One package per blank-line-separated block of `X:value` lines (apk's
// own letters: P name, V version, A architecture, o origin — the source package —, I installed size in bytes; the
// F/R/Z lines that follow are the package's files). apk-tools 3 keeps the same text file; usr/lib/apk/db is where
// Alpine's /usr merge is moving it, so both places are looked at.
import type { InstalledPackage } from '../../../../shared/api/packages.js';
import type { FileSource } from '../file-source.js';
import { readableDatabase, readCapped, unreadableDatabase, type DatabaseRead } from './database-read.js';

export const APK_INSTALLED_PATHS = ['/lib/apk/db/installed', '/usr/lib/apk/db/installed'] as const;

/** The file lists make it large: an Alpine image with a desktop's worth of packages is tens of MB. */
const MAX_BYTES = 128 * 1024 * 1024;

export async function readApk(source: FileSource): Promise<DatabaseRead[]> {
  for (const where of APK_INSTALLED_PATHS) {
    const bytes = await readCapped(source, where, MAX_BYTES);
    if (bytes === null) continue;
    return [typeof bytes === 'string' ? unreadableDatabase('apk', where, bytes) : readableDatabase('apk', where, apkPackages(bytes.toString('utf8')))];
  }
  return [];
}

export function apkPackages(text: string): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  let fields = new Map<string, string>();
  const finish = (): void => {
    const name = fields.get('P');
    const version = fields.get('V');
    // A block without both is not an installed package (apk never writes one); skipped, as apk's own reader would.
    if (name && version) {
      const size = Number(fields.get('I'));
      const origin = fields.get('o');
      packages.push({
        name,
        version,
        architecture: fields.get('A') ?? '',
        source: origin || name,
        sourceVersion: version, // apk builds every subpackage of an origin from one APKBUILD at one version
        ...(fields.get('I') && Number.isSafeInteger(size) && size >= 0 ? { installedSize: size } : {}),
        manager: 'apk',
      });
    }
    fields = new Map();
  };
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      finish();
      continue;
    }
    // Only the first occurrence counts: the package's own P/V/A come before its file lines.
    if (line.length >= 2 && line[1] === ':' && !fields.has(line[0]!)) fields.set(line[0]!, line.slice(2));
  }
  finish();
  return packages;
}
