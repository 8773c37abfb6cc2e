import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirFileSource } from '../dir-file-source.js';
import { apkPackages, readApk } from './apk.js';

const ALPINE = path.join(import.meta.dirname, 'test-fixtures/alpine');

describe('apk', () => {
  it('reads a real Alpine database, skipping a block without a version', async () => {
    const [read] = await readApk(new DirFileSource(ALPINE));
    expect(read?.database).toEqual({ kind: 'apk', path: '/lib/apk/db/installed', readable: true, count: 5 });
    expect(read!.packages).toEqual([
      { name: 'musl', version: '1.1.14-r10', architecture: 'x86_64', source: 'musl', sourceVersion: '1.1.14-r10', installedSize: 569344, manager: 'apk' },
      { name: 'busybox', version: '1.24.2-r9', architecture: 'x86_64', source: 'busybox', sourceVersion: '1.24.2-r9', installedSize: 909312, manager: 'apk' },
      { name: 'zlib', version: '1.2.8-r2', architecture: 'x86_64', source: 'zlib', sourceVersion: '1.2.8-r2', installedSize: 98304, manager: 'apk' },
      { name: 'libcrypto1.0', version: '1.0.2h-r1', architecture: 'x86_64', source: 'openssl', sourceVersion: '1.0.2h-r1', installedSize: 2527232, manager: 'apk' },
      { name: 'scanelf', version: '1.1.6-r0', architecture: 'x86_64', source: 'pax-utils', sourceVersion: '1.1.6-r0', installedSize: 90112, manager: 'apk' },
    ]);
  });

  it('takes a package’s own fields, not later lines with the same letter, and a last block without a blank line', () => {
    expect(apkPackages('P:a\nV:1\nA:aarch64\nP:not-me\n\n\n\nP:b\nV:2')).toEqual([
      { name: 'a', version: '1', architecture: 'aarch64', source: 'a', sourceVersion: '1', manager: 'apk' },
      { name: 'b', version: '2', architecture: '', source: 'b', sourceVersion: '2', manager: 'apk' },
    ]);
  });
});
