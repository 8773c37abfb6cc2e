// pax extended header records, read the way Go's archive/tar reads them. Mirrors, in Go's src/archive/tar:
// - parsePAX (reader.go) and parsePAXRecord / validPAXRecord (strconv.go): records are "<length> <key>=<value>\n",
//   the length counting the whole record; an empty key, a NUL in a key, or a NUL in the value of path, linkpath,
//   uname or gname fails the whole archive (ErrHeader).
// - mergePAX (reader.go): an empty value keeps the header's own field (refused here for path, linkpath and size,
//   which GNU tar takes as empty); uid, gid and size must be decimal integers, atime, mtime and ctime decimal
//   seconds with an optional fraction (parsePAXTime), or the archive fails.
// Berth is stricter where Go's result would depend on details other readers treat differently: a key given twice
// (Go keeps the last), a length with a sign or leading zeros, and every GNU.sparse.* key (Go turns some
// combinations into a sparse file and ignores others, docker cannot unpack old-style sparse entries at all, and a
// root filesystem has no need for them) are refused.
import { invalid } from './tar-header.js';

export type PaxRecords = ReadonlyMap<string, string>;

/** Go's parsePAX for one 'x' or 'g' header body. */
export function parsePax(data: Buffer, label: string): PaxRecords {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space === -1) throw invalid(`malformed pax record in the ${label}`);
    const lengthText = data.toString('latin1', at, space);
    if (!/^[1-9]\d{0,7}$/.test(lengthText)) throw invalid(`malformed pax record length in the ${label}`);
    const end = at + Number(lengthText);
    if (end > data.length || end <= space + 1 || data[end - 1] !== 0x0a) throw invalid(`malformed pax record in the ${label}`);
    const eq = data.indexOf(0x3d, space + 1);
    if (eq === -1 || eq >= end - 1) throw invalid(`malformed pax record (no '=') in the ${label}`);
    const key = data.toString('utf8', space + 1, eq);
    const value = data.toString('utf8', eq + 1, end - 1);
    if (key === '') throw invalid(`malformed pax record (no key) in the ${label}`);
    if (key.includes('\u0000')) throw invalid(`a pax record key contains a NUL byte in the ${label}`);
    if (['path', 'linkpath', 'uname', 'gname'].includes(key) && value.includes('\u0000')) throw invalid(`pax ${key} contains a NUL byte`);
    if (records.has(key)) throw invalid(`duplicate pax record ${JSON.stringify(key)}`);
    if (key.startsWith('GNU.sparse.')) throw invalid(`the ${label} has a ${JSON.stringify(key)} record: GNU sparse files are not supported`);
    if (value === '' && (key === 'path' || key === 'linkpath' || key === 'size')) {
      throw invalid(`the ${label} has an empty ${key} record (Go keeps the header's ${key}, GNU tar does not)`);
    }
    records.set(key, value);
    at = end;
  }
  checkMergeable(records, label);
  return records;
}

/** Go's mergePAX fails the archive on a value it cannot parse; Berth refuses the same values (and a sign). */
function checkMergeable(records: PaxRecords, label: string): void {
  for (const [key, value] of records) {
    if (value === '') continue;
    const ok = key === 'uid' || key === 'gid' || key === 'size' ? /^\d{1,15}$/.test(value) : key === 'atime' || key === 'mtime' || key === 'ctime' ? /^-?\d{1,15}(\.\d+)?$/.test(value) : true;
    if (!ok) throw invalid(`invalid pax ${key} ${JSON.stringify(value)} in the ${label}`);
  }
}
