import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planProvision, which, distroOf, PEERS } from './provision-plan.mjs';

const everything = new Set(PEERS.map((peer) => peer.command));
type Distro = 'debian' | 'ubuntu' | 'other';
const machineWith = (present: Iterable<string>, facts: { distro?: Distro; isRoot?: boolean; sudo?: boolean } = {}) => {
  const have = new Set(present);
  let sudoAsked = 0;
  return {
    machine: {
      which: (command: string) => (have.has(command) ? `/usr/bin/${command}` : null),
      distro: facts.distro ?? 'debian',
      isRoot: facts.isRoot ?? false,
      canSudo: () => {
        sudoAsked += 1;
        return facts.sudo ?? false;
      },
    },
    sudoAsked: () => sudoAsked,
  };
};
const without = (...commands: string[]) => [...everything].filter((command) => !commands.includes(command));

describe('planProvision', () => {
  it('does nothing, and asks nothing of sudo, when every peer is present', () => {
    const { machine, sudoAsked } = machineWith(everything);
    expect(planProvision(machine)).toEqual({ action: 'none' });
    expect(sudoAsked()).toBe(0);
  });

  it('installs as root without sudo, apt-get update first, noninteractive, one package per missing peer', () => {
    const { machine } = machineWith(without('skopeo', 'zstd'), { isRoot: true });
    expect(planProvision(machine)).toEqual({
      action: 'install',
      missing: ['skopeo', 'zstd'],
      packages: ['skopeo', 'zstd'],
      manual: [],
      commands: [
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-o', 'DPkg::Lock::Timeout=300', 'update'],
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', 'skopeo', 'zstd'],
      ],
    });
  });

  it('names docker.io once for docker and dockerd and adds the companions the tests need', () => {
    const { machine } = machineWith(without('docker', 'dockerd', 'podman', 'chromium', 'xz'), { isRoot: true });
    const plan = planProvision(machine);
    expect(plan.action).toBe('install');
    if (plan.action !== 'install') return;
    expect(plan.packages).toEqual(['docker.io', 'apparmor', 'podman', 'chromium', 'fonts-liberation', 'xz-utils']);
  });

  it('uses passwordless sudo when not root', () => {
    const { machine } = machineWith(without('umoci'), { sudo: true });
    const plan = planProvision(machine);
    expect(plan.action).toBe('install');
    if (plan.action !== 'install') return;
    expect(plan.commands[0]).toEqual(['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-o', 'DPkg::Lock::Timeout=300', 'update']);
    expect(plan.commands[1]?.slice(0, 2)).toEqual(['sudo', '-n']);
    expect(plan.commands[1]?.at(-1)).toBe('umoci');
  });

  it('prints the exact command when it may not install', () => {
    const { machine } = machineWith(without('docker-registry', 'dockerd'));
    expect(planProvision(machine)).toEqual({
      action: 'instruct',
      missing: ['docker-registry', 'dockerd'],
      packages: ['docker-registry', 'docker.io', 'apparmor'],
      manual: [],
      command: 'sudo apt-get update && sudo apt-get install -y --no-install-recommends docker-registry docker.io apparmor',
    });
  });

  it('skips with a message naming what is missing on a machine without apt', () => {
    const { machine, sudoAsked } = machineWith(without('podman'), { distro: 'other', isRoot: true });
    const plan = planProvision(machine);
    expect(plan.action).toBe('skip');
    if (plan.action !== 'skip') return;
    expect(plan.missing).toEqual(['podman']);
    expect(plan.message).toMatch(/Not a Debian.*Missing: podman/);
    expect(sudoAsked()).toBe(0);
  });
});

describe('planProvision on Ubuntu', () => {
  it('installs the apt packages and leaves Chromium (a snap there) as a manual step', () => {
    const { machine } = machineWith(without('chromium', 'umoci'), { distro: 'ubuntu', isRoot: true });
    const plan = planProvision(machine);
    expect(plan.action).toBe('install');
    if (plan.action !== 'install') return;
    expect(plan.packages).toEqual(['umoci']);
    expect(plan.manual).toEqual([{ command: 'chromium', hint: expect.stringContaining('snap install chromium') }]);
  });

  it('when only Chromium is missing, installs nothing and says what to run', () => {
    const { machine } = machineWith(without('chromium'), { distro: 'ubuntu', isRoot: true });
    const plan = planProvision(machine);
    expect(plan.action).toBe('instruct');
    if (plan.action !== 'instruct') return;
    expect(plan.command).toBe('');
    expect(plan.manual[0]?.hint).toMatch(/CHROMIUM_PATH/);
  });
});

describe('distroOf', () => {
  it.each([
    ['ID=debian\nVERSION_ID="12"\n', true, 'debian'],
    ['ID=ubuntu\nID_LIKE=debian\n', true, 'ubuntu'],
    ['ID=linuxmint\nID_LIKE="ubuntu debian"\n', true, 'ubuntu'],
    ['ID=raspbian\nID_LIKE=debian\n', true, 'debian'],
    ['ID=fedora\n', false, 'other'],
    ['ID=debian\n', false, 'other'],
  ])('%j (apt-get: %s) is %s', (osRelease, hasAptGet, expected) => {
    expect(distroOf(osRelease, hasAptGet)).toBe(expected);
  });
});

describe('which', () => {
  it('finds executables on PATH and in sbin folders, and ignores non-executable files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'berth-which-'));
    writeFileSync(path.join(dir, 'peer-tool'), '#!/bin/sh\n');
    chmodSync(path.join(dir, 'peer-tool'), 0o755);
    writeFileSync(path.join(dir, 'plain-file'), 'data');
    chmodSync(path.join(dir, 'plain-file'), 0o644);
    expect(which('peer-tool', dir)).toBe(path.join(dir, 'peer-tool'));
    expect(which('plain-file', dir)).toBeNull();
    expect(which('no-such-tool-here', dir)).toBeNull();
    // dockerd lives in /usr/sbin, which a non-root PATH usually lacks.
    if (which('dockerd')) expect(which('dockerd', dir)).toMatch(/sbin\/dockerd$/);
  });
});
