import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirFileSource } from '../dir-file-source.js';
import { readRpm } from './rpm.js';
import { buildRpmRoot, rpmAvailable, rpmQueryAll } from './test-support/rpmdb-fixture.js';

const HAVE_RPM = rpmAvailable();

/** A minimal real header: NAME, VERSION, RELEASE, ARCH and SOURCERPM as strings in the data store. */
const GOOD_HEADER = ((): Buffer => {
  const fields: Array<[number, string]> = [[1000, 'tiny'], [1001, '1.0'], [1002, '1'], [1022, 'noarch'], [1044, 'tiny-1.0-1.src.rpm']];
  const index = Buffer.alloc(fields.length * 16);
  const data: Buffer[] = [];
  let offset = 0;
  fields.forEach(([tag, text], i) => {
    index.writeInt32BE(tag, i * 16);
    index.writeUInt32BE(6, i * 16 + 4);
    index.writeInt32BE(offset, i * 16 + 8);
    index.writeUInt32BE(1, i * 16 + 12);
    data.push(Buffer.from(`${text}\0`));
    offset += text.length + 1;
  });
  const preamble = Buffer.alloc(8);
  preamble.writeUInt32BE(fields.length, 0);
  preamble.writeUInt32BE(offset, 4);
  return Buffer.concat([preamble, index, ...data]);
})();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-rpm-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rootWith(name: string, files: Record<string, string | Buffer>): DirFileSource {
  const root = path.join(dir, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return new DirFileSource(root);
}

describe('rpm', () => {
  if (!HAVE_RPM) console.warn('rpm.test: `rpm` and `rpmbuild` are not installed (apt-get install rpm): the real-rpmdb test is skipped');

  it.skipIf(!HAVE_RPM)('reads a real sqlite rpmdb (WAL mode, Fedora layout) as `rpm -qa` does', async () => {
    const { root, dbPath } = buildRpmRoot(path.join(dir, 'real'));
    const [read] = await readRpm(new DirFileSource(root));
    // /var/lib/rpm comes first and is a link to /usr/lib/sysimage/rpm, as on Fedora.
    expect(read?.database).toEqual({ kind: 'rpm', path: '/var/lib/rpm/rpmdb.sqlite', readable: true, count: 3 });
    const ours = read!.packages.map((p) => `${p.name} ${p.version} ${p.architecture} ${p.source}-${p.sourceVersion}.src.rpm ${p.installedSize}`).sort();
    expect(ours).toEqual(rpmQueryAll(path.dirname(dbPath)));
    expect(read!.packages.find((p) => p.name === 'libberth-data')).toMatchObject({ version: '0.9-1.el9', source: 'berth-suite', sourceVersion: '0.9-1.el9', installedSize: 1234 });
    expect(read!.packages.find((p) => p.name === 'berth-hello')?.version).toBe('2:1.2.3-4.fc40');
  });

  it('reports the Berkeley DB and ndb formats as found but not readable', async () => {
    const bdb = await readRpm(rootWith('bdb', { 'var/lib/rpm/Packages': Buffer.alloc(4096), 'var/lib/rpm/Name': '' }));
    expect(bdb.map((r) => r.database)).toEqual([{ kind: 'rpm', path: '/var/lib/rpm/Packages', readable: false, count: 0, problem: expect.stringMatching(/Berkeley DB .* not readable/) }]);
    const ndb = await readRpm(rootWith('ndb', { 'usr/lib/sysimage/rpm/Packages.db': 'x' }));
    expect(ndb.map((r) => r.database)).toEqual([{ kind: 'rpm', path: '/usr/lib/sysimage/rpm/Packages.db', readable: false, count: 0, problem: expect.stringMatching(/ndb .* not readable/) }]);
  });

  it('reports a file that is not SQLite, or SQLite without rpm’s table, as not readable', async () => {
    const junk = await readRpm(rootWith('junk', { 'var/lib/rpm/rpmdb.sqlite': Buffer.alloc(8192, 0x41) }));
    expect(junk[0]?.database).toMatchObject({ readable: false, problem: 'not an SQLite database' });
    const truncated = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(200, 0xff)]);
    const bad = await readRpm(rootWith('bad-sqlite', { 'var/lib/rpm/rpmdb.sqlite': truncated }));
    expect(bad[0]?.database).toMatchObject({ readable: false, problem: expect.stringMatching(/SQLite|rpm database/) });
  });

  it('skips a damaged header row and reports it; SQLite without rpm’s table is not an rpm database', async () => {
    const initSqlJs = (await import('sql.js')).default;
    const SQL = await initSqlJs();
    const db = new SQL.Database() as InstanceType<typeof SQL.Database> & { run(sql: string, params?: unknown[]): void; export(): Uint8Array };
    db.run('CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)');
    db.run('INSERT INTO Packages (blob) VALUES (?)', [GOOD_HEADER]);
    db.run('INSERT INTO Packages (blob) VALUES (?)', [GOOD_HEADER.subarray(0, 40)]); // truncated
    db.run('INSERT INTO Packages (blob) VALUES (?)', ['a text value, not a blob']);
    const bytes = Buffer.from(db.export());
    db.close();
    const [read] = await readRpm(rootWith('damaged', { 'var/lib/rpm/rpmdb.sqlite': bytes }));
    expect(read?.database).toEqual({ kind: 'rpm', path: '/var/lib/rpm/rpmdb.sqlite', readable: true, count: 1, problem: '2 damaged package headers were skipped' });
    expect(read?.packages.map((p) => `${p.name} ${p.version} ${p.source}`)).toEqual(['tiny 1.0-1 tiny']);

    const other = new SQL.Database() as InstanceType<typeof SQL.Database> & { run(sql: string): void; export(): Uint8Array };
    other.run('CREATE TABLE Something (x)');
    const [notRpm] = await readRpm(rootWith('not-rpm', { 'var/lib/rpm/rpmdb.sqlite': Buffer.from(other.export()) }));
    other.close();
    expect(notRpm?.database).toMatchObject({ readable: false, problem: expect.stringMatching(/^not an rpm database: no such table: Packages/) });
  });

  it('finds nothing in an image without rpm', async () => {
    expect(await readRpm(rootWith('none', { 'etc/hostname': 'x' }))).toEqual([]);
  });
});
