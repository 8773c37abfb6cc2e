#!/usr/bin/env node
// First step of `npm test`: make sure the real peers the tests talk to (registry, skopeo, umoci, dockerd,
// podman, chromium, xz, zstd) are installed, installing the missing Debian packages when we may.
import { existsSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { planProvision, which, PEERS } from './provision-plan.mjs';

function canSudo() {
  if (!which('sudo')) return false;
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
}

const machine = {
  which: (command) => which(command),
  isDebian: existsSync('/etc/debian_version') && which('apt-get') !== null,
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  canSudo,
};

// Package scripts would start system services (dockerd, a registry on :5000). The tests start private
// instances, and in a container without an init a failed service start fails the whole install, so
// services are held back while we install, the way Debian's own image builders do it.
const POLICY = '/usr/sbin/policy-rc.d';
function holdServices(asRoot) {
  if (existsSync(POLICY)) return () => undefined;
  const script = '#!/bin/sh\n# written by berth scripts/provision.mjs while it installs packages\nexit 101\n';
  if (asRoot) {
    writeFileSync(POLICY, script, { mode: 0o755 });
    return () => rmSync(POLICY, { force: true });
  }
  spawnSync('sudo', ['-n', 'tee', POLICY], { input: script, stdio: ['pipe', 'ignore', 'inherit'] });
  spawnSync('sudo', ['-n', 'chmod', '755', POLICY], { stdio: 'inherit' });
  return () => spawnSync('sudo', ['-n', 'rm', '-f', POLICY], { stdio: 'inherit' });
}

const plan = planProvision(machine);
switch (plan.action) {
  case 'none':
    break;
  case 'skip':
    console.warn(`provision: ${plan.message}`);
    break;
  case 'instruct':
    console.error(`provision: missing ${plan.missing.join(', ')}; installing needs root. Run:\n\n  ${plan.command}\n`);
    process.exit(1);
    break;
  case 'install': {
    console.log(`provision: missing ${plan.missing.join(', ')}; installing ${plan.packages.join(' ')}`);
    const releaseServices = holdServices(machine.isRoot);
    try {
      for (const [command, ...args] of plan.commands) {
        console.log(`provision: ${[command, ...args].join(' ')}`);
        const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
        if (result.status !== 0) {
          console.error(`provision: \`${[command, ...args].join(' ')}\` failed (exit ${result.status ?? result.signal}).`);
          process.exitCode = 1;
          break;
        }
      }
    } finally {
      releaseServices();
    }
    if (process.exitCode === 1) break;
    const stillMissing = PEERS.filter((peer) => !which(peer.command)).map((peer) => peer.command);
    if (stillMissing.length > 0) {
      console.error(`provision: still missing after install: ${stillMissing.join(', ')}`);
      process.exit(1);
    }
    console.log('provision: all peers installed');
    break;
  }
}
