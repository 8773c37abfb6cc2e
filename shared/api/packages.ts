// What `imagePackages` answers: the OS an image says it is (etc/os-release) and the packages its package databases
// list, read offline from the image's own files. Plain data: it crosses every shell boundary as JSON.

export type PackageManagerKind = 'dpkg' | 'apk' | 'rpm';

/** os-release(5), with its defaults for missing fields (ID `linux`, NAME and PRETTY_NAME `Linux`). */
export interface OsRelease {
  id: string;
  /** VERSION_ID; null when the file has none (Debian sid, Arch). */
  versionId: string | null;
  prettyName: string;
  name: string;
}

/** One package database found in the image. */
export interface PackageDatabase {
  kind: PackageManagerKind;
  /** Where it is inside the image ('/var/lib/dpkg/status'). */
  path: string;
  /** False when Berth cannot read this format (rpm's Berkeley DB and ndb) or the file is damaged: `problem` says why. */
  readable: boolean;
  problem?: string;
  /** Packages read from it. */
  count: number;
}

export interface InstalledPackage {
  name: string;
  version: string;
  architecture: string;
  /** The source package it was built from (dpkg Source, apk origin, rpm SOURCERPM); the package's own name when it has none. */
  source?: string;
  sourceVersion?: string;
  /** Bytes, as each manager records them (dpkg's Installed-Size in KiB, times 1024). */
  installedSize?: number;
  manager: PackageManagerKind;
}

export interface PackageReport {
  os: OsRelease | null;
  managers: PackageDatabase[];
  /** Sorted by name, then version and architecture. */
  packages: InstalledPackage[];
}
