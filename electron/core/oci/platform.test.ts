import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors.js';
import {
  chooseManifest,
  defaultImagePlatform,
  formatPlatform,
  hostPlatform,
  parsePlatform,
  platformFromNode,
  platformMatches,
  platformPreference,
  type Platform,
} from './platform.js';

const hostArch = hostPlatform().architecture;

describe('parsePlatform', () => {
  it.each([
    ['linux/amd64', 'linux/amd64'],
    ['linux/x86_64', 'linux/amd64'],
    ['linux/x86-64', 'linux/amd64'],
    ['linux/amd64/v1', 'linux/amd64'],
    ['linux/amd64/v3', 'linux/amd64/v3'],
    ['Linux/AMD64', 'linux/amd64'],
    ['linux/aarch64', 'linux/arm64'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/arm64/8', 'linux/arm64'],
    ['linux/aarch64/v8.0', 'linux/arm64'],
    ['linux/arm64/9', 'linux/arm64/v9'],
    ['linux/armhf', 'linux/arm/v7'],
    ['linux/armel', 'linux/arm/v6'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/arm/7', 'linux/arm/v7'],
    ['linux/arm/6', 'linux/arm/v6'],
    ['linux/arm/v5', 'linux/arm/v5'],
    ['linux/arm/8', 'linux/arm/v8'],
    ['linux/i386', 'linux/386'],
    ['linux/i386/anything', 'linux/386'],
    ['linux/386', 'linux/386'],
    ['macos/arm64', 'darwin/arm64'],
    ['windows/amd64', 'windows/amd64'],
    ['linux/s390x', 'linux/s390x'],
    ['linux/ppc64le', 'linux/ppc64le'],
    ['linux/riscv64', 'linux/riscv64'],
    // One word: an OS gets the host CPU, a CPU gets Linux (images are Linux images).
    ['linux', formatPlatform(defaultImagePlatform())],
    ['arm64', 'linux/arm64'],
    ['aarch64', 'linux/arm64'],
    ['armhf', 'linux/arm/v7'],
    ['x86_64', 'linux/amd64'],
  ])('reads %s as %s', (input, expected) => {
    expect(formatPlatform(parsePlatform(input))).toBe(expected);
  });

  it('keeps the host CPU for a bare OS', () => {
    expect(parsePlatform('darwin')).toEqual({ ...defaultImagePlatform(), os: 'darwin' });
    expect(parsePlatform('windows').architecture).toBe(hostArch);
  });

  it.each([
    ['', 'got an empty value'],
    ['linux/', 'an empty component'],
    ['/amd64', 'an empty component'],
    ['linux//v7', 'an empty component'],
    ['linux/amd64/v8/x', 'expected os/arch[/variant]'],
    ['linux/*', 'wildcards are not supported'],
    ['linux/amd 64', '"amd 64" is not made of letters'],
    ['windows(10.0.17763)/amd64', '"windows(10.0.17763)" is not made of letters'],
    ['plan10', 'unknown operating system or architecture'],
  ])('refuses %j', (input, fragment) => {
    expect(() => parsePlatform(input)).toThrow(BerthError);
    expect(() => parsePlatform(input)).toThrow(fragment);
    expect(() => parsePlatform(input)).toThrow(input === '' ? 'empty' : `"${input}"`);
  });

  it('refuses a non-string', () => {
    expect(() => parsePlatform(undefined as unknown as string)).toThrow('expected os/arch[/variant]');
  });
});

describe('formatPlatform', () => {
  it('joins the parts it has', () => {
    expect(formatPlatform({ os: 'linux', architecture: 'arm', variant: 'v7' })).toBe('linux/arm/v7');
    expect(formatPlatform({ os: 'linux', architecture: 'amd64' })).toBe('linux/amd64');
    expect(formatPlatform({ os: 'linux', architecture: 'amd64', variant: '' })).toBe('linux/amd64');
  });
});

describe('platformMatches', () => {
  const p = (os: string, architecture: string, variant?: string): Platform =>
    variant === undefined ? { os, architecture } : { os, architecture, variant };

  it.each([
    [p('linux', 'arm64'), p('linux', 'arm64', 'v8'), true],
    [p('linux', 'arm64', 'v8'), p('linux', 'arm64'), true],
    [p('linux', 'arm'), p('linux', 'arm', 'v7'), true],
    [p('linux', 'arm'), p('linux', 'arm'), true],
    [p('linux', 'armhf'), p('linux', 'arm', 'v7'), true],
    [p('linux', 'x86_64'), p('linux', 'amd64'), true],
    [p('linux', 'amd64'), { ...p('linux', 'amd64'), 'os.version': '10.0' }, true],
    [p('linux', 'arm', 'v6'), p('linux', 'arm', 'v7'), false],
    [p('linux', 'arm'), p('linux', 'arm', 'v6'), false],
    [p('linux', 'amd64'), p('linux', 'arm64'), false],
    [p('linux', 'amd64'), p('windows', 'amd64'), false],
    // Exact after normalising, like containerd's Match: a plain amd64 request does not take amd64/v3.
    [p('linux', 'amd64'), p('linux', 'amd64', 'v3'), false],
  ])('%j wants %j: %s', (want, have, expected) => {
    expect(platformMatches(want, have)).toBe(expected);
  });
});

describe('platformFromNode', () => {
  it.each([
    ['linux', 'x64', 'LE', undefined, 'linux/amd64'],
    ['darwin', 'arm64', 'LE', undefined, 'darwin/arm64'],
    ['win32', 'x64', 'LE', undefined, 'windows/amd64'],
    ['win32', 'ia32', 'LE', undefined, 'windows/386'],
    ['linux', 'arm', 'LE', '7', 'linux/arm/v7'],
    ['linux', 'arm', 'LE', 6, 'linux/arm/v6'],
    ['linux', 'arm', 'LE', undefined, 'linux/arm/v7'],
    ['linux', 'ppc64', 'LE', undefined, 'linux/ppc64le'],
    ['aix', 'ppc64', 'BE', undefined, 'aix/ppc64'],
    ['linux', 's390x', 'BE', undefined, 'linux/s390x'],
    ['linux', 'riscv64', 'LE', undefined, 'linux/riscv64'],
    ['linux', 'mipsel', 'LE', undefined, 'linux/mipsle'],
    ['linux', 'loong64', 'LE', undefined, 'linux/loong64'],
    ['sunos', 'x64', 'LE', undefined, 'solaris/amd64'],
    ['freebsd', 'x64', 'LE', undefined, 'freebsd/amd64'],
  ] as const)('maps %s %s', (nodePlatform, nodeArch, order, armVersion, expected) => {
    expect(formatPlatform(platformFromNode(nodePlatform, nodeArch, order, armVersion))).toBe(expected);
  });

  it('defaults image selection to Linux on the host CPU', () => {
    expect(defaultImagePlatform()).toEqual({ ...hostPlatform(), os: 'linux' });
  });
});

// The docker client reports the GOOS/GOARCH it was built for without needing a daemon.
const dockerClient = spawnSync('docker', ['version', '--format', '{{.Client.Os}}/{{.Client.Arch}}'], {
  encoding: 'utf8',
  env: { PATH: process.env.PATH, DOCKER_HOST: 'unix:///nonexistent/berth-test.sock' },
});
const dockerPlatform = /^[a-z0-9]+\/[a-z0-9]+$/m.exec(dockerClient.stdout ?? '')?.[0];

describe.skipIf(!dockerPlatform)('agreement with the docker client', () => {
  it('names this machine as docker does', () => {
    const { os, architecture } = hostPlatform();
    expect(`${os}/${architecture}`).toBe(dockerPlatform);
  });
});

describe('platformPreference and chooseManifest (containerd platforms.Only)', () => {
  it('falls back as containerd does', () => {
    expect(platformPreference({ os: 'linux', architecture: 'arm', variant: 'v7' }).map(formatPlatform)).toEqual(['linux/arm/v7', 'linux/arm/v6', 'linux/arm/v5']);
    expect(platformPreference({ os: 'linux', architecture: 'amd64' }).map(formatPlatform)).toEqual(['linux/amd64', 'linux/386']);
    expect(platformPreference({ os: 'linux', architecture: 'amd64', variant: 'v3' }).map(formatPlatform)).toEqual(['linux/amd64/v3', 'linux/amd64/v2', 'linux/amd64', 'linux/386']);
    expect(platformPreference({ os: 'linux', architecture: 'aarch64' }).map(formatPlatform)).toEqual(['linux/arm64', 'linux/arm/v8', 'linux/arm/v7', 'linux/arm/v6', 'linux/arm/v5']);
  });

  const entry = (platform: string | null, extra: object = {}) => ({
    digest: platform ?? 'none', ...(platform ? { platform: parsePlatform(platform) } : {}), ...extra,
  });

  it('prefers the exact platform, then the best fallback, skipping attestations', () => {
    const list = [
      entry('linux/arm/v5'), entry('linux/arm/v6'),
      entry('unknown/unknown', { annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }),
      entry('linux/amd64'),
    ];
    expect(chooseManifest(list, parsePlatform('linux/arm/v7'))?.digest).toBe('linux/arm/v6');
    expect(chooseManifest(list, parsePlatform('linux/amd64'))?.digest).toBe('linux/amd64');
    expect(chooseManifest(list, parsePlatform('linux/s390x'))).toBeUndefined();
    expect(chooseManifest([entry('unknown/unknown', { annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } })], { os: 'unknown', architecture: 'unknown' })).toBeUndefined();
  });

  it('takes an entry without a platform as linux/amd64', () => {
    expect(chooseManifest([entry(null)], parsePlatform('linux/amd64'))?.digest).toBe('none');
    expect(chooseManifest([entry(null)], parsePlatform('linux/arm64'))).toBeUndefined();
  });

  it('matches aliases after normalising both sides', () => {
    expect(chooseManifest([{ digest: 'x', platform: { os: 'linux', architecture: 'aarch64', variant: 'v8' } }], parsePlatform('linux/arm64'))?.digest).toBe('x');
  });
});
