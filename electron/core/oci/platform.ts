import { endianness } from 'node:os';
import { BerthError } from '../../../shared/errors.js';
import { isAttestationManifest } from './descriptor.js';

/** Where an image runs: GOOS/GOARCH names, as OCI descriptors and image configs carry them. */
export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
}

// Node's names -> the GOOS/GOARCH names image indexes use.
const NODE_OS: Readonly<Record<string, string>> = { win32: 'windows', sunos: 'solaris' };
const NODE_ARCH: Readonly<Record<string, string>> = {
  x64: 'amd64',
  ia32: '386',
  mipsel: 'mipsle',
  mips64el: 'mips64le',
};

// containerd's database.go lists (go/build syslist).
const KNOWN_OS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl',
  'netbsd', 'openbsd', 'plan9', 'solaris', 'windows', 'zos',
]);
const KNOWN_ARCH = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips',
  'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x',
  'sparc', 'sparc64', 'wasm',
]);

const COMPONENT = /^[A-Za-z0-9_.-]+$/;

function invalid(message: string): BerthError {
  return new BerthError('INVALID_ARGUMENT', message);
}

/** The machine Berth runs on, named as docker would name it (Node's `x64` is `amd64`, 32-bit ARM is `arm/v7`). */
export function hostPlatform(): Platform {
  const variables = process.config?.variables as { arm_version?: string | number } | undefined;
  const armVersion = variables?.arm_version;
  return platformFromNode(process.platform, process.arch, endianness(), armVersion);
}

/** Maps Node's process.platform / process.arch names onto GOOS / GOARCH ones. */
export function platformFromNode(
  nodePlatform: string,
  nodeArch: string,
  byteOrder: 'LE' | 'BE' = 'LE',
  armVersion?: string | number,
): Platform {
  const os = NODE_OS[nodePlatform] ?? nodePlatform;
  let arch = NODE_ARCH[nodeArch] ?? nodeArch;
  // Node says ppc64 for both byte orders; images distinguish them.
  if (arch === 'ppc64' && byteOrder === 'LE') arch = 'ppc64le';
  if (arch !== 'arm') return { os, architecture: arch };
  return normalizePlatform({ os, architecture: arch, variant: armVersion ? String(armVersion) : '' });
}

/**
 * The platform to pick from an index by default: Linux on the host's CPU. Images are Linux images
 * even when Berth runs on macOS or Windows, just as Docker Desktop's daemon is a Linux VM.
 */
export function defaultImagePlatform(): Platform {
  return { ...hostPlatform(), os: 'linux' };
}

/** containerd's Normalize: lowercase, aliases (aarch64, x86_64, armhf, macos…) resolved, arm/v7 made explicit. */
export function normalizePlatform(p: Platform): Platform {
  const os = p.os.toLowerCase() === 'macos' ? 'darwin' : p.os.toLowerCase();
  let architecture = p.architecture.toLowerCase();
  let variant = (p.variant ?? '').toLowerCase();
  switch (architecture) {
    case 'i386':
      architecture = '386';
      variant = '';
      break;
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      architecture = 'amd64';
      if (variant === 'v1') variant = '';
      break;
    case 'aarch64':
    case 'arm64':
      architecture = 'arm64';
      if (variant === '8' || variant === 'v8' || variant === 'v8.0') variant = '';
      else if (variant === '9' || variant === '9.0' || variant === 'v9.0') variant = 'v9';
      break;
    case 'armhf':
      architecture = 'arm';
      variant = 'v7';
      break;
    case 'armel':
      architecture = 'arm';
      variant = 'v6';
      break;
    case 'arm':
      if (variant === '' || variant === '7') variant = 'v7';
      else if (variant === '5' || variant === '6' || variant === '8') variant = `v${variant}`;
      break;
  }
  return variant ? { os, architecture, variant } : { os, architecture };
}

/**
 * Parses `os/arch[/variant]` as `docker --platform` does (containerd's Parse), returning the
 * normalised form. A single word is an OS (host CPU) when it names one, else a CPU (on Linux).
 */
