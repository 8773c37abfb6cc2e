// A real rpm sqlite database for tests: Debian's rpm 4.18 (the `rpm` package CI installs) builds three tiny noarch
// packages with rpmbuild and installs them --justdb into a fresh rpmdb, laid out as current Fedora does
// (/usr/lib/sysimage/rpm, with /var/lib/rpm a link to it). Nothing is installed on this machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function rpmAvailable(): boolean {
  return ['rpm', 'rpmbuild'].every((tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0);
}

const HELLO_SPEC = `Name: berth-hello
Version: 1.2.3
Release: 4.fc40
Epoch: 2
Summary: Berth test package with an epoch
License: MIT
BuildArch: noarch
%description
A file in /usr/share.
%install
mkdir -p %{buildroot}/usr/share/berth-hello
echo hi > %{buildroot}/usr/share/berth-hello/hello.txt
%files
/usr/share/berth-hello/hello.txt
`;

const SUITE_SPEC = `Name: berth-suite
Version: 0.9
Release: 1.el9
Summary: Berth test source package with a subpackage
License: MIT
BuildArch: noarch
%description
Two binary packages from one source.
%package -n libberth-data
Summary: Subpackage named apart from its source
%description -n libberth-data
Data.
%install
mkdir -p %{buildroot}/usr/share/berth-suite %{buildroot}/usr/share/libberth-data
head -c 5000 /dev/zero > %{buildroot}/usr/share/berth-suite/data
head -c 1234 /dev/zero > %{buildroot}/usr/share/libberth-data/data
%files
/usr/share/berth-suite/data
%files -n libberth-data
/usr/share/libberth-data/data
`;

/** Builds the root under `dir`; answers the root and the database's path inside the image. */
export function buildRpmRoot(dir: string): { root: string; dbPath: string } {
  const top = path.join(dir, 'rpmbuild');
  const root = path.join(dir, 'root');
  const db = path.join(root, 'usr/lib/sysimage/rpm');
  mkdirSync(db, { recursive: true });
  mkdirSync(path.join(root, 'var/lib'), { recursive: true });
  symlinkSync('../../usr/lib/sysimage/rpm', path.join(root, 'var/lib/rpm'));
  const defines = ['--define', `_topdir ${top}`, '--define', `_tmppath ${path.join(dir, 'tmp')}`, '--define', '_build_id_links none'];
  for (const [name, spec] of [['hello', HELLO_SPEC], ['suite', SUITE_SPEC]] as const) {
    const file = path.join(dir, `${name}.spec`);
    writeFileSync(file, spec);
    execFileSync('rpmbuild', ['--quiet', '-bb', ...defines, file], { stdio: 'pipe' });
  }
  const rpms = readdirSync(path.join(top, 'RPMS/noarch')).map((name) => path.join(top, 'RPMS/noarch', name));
  const rpm = ['--dbpath', db, '--define', '_db_backend sqlite'];
  execFileSync('rpm', [...rpm, '--initdb'], { stdio: 'pipe' });
  execFileSync('rpm', [...rpm, '-i', '--justdb', '--nodeps', '--noscripts', ...rpms], { stdio: 'pipe' });
  return { root, dbPath: path.join(db, 'rpmdb.sqlite') };
}

/** What rpm itself says is installed, one `name version arch source size` line per package, sorted. */
export function rpmQueryAll(dbDir: string): string[] {
  const format = '%{NAME} %|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE} %{ARCH} %{SOURCERPM} %{SIZE}\\n';
  return execFileSync('rpm', ['--dbpath', dbDir, '-qa', '--qf', format], { encoding: 'utf8' }).trim().split('\n').sort();
}
