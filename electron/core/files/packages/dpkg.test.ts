import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirFileSource } from '../dir-file-source.js';
import { dpkgStatusPackages, readDpkg } from './dpkg.js';

const FIXTURES = path.join(import.meta.dirname, 'test-fixtures');

describe('dpkg', () => {
  it.skipIf(!existsSync('/var/lib/dpkg/status'))('reads this machine’s status file as dpkg-query does', async () => {
    const format = '${Status}\t${Package}\t${Version}\t${Architecture}\t${source:Package}\t${source:Version}\t${Installed-Size}\n';
    const expected = execFileSync('dpkg-query', ['-W', '-f', format], { encoding: 'utf8', maxBuffer: 64 << 20 })
      .split('\n')
      .filter((line) => line.startsWith('install ok installed\t'))
      .map((line) => line.split('\t').slice(1).join('\t'))
      .sort();
    const count = Number(execFileSync('sh', ['-c', "dpkg-query -W -f '${Status}\\n' | grep -c 'install ok installed'"], { encoding: 'utf8' }));
    const [read] = await readDpkg(new DirFileSource('/'));
    expect(read?.database).toEqual({ kind: 'dpkg', path: '/var/lib/dpkg/status', readable: true, count });
    expect(count).toBeGreaterThan(100);
    const ours = read!.packages
      .map((p) => [p.name, p.version, p.architecture, p.source, p.sourceVersion, p.installedSize === undefined ? '' : p.installedSize / 1024].join('\t'))
      .sort();
    expect(ours).toEqual(expected);
    expect(read!.packages.find((p) => p.name === 'dpkg')?.version).toBe(execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'dpkg'], { encoding: 'utf8' }));
  });

  it('counts only `install ok installed`, reads continuation lines and Source with its version', () => {
    const packages = dpkgStatusPackages(
      [
        'Package: gone',
        'Status: deinstall ok config-files',
        'Version: 1.0',
        '',
        'Package: half',
        'Status: install ok half-configured',
        'Version: 1.0',
        '',
        'Package: libssl3',
        'status: install  ok installed',
        'Source: openssl (3.0.11-1~deb12u2)',
        'Version: 3.0.11-1~deb12u2+b1',
        'Installed-Size: 6137',
        'Description: Secure Sockets Layer toolkit',
        ' Package: not-a-field',
        ' .',
        'Architecture: amd64',
        '',
        '',
        'Package: no-version',
        'Status: install ok installed',
        '',
        'Package: last',
        'Status: install ok installed',
        'Version: 2',
        'Architecture: all',
        'Installed-Size: lots',
      ].join('\r\n'),
    );
    expect(packages).toEqual([
      { name: 'libssl3', version: '3.0.11-1~deb12u2+b1', architecture: 'amd64', source: 'openssl', sourceVersion: '3.0.11-1~deb12u2', installedSize: 6137 * 1024, manager: 'dpkg' },
      { name: 'last', version: '2', architecture: 'all', source: 'last', sourceVersion: '2', manager: 'dpkg' },
    ]);
  });

  it('reads distroless status.d, one package per file, skipping the md5sums', async () => {
    const reads = await readDpkg(new DirFileSource(path.join(FIXTURES, 'distroless')));
    expect(reads.map((r) => r.database)).toEqual([{ kind: 'dpkg', path: '/var/lib/dpkg/status.d', readable: true, count: 3 }]);
    expect(reads[0]!.packages.map((p) => `${p.name}=${p.version} ${p.source}=${p.sourceVersion}`)).toEqual([
      'base-files=12.4+deb12u5 base-files=12.4+deb12u5',
      'libc6=2.36-9+deb12u4 glibc=2.36-9+deb12u4',
      'libssl3=3.0.11-1~deb12u2+b1 openssl=3.0.11-1~deb12u2',
    ]);
  });
});
