// The packages installed in an image, read offline from its filesystem: every package database Berth knows (dpkg,
// apk, rpm) is looked for, since an image can hold more than one (a Debian image with rpm installed, a distroless
// image with both status and status.d), and the OS from os-release.
import type { InstalledPackage, PackageReport } from '../../../../shared/api/packages.js';
import type { FileSource } from '../file-source.js';
import { readApk } from './apk.js';
import { readDpkg } from './dpkg.js';
import { readOsRelease } from './os-release.js';
import { readRpm } from './rpm.js';

export async function readPackages(source: FileSource): Promise<PackageReport> {
  const [os, dpkg, apk, rpm] = await Promise.all([readOsRelease(source), readDpkg(source), readApk(source), readRpm(source)]);
  const reads = [...dpkg, ...apk, ...rpm];
  return {
    os,
    managers: reads.map((read) => read.database),
    packages: reads.flatMap((read) => read.packages).sort(comparePackages),
  };
}

/** By name, then version and architecture: code-unit order, so every shell and test sees the same list. */
export function comparePackages(a: InstalledPackage, b: InstalledPackage): number {
  return compare(a.name, b.name) || compare(a.version, b.version) || compare(a.architecture, b.architecture) || compare(a.manager, b.manager);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
