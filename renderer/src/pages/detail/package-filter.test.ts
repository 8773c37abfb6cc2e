import { describe, expect, it } from 'vitest';
import type { InstalledPackage } from '../../../../shared/api';
import { databaseLabel, filterPackages, sourceText } from './package-filter';

const pkg = (name: string, version: string, source?: string, sourceVersion?: string): InstalledPackage => ({ name, version, architecture: 'amd64', source, sourceVersion, manager: 'dpkg' });

const LIST = [pkg('base-files', '12.4'), pkg('libssl3', '3.0.11-1+b1', 'openssl', '3.0.11-1'), pkg('zlib1g', '1:1.2.13', 'zlib', '1:1.2.13')];

describe('package filter', () => {
  it('matches every word against name, version and source, ignoring case', () => {
    expect(filterPackages(LIST, '').map((p) => p.name)).toEqual(['base-files', 'libssl3', 'zlib1g']);
    expect(filterPackages(LIST, 'OpenSSL').map((p) => p.name)).toEqual(['libssl3']);
    expect(filterPackages(LIST, 'lib 1.2').map((p) => p.name)).toEqual(['zlib1g']);
    expect(filterPackages(LIST, 'nothing')).toEqual([]);
  });

  it('shows a source only when it says something the name and version do not', () => {
    expect(LIST.map(sourceText)).toEqual(['', 'openssl (3.0.11-1)', 'zlib']);
    expect(sourceText(pkg('bash', '5.2', 'bash', '5.2'))).toBe('');
  });

  it('words each database', () => {
    expect(databaseLabel({ kind: 'dpkg', path: '/var/lib/dpkg/status', readable: true, count: 1234 })).toBe('dpkg · 1,234 packages');
    expect(databaseLabel({ kind: 'apk', path: '/lib/apk/db/installed', readable: true, count: 1 })).toBe('apk · 1 package');
    expect(databaseLabel({ kind: 'rpm', path: '/var/lib/rpm/Packages', readable: false, problem: 'x', count: 0 })).toBe('rpm · not readable');
  });
});