export function parsePlatform(specifier: string): Platform {
  if (typeof specifier !== 'string' || specifier === '') {
    throw invalid('invalid platform: expected os/arch[/variant], e.g. linux/amd64, got an empty value');
  }
  if (specifier.includes('*')) throw invalid(`invalid platform "${specifier}": wildcards are not supported`);
  const parts = specifier.split('/');
  if (parts.length > 3) throw invalid(`invalid platform "${specifier}": expected os/arch[/variant]`);
  for (const part of parts) {
    if (!COMPONENT.test(part)) {
      const shown = part === '' ? 'an empty component' : `"${part}"`;
      throw invalid(`invalid platform "${specifier}": ${shown} is not made of letters, digits, "_", "." or "-"`);
    }
  }
  const [first = '', arch, variant] = parts;
  if (arch === undefined) {
    const host = defaultImagePlatform();
    const os = normalizePlatform({ os: first, architecture: host.architecture }).os;
    if (KNOWN_OS.has(os)) return normalizePlatform({ ...host, os });
    const cpu = normalizePlatform({ os: host.os, architecture: first });
    if (KNOWN_ARCH.has(cpu.architecture)) return cpu;
    throw invalid(`invalid platform "${specifier}": unknown operating system or architecture`);
  }
  return normalizePlatform({ os: first, architecture: arch, variant });
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter((s) => s).join('/');
}

/** containerd's Match: equal once both are normalised, so `linux/arm64/v8` matches `linux/arm64`. */
export function platformMatches(want: Platform, have: Platform): boolean {
  const a = normalizePlatform(want);
  const b = normalizePlatform(have);
  return a.os === b.os && a.architecture === b.architecture && (a.variant ?? '') === (b.variant ?? '');
}

/**
 * The platforms an image for `want` may use, best first: containerd's platformVector (platforms.Only). amd64/vN
 * falls back to lower amd64 levels then 386; arm/vN to lower arm variants down to v5; arm64 to 32-bit arm.
 */
export function platformPreference(want: Platform): Platform[] {
  const p = normalizePlatform(want);
  const vector: Platform[] = [p];
  const level = Number((p.variant ?? '').replace(/^v/, ''));
  const withArch = (architecture: string, variant?: string): Platform => (variant ? { os: p.os, architecture, variant } : { os: p.os, architecture });
  if (p.architecture === 'amd64') {
    if (Number.isInteger(level)) for (let v = level - 1; v >= 1; v--) vector.push(withArch('amd64', v === 1 ? undefined : `v${v}`));
    vector.push(withArch('386'));
  } else if (p.architecture === 'arm') {
    if (Number.isInteger(level)) for (let v = level - 1; v >= 5; v--) vector.push(withArch('arm', `v${v}`));
  } else if (p.architecture === 'arm64') {
    const arm = platformPreference(withArch('arm', p.variant ? p.variant : 'v8'));
    vector.push(...arm);
  }
  return vector.filter((candidate, i) => vector.findIndex((o) => formatPlatform(o) === formatPlatform(candidate)) === i);
}

/** What an index entry without a `platform` stands for (containerd and docker assume it). */
export const UNSPECIFIED_PLATFORM: Readonly<Platform> = { os: 'linux', architecture: 'amd64' };

/**
 * The entry of an image index to use for `want`, or undefined: attestation manifests skipped, an entry without a
 * platform taken as linux/amd64, the best match of platformPreference winning (then the first in index order).
 */
export function chooseManifest<D extends { platform?: Platform; annotations?: Record<string, string> }>(entries: readonly D[], want: Platform): D | undefined {
  const images = entries.filter((d) => !isAttestationManifest(d));
  for (const candidate of platformPreference(want)) {
    const found = images.find((d) => platformMatches(candidate, d.platform ?? UNSPECIFIED_PLATFORM));
    if (found) return found;
  }
  return undefined;
}
