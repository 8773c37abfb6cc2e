// What each package-database reader gives back, and the helpers they share: one database found in the image, the
// packages read from it, and a size-capped read that turns "too large" into a problem to report instead of a failure.
import type { InstalledPackage, PackageDatabase, PackageManagerKind } from '../../../../shared/api/packages.js';
import type { FileSource } from '../file-source.js';

export interface DatabaseRead {
  database: PackageDatabase;
  packages: InstalledPackage[];
}

export function readableDatabase(kind: PackageManagerKind, path: string, packages: InstalledPackage[]): DatabaseRead {
  return { database: { kind, path, readable: true, count: packages.length }, packages };
}

export function unreadableDatabase(kind: PackageManagerKind, path: string, problem: string): DatabaseRead {
  return { database: { kind, path, readable: false, problem, count: 0 }, packages: [] };
}

/** The file; null when absent or not a regular file; the problem's words when it is larger than `maxBytes`. */
export async function readCapped(source: FileSource, where: string, maxBytes: number): Promise<Buffer | string | null> {
  try {
    return await source.readFile(where, maxBytes);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'TOO_LARGE') return `larger than the ${formatMiB(maxBytes)} Berth reads`;
    throw err;
  }
}

function formatMiB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
