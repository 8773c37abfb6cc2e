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
];

// We install with --no-install-recommends to stay small, so a few recommended packages the tests
// really need are named here. podman's container-network-stack is a virtual package: pick netavark
// so apt does not have to choose. Docker on an AppArmor kernel refuses to run containers without
// apparmor_parser. Headless Chromium renders text only with some font installed.
export const COMPANIONS = {
  podman: ['netavark'],
  'docker.io': ['apparmor'],
  chromium: ['fonts-liberation'],
};

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

/**
 * @param {{ which: (cmd: string) => string | null, isDebian: boolean, isRoot: boolean, canSudo: () => boolean }} machine
 * @returns {{ action: 'none' } | { action: 'install', packages: string[], missing: string[], commands: string[][] }
 *   | { action: 'instruct', packages: string[], missing: string[], command: string }
 *   | { action: 'skip', missing: string[], message: string }}
 */
export function planProvision(machine) {
  const missingPeers = PEERS.filter((peer) => !machine.which(peer.command));
  if (missingPeers.length === 0) return { action: 'none' };
  const missing = missingPeers.map((peer) => peer.command);
  if (!machine.isDebian) {
    return {
      action: 'skip',
      missing,
      message:
        `Not a Debian/Ubuntu machine (no apt-get), so nothing is installed automatically. Missing: ${missing.join(', ')}. ` +
        'Install them with your package manager; the tests that use them fail until then.',
    };
  }
  const packages = [];
  for (const peer of missingPeers) {
    for (const pkg of [peer.pkg, ...(COMPANIONS[peer.pkg] ?? [])]) {
      if (!packages.includes(pkg)) packages.push(pkg);
    }
  }
  // A fresh cloud machine often runs unattended-upgrades at boot: wait for its dpkg lock, do not fail.
  const waitForLock = ['-o', 'DPkg::Lock::Timeout=300'];
  const install = ['apt-get', ...waitForLock, 'install', '-y', '--no-install-recommends', ...packages];
  if (machine.isRoot || machine.canSudo()) {
    const prefix = machine.isRoot ? [] : ['sudo', '-n'];
    const env = ['env', 'DEBIAN_FRONTEND=noninteractive'];
    return {
      action: 'install',
      packages,
      missing,
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
    command: `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`,
  };
}
