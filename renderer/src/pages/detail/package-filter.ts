// The Packages tab's words and filter, apart from React so they are tested alone.
import type { InstalledPackage, PackageDatabase } from '../../../../shared/api';

/** Case-insensitive words, each found in the name, version, architecture or source: `ssl 3.0` finds libssl3 3.0.11. */
export function filterPackages(packages: readonly InstalledPackage[], query: string): readonly InstalledPackage[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return packages;
  return packages.filter((pkg) => {
    const text = `${pkg.name}\n${pkg.version}\n${pkg.architecture}\n${pkg.source ?? ''}\n${pkg.sourceVersion ?? ''}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

const MANAGER_NAMES: Record<PackageDatabase['kind'], string> = { dpkg: 'dpkg', apk: 'apk', rpm: 'rpm' };

/** `dpkg · 767 packages`, for the summary line under the OS. */
export function databaseLabel(database: PackageDatabase): string {
  const name = MANAGER_NAMES[database.kind];
  if (!database.readable) return `${name} · not readable`;
  return `${name} · ${database.count.toLocaleString('en')} ${database.count === 1 ? 'package' : 'packages'}`;
}

/** The source column: the source package when it differs from the package's own name and version, else blank. */
export function sourceText(pkg: InstalledPackage): string {
  if (!pkg.source) return '';
  if (pkg.source === pkg.name && (!pkg.sourceVersion || pkg.sourceVersion === pkg.version)) return '';
  return pkg.sourceVersion && pkg.sourceVersion !== pkg.version ? `${pkg.source} (${pkg.sourceVersion})` : pkg.source;
}
