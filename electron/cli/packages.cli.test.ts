// `berth packages` over a stubbed service: the table, --format (templates and json), truncation, and what stderr says.
import { describe, expect, it } from 'vitest';
import type { PackageReport } from '../../shared/api.js';
import { BerthError } from '../../shared/errors.js';
import type { BerthService } from '../core/service-api.js';
import { runCaptured } from './test-support/capture-io.js';

const DEBIAN: PackageReport = {
  os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', name: 'Debian GNU/Linux' },
  managers: [{ kind: 'dpkg', path: '/var/lib/dpkg/status', readable: true, count: 3 }],
  packages: [
    { name: 'base-files', version: '12.4+deb12u5', architecture: 'amd64', source: 'base-files', sourceVersion: '12.4+deb12u5', installedSize: 348160, manager: 'dpkg' },
    { name: 'libssl3', version: '3.0.11-1~deb12u2+b1', architecture: 'amd64', source: 'openssl', sourceVersion: '3.0.11-1~deb12u2', manager: 'dpkg' },
    { name: 'tzdata', version: '2024a-0+deb12u1.this.is.a.very.long.version.string', architecture: 'all', source: 'tz\tdata', manager: 'dpkg' },
  ],
};

const REPORTS: Record<string, PackageReport> = {
  debian: DEBIAN,
  scratch: { os: null, managers: [], packages: [] },
  centos7: { os: { id: 'centos', versionId: '7', prettyName: 'CentOS Linux 7 (Core)', name: 'CentOS Linux' }, managers: [{ kind: 'rpm', path: '/var/lib/rpm/Packages', readable: false, problem: 'rpm’s Berkeley DB database is not readable', count: 0 }], packages: [] },
};

function service(calls: string[]): BerthService {
  return {
    async imagePackages(reference: string) {
      calls.push(reference);
      const report = REPORTS[reference];
      if (!report) throw new BerthError('NOT_FOUND', `No such image: ${reference}`);
      return report;
    },
    async close() {},
    onEvent: () => () => undefined,
  } as unknown as BerthService;
}

async function run(argv: string[], calls: string[] = []) {
  return runCaptured(argv, { service: async () => service(calls) });
}

describe('berth packages', () => {
  it('prints NAME VERSION ARCH SOURCE as a docker table, long cells cut, nothing before it', async () => {
    const calls: string[] = [];
    const { code, stdout, stderr } = await run(['packages', 'debian'], calls);
    expect(code).toBe(0);
    expect(calls).toEqual(['debian']);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      [
        'NAME         VERSION                                    ARCH      SOURCE',
        'base-files   12.4+deb12u5                               amd64     base-files',
        'libssl3      3.0.11-1~deb12u2+b1                        amd64     openssl',
        'tzdata       2024a-0+deb12u1.this.is.a.very.long.ver…   all       tz data',
        '',
      ].join('\n'),
    );
    expect((await run(['packages', '--no-trunc', 'debian'])).stdout).toContain('2024a-0+deb12u1.this.is.a.very.long.version.string   all');
  });

  it('takes Go templates over .Name .Version .Architecture .Source .SourceVersion .Manager, untruncated', async () => {
    const { stdout } = await run(['packages', '--format', '{{.Name}}={{.Version}} {{.Source}}@{{.SourceVersion}} {{.Manager}}', 'debian']);
    expect(stdout.split('\n')).toEqual([
      'base-files=12.4+deb12u5 base-files@12.4+deb12u5 dpkg',
      'libssl3=3.0.11-1~deb12u2+b1 openssl@3.0.11-1~deb12u2 dpkg',
      'tzdata=2024a-0+deb12u1.this.is.a.very.long.version.string tz data@ dpkg',
      '',
    ]);
    expect((await run(['packages', '--format', 'table {{.Name}}\t{{.Manager}}', 'debian'])).stdout.split('\n')[0]).toBe('NAME         MANAGER');
  });

  it('prints one JSON object per line with --format json', async () => {
    const lines = (await run(['packages', '--format', 'json', 'debian'])).stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('{"Architecture":"amd64","Manager":"dpkg","Name":"libssl3","Source":"openssl","SourceVersion":"3.0.11-1~deb12u2","Version":"3.0.11-1~deb12u2+b1"}');
  });

  it('says on stderr when there is no database, or one it cannot read; stdout keeps only the table', async () => {
    const scratch = await run(['packages', 'scratch']);
    expect(scratch).toMatchObject({ code: 0, stdout: 'NAME      VERSION   ARCH      SOURCE\n' });
    expect(scratch.stderr).toBe('berth: no package database found in scratch (distroless or scratch images may have none)\n');
    const centos = await run(['packages', 'centos7']);
    expect(centos.stderr).toBe('berth: /var/lib/rpm/Packages: rpm’s Berkeley DB database is not readable\n');
  });

  it('fails as docker does for a missing image, a bad template and a wrong argument count', async () => {
    expect(await run(['packages', 'nothing'])).toMatchObject({ code: 1, stderr: 'Error: No such image: nothing\n' });
    const bad = await run(['packages', '--format', '{{.Nope', 'debian']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Error: template parsing error/);
    const none = await run(['packages']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("'berth packages' requires 1 argument");
  });

  it('is listed in berth --help', async () => {
    expect((await run(['--help'])).stdout).toMatch(/\n {2}packages +List the OS packages installed in an image/);
  });
});
