// Decides what `npm test` must install before it can run against real peers. Pure: every fact about the
// machine comes in as an argument, so scripts/provision.test.ts can check each branch.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** The commands the test suite runs, and the Debian package that provides each one. */
export const PEERS = [
  { command: 'docker-registry', pkg: 'docker-registry' },
  { command: 'skopeo', pkg: 'skopeo' },
  { command: 'umoci', pkg: 'umoci' },
  { command: 'dockerd', pkg: 'docker.io' },
  { command: 'docker', pkg: 'docker.io' },
  { command: 'podman', pkg: 'podman' },
  { command: 'chromium', pkg: 'chromium' },
  { command: 'xz', pkg: 'xz-utils' },
  { command: 'zstd', pkg: 'zstd' },
  { command: 'bzip2', pkg: 'bzip2' },
  // The registry tests' token server signs with a self-signed certificate that openssl makes.
  { command: 'openssl', pkg: 'openssl' },
  // The OS-packages tests build tiny rpms and install them into a fresh sqlite rpmdb (Debian's rpm brings rpmbuild).
  { command: 'rpmbuild', pkg: 'rpm' },
];

// We install with --no-install-recommends to stay small (checked against an empty dpkg status with
// `apt-get install -s`: podman's Depends already bring conmon, crun and a network stack; docker.io's bring
// containerd, runc, tini and iptables). Two recommended packages the tests do need: Docker on an
// AppArmor kernel refuses to run containers without apparmor_parser, and headless Chromium renders
// text only with some font installed.
export const COMPANIONS = {
  'docker.io': ['apparmor'],
  chromium: ['fonts-liberation'],
};

// Ubuntu's `chromium` is only a snap, which apt cannot install (and which does not run in containers).
const SNAP_ONLY_ON_UBUNTU = new Set(['chromium']);
const CHROMIUM_HINT = 'sudo snap install chromium && export CHROMIUM_PATH=/snap/bin/chromium';

/** `which` over $PATH plus the sbin folders a non-root $PATH often lacks (dockerd lives in /usr/sbin). */
export function which(command, envPath = process.env.PATH ?? '') {
  const dirs = [...envPath.split(path.delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}

/** 'debian', 'ubuntu' or 'other', from the text of /etc/os-release (and whether apt-get exists). */
export function distroOf(osRelease, hasAptGet) {
  if (!hasAptGet) return 'other';
  const field = (name) => new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm').exec(osRelease)?.[1] ?? '';
  const ids = `${field('ID')} ${field('ID_LIKE')}`.split(/\s+/);
  if (ids.includes('ubuntu')) return 'ubuntu';
  if (ids.includes('debian')) return 'debian';
  return 'other';
}

/**
 * @param {{ which: (cmd: string) => string | null, distro: 'debian' | 'ubuntu' | 'other', isRoot: boolean, canSudo: () => boolean }} machine
 * Every plan but 'none' carries `missing` (commands) and `manual` ([{command, hint}] that apt cannot provide).
 * @returns {{ action: 'none' }
 *   | { action: 'install', packages: string[], missing: string[], commands: string[][], manual: {command: string, hint: string}[] }
 *   | { action: 'instruct', packages: string[], missing: string[], command: string, manual: {command: string, hint: string}[] }
 *   | { action: 'skip', missing: string[], message: string }}
 */
export function planProvision(machine) {
  const missingPeers = PEERS.filter((peer) => !machine.which(peer.command));
  if (missingPeers.length === 0) return { action: 'none' };
  const missing = missingPeers.map((peer) => peer.command);
  if (machine.distro === 'other') {
    return {
      action: 'skip',
      missing,
      message:
        `Not a Debian/Ubuntu machine (no apt-get), so nothing is installed automatically. Missing: ${missing.join(', ')}. ` +
        'Install them with your package manager; the tests that use them fail until then.',
    };
  }
  const manual = [];
  const packages = [];
  for (const peer of missingPeers) {
    if (machine.distro === 'ubuntu' && SNAP_ONLY_ON_UBUNTU.has(peer.pkg)) {
      manual.push({ command: peer.command, hint: CHROMIUM_HINT });
      continue;
    }
    for (const pkg of [peer.pkg, ...(COMPANIONS[peer.pkg] ?? [])]) {
      if (!packages.includes(pkg)) packages.push(pkg);
    }
  }
  // A fresh cloud machine often runs unattended-upgrades at boot: wait for its dpkg lock, do not fail.
  const waitForLock = ['-o', 'DPkg::Lock::Timeout=300'];
  const install = ['apt-get', ...waitForLock, 'install', '-y', '--no-install-recommends', ...packages];
  if (packages.length > 0 && (machine.isRoot || machine.canSudo())) {
    const prefix = machine.isRoot ? [] : ['sudo', '-n'];
    const env = ['env', 'DEBIAN_FRONTEND=noninteractive'];
    return {
      action: 'install',
      packages,
      missing,
      manual,
      commands: [
        [...prefix, ...env, 'apt-get', ...waitForLock, 'update'],
        [...prefix, ...env, ...install],
      ],
    };
  }
  return {
    action: 'instruct',
    packages,
    missing,
    manual,
    command: packages.length > 0 ? `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(' ')}` : '',
  };
}
