#!/usr/bin/env node
// First step of `npm test`: make sure the real peers the tests talk to (registry, skopeo, umoci, dockerd,
// podman, chromium, xz, zstd) are installed, installing the missing Debian packages when we may.
import { existsSync, readFileSync, writeFileSync, rmSync, accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { planProvision, which, distroOf, PEERS } from './provision-plan.mjs';

function canSudo() {
  if (!which('sudo')) return false;
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
}

// The e2e tests take Chromium from $CHROMIUM_PATH when it is set (a snap, a Playwright download).
function findPeer(command) {
  const chosen = command === 'chromium' ? process.env.CHROMIUM_PATH : undefined;
  if (chosen) {
    try {
      accessSync(chosen, constants.X_OK);
      return chosen;
    } catch {
      return null;
    }
  }
  return which(command);
}

if (process.env.CHROMIUM_PATH && !findPeer('chromium')) {
  console.error(`provision: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file; fix or unset it.`);
  process.exit(1);
}

const machine = {
  which: findPeer,
  distro: distroOf(existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '', which('apt-get') !== null),
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
const manualSteps = (manual) => manual.map((step) => `  ${step.hint}    # provides ${step.command}`).join('\n');

if (plan.action === 'skip') console.warn(`provision: ${plan.message}`);

if (plan.action === 'instruct') {
  const steps = [plan.command ? `  ${plan.command}` : '', manualSteps(plan.manual)].filter(Boolean).join('\n');
  console.error(`provision: missing ${plan.missing.join(', ')}; installing needs root. Run:\n\n${steps}\n`);
  process.exit(1);
}

if (plan.action === 'install') {
  console.log(`provision: missing ${plan.missing.join(', ')}; installing ${plan.packages.join(' ')}`);
  const releaseServices = holdServices(machine.isRoot);
  let failed = null;
  try {
    for (const [command, ...args] of plan.commands) {
      console.log(`provision: ${[command, ...args].join(' ')}`);
      const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
      if (result.status !== 0) {
        failed = `\`${[command, ...args].join(' ')}\` failed (exit ${result.status ?? result.signal})`;
        break;
      }
    }
  } finally {
    releaseServices(); // process.exit would skip this, so failures exit only below
  }
  if (failed) {
    console.error(`provision: ${failed}.`);
    process.exit(1);
  }
  const stillMissing = PEERS.filter((peer) => !findPeer(peer.command)).map((peer) => peer.command);
  if (stillMissing.length > 0) {
    const manual = plan.manual.filter((step) => stillMissing.includes(step.command));
    console.error(`provision: still missing after install: ${stillMissing.join(', ')}${manual.length ? `. Run:\n\n${manualSteps(manual)}\n` : ''}`);
    process.exit(1);
  }
  console.log('provision: all peers installed');
}
