// The crafted-archive corpus for Berth's tar reader (issue 7, items 2 and 3). Each case says what Berth does (the
// entries it hands on, as "<type> <name>[ -> <link>][ <size>]", or the refusal) and, where Berth refuses, what Go's
// archive/tar + umoci make of it (`go`: the unpacked tree as "<path> <kind>[ <size>| <target>][ =<hard-linked path>]",
// or 'refuses'), so that every refusal is documented against the real reader. tar-go.test.ts pins the Berth column;
// tar-go.umoci.test.ts checks both columns against umoci.
import { base256, END, entry, gnuLong, header, pad, pax, paxRecord } from './tar-blocks.js';

export interface CorpusCase {
  name: string;
  bytes: Buffer;
  berth: string[] | RegExp;
  go?: string[] | 'refuses';
  /** Berth accepts, umoci refuses, docker accepts: why. */
  umociRefuses?: string;
}

const tar = (...parts: Buffer[]) => Buffer.concat(parts);
const file = (name: string, data = '', spec: Parameters<typeof entry>[0] = {}) => entry({ name, ...spec }, data);
const dir = (name: string) => entry({ name, typeflag: '5' });
const symlink = (name: string, target: string) => entry({ name, typeflag: '2', linkname: target });
const link = (name: string, target: string) => entry({ name, typeflag: '1', linkname: target });
const long = `usr/share/${'d'.repeat(120)}/file`;
const star131 = 'p'.repeat(131);
const GLOBAL_SKIPPED = 'umoci 0.4.7 stops at any entry type it does not know, a global header included; docker and containerd skip it';

/** A GNU PAX 1.0 sparse file: the map "1 entry: offset 0, 5 bytes" in the first data block, then the 5 bytes. */
const sparse10 = tar(
  pax([['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.name', 'sparse.txt'], ['GNU.sparse.realsize', '5']]),
  entry({ name: 'GNUSparseFile.0/sparse.txt' }, Buffer.concat([pad(Buffer.from('1\n0\n5\n')), Buffer.from('hello')])),
  END,
);

/** Old GNU sparse: type 'S', one map entry (offset 0, 5 bytes) in the header, real size 5. */
const oldSparse = tar(entry({ name: 'old-sparse', typeflag: 'S', magic: 'gnu', raw: [[386, '00000000000\0'], [398, '00000000005\0'], [483, '00000000005\0']] }, 'hello'), END);

export const CORPUS: CorpusCase[] = [
  // Formats, names and numbers.
  {
    name: 'ustar: directory, file, symlink, hard link, fifo',
    bytes: tar(dir('etc/'), file('etc/hostname', 'berth\n'), symlink('etc/alias', 'hostname'), link('etc/hard', 'etc/hostname'), entry({ name: 'run.fifo', typeflag: '6' }), END),
    berth: ['directory etc/', 'file etc/hostname 6', 'symlink etc/alias -> hostname', 'link etc/hard -> etc/hostname', 'fifo run.fifo'],
  },
  { name: 'v7 header (no magic)', bytes: tar(file('v7.txt', 'abc', { magic: 'v7' }), END), berth: ['file v7.txt 3'] },
  { name: 'GNU magic', bytes: tar(file('gnu.txt', 'abc', { magic: 'gnu' }), END), berth: ['file gnu.txt 3'] },
  { name: 'ustar prefix', bytes: tar(file('name', 'x', { prefix: 'p/q' }), END), berth: ['file p/q/name 1'] },
  { name: 'ustar magic with another version still uses the prefix (Go checks the magic only)', bytes: tar(file('name', 'x', { magic: 'ustar\u0000xx', prefix: 'pfx' }), END), berth: ['file pfx/name 1'] },
  { name: '"ustar " with version "00" is V7: no prefix', bytes: tar(file('name', 'x', { magic: 'ustar 00', prefix: 'pfx' }), END), berth: ['file name 1'] },
  { name: 'V7 ignores bytes where the prefix would be', bytes: tar(file('name', 'x', { magic: 'v7', prefix: 'pfx' }), END), berth: ['file name 1'] },
  { name: 'GNU with numeric atime/ctime: no prefix', bytes: tar(file('name', 'x', { magic: 'gnu', prefix: '1234567' }), END), berth: ['file name 1'] },
  {
    name: "GNU with a non-numeric atime: Go's pre-1.8 fallback reads it as a prefix",
    bytes: tar(file('name', 'x', { magic: 'gnu', prefix: 'dir' }), END),
    berth: /GNU header at byte 0 has an unreadable atime/,
    go: ['dir dir', 'dir/name file 1'],
  },
  { name: 'star prefix (131 bytes, NUL-terminated)', bytes: tar(file('name', 'x', { prefix: 'sp', starTrailer: true }), END), berth: ['file sp/name 1'] },
  {
    name: 'star prefix filling all 131 bytes',
    bytes: tar(file('name', 'x', { prefix: star131, starTrailer: true, raw: [[476, '00000000001\0']] }), END),
    berth: /star prefix without a terminating NUL/,
    go: [`${star131} dir`, `${star131}/name file 1`],
  },
  { name: 'base-256 size', bytes: tar(file('b256', 'hello', { size: base256(5n) }), END), berth: ['file b256 5'] },
  { name: 'base-256 uid (GNU tar, large ids)', bytes: tar(file('big-uid', 'x', { raw: [[108, base256(3_000_000n, 8)]] }), END), berth: ['file big-uid 1'] },
  { name: 'base-256 negative mtime (GNU tar, pre-1970)', bytes: tar(file('old', 'x', { raw: [[136, base256(-86400n)]] }), END), berth: ['file old 1'] },
  { name: 'negative base-256 size', bytes: tar(file('neg', '', { size: base256(-1n) }), END), berth: /negative size/, go: 'refuses' },
  { name: 'octal size padded with spaces', bytes: tar(file('spaced', 'hello', { size: Buffer.from('      5     ') }), END), berth: ['file spaced 5'] },
  {
    name: 'octal size with a NUL inside (Go reads up to the NUL)',
    bytes: tar(file('nul-size', 'hello', { size: Buffer.from('5\u0000777      ') }), END),
    berth: /bad size field/,
    go: ['nul-size file 5'],
  },
  { name: 'octal size with a letter', bytes: tar(file('bad', '', { size: Buffer.from('0000000001x\0') }), END), berth: /bad size field/, go: 'refuses' },
  { name: 'mode field with a letter', bytes: tar(file('bad-mode', '', { raw: [[100, '000064z\0']] }), END), berth: /bad mode field/, go: 'refuses' },
  { name: 'signed checksum (name with bytes >= 0x80)', bytes: tar(file('café', 'x', { checksum: 'signed' }), END), berth: ['file café 1'] },
  { name: 'wrong checksum', bytes: tar(file('a', 'x', { checksum: 'wrong' }), END), berth: /checksum mismatch/, go: 'refuses' },
  { name: 'checksum field all spaces', bytes: tar(file('a', 'x').fill(0x20, 148, 156), END), berth: /not a tar header/, go: 'refuses' },
  { name: 'name with ./, // and /./', bytes: tar(file('./a//b/./c', 'x'), END), berth: ['file ./a//b/./c 1'] },
  { name: "'\\0' type with a trailing slash is a directory", bytes: tar(entry({ name: 'olddir/', typeflag: '\0' }), file('olddir/f', 'x'), END), berth: ['directory olddir/', 'file olddir/f 1'] },
  {
    name: "'\\0' directory claiming data: Go reads a header there",
    bytes: tar(entry({ name: 'olddir/', typeflag: '\0' }, header({ name: 'hidden' })), END),
    berth: /"olddir\/": a directory entry must not carry data/,
    go: ['hidden file 0', 'olddir dir'],
  },
  { name: 'directory claiming data', bytes: tar(entry({ name: 'd/', typeflag: '5' }, header({ name: 'hidden' })), END), berth: /a directory entry must not carry data/, go: ['d dir', 'hidden file 0'] },

  // GNU long names and pax records.
  { name: 'GNU long name', bytes: tar(gnuLong('L', long), file(long.slice(0, 100), 'x', { magic: 'gnu' }), END), berth: [`file ${long} 1`] },
  { name: 'GNU long link', bytes: tar(gnuLong('K', `/${long}`), symlink('s', 'short'), END), berth: [`symlink s -> /${long}`] },
  { name: 'pax path', bytes: tar(pax([['path', long]]), file('short', 'x'), END), berth: [`file ${long} 1`] },
  { name: 'pax linkpath', bytes: tar(pax([['linkpath', `/${long}`]]), symlink('s', 'short'), END), berth: [`symlink s -> /${long}`] },
  { name: 'pax size', bytes: tar(pax([['size', '5']]), entry({ name: 'sized', size: 0 }, 'hello'), END), berth: ['file sized 5'] },
  { name: 'pax mtime with a fraction, uid, gid', bytes: tar(pax([['mtime', '1577836800.25'], ['uid', '1000'], ['gid', '1000']]), file('t', 'x'), END), berth: ['file t 1'] },
  { name: 'GNU long name and the same pax path', bytes: tar(gnuLong('L', long), pax([['path', long]]), file('short', 'x'), END), berth: [`file ${long} 1`] },
  {
    name: 'pax path, then a different GNU long name: Go takes the long name',
    bytes: tar(pax([['path', 'from-pax']]), gnuLong('L', 'from-gnu'), file('hdr', 'x'), END),
    berth: /entry "from-gnu": its GNU long name and its pax path "from-pax" disagree/,
    go: ['from-gnu file 1'],
  },
  {
    name: 'GNU long name, then a different pax path: Go still takes the long name',
    bytes: tar(gnuLong('L', 'from-gnu'), pax([['path', 'from-pax']]), file('hdr', 'x'), END),
    berth: /disagree/,
    go: ['from-gnu file 1'],
  },
  {
    name: 'GNU long link and a different pax linkpath',
    bytes: tar(gnuLong('K', 'gnu-target'), pax([['linkpath', 'pax-target']]), symlink('s', 'x'), END),
    berth: /entry "s": its GNU long link and its pax linkpath "pax-target" disagree/,
    go: ['s symlink gnu-target'],
  },
  { name: 'empty GNU long name: Go keeps the header name', bytes: tar(gnuLong('L', ''), file('hdr', 'x'), END), berth: /"hdr": an empty GNU long name/, go: ['hdr file 1'] },
  { name: 'empty GNU long link: Go keeps the header link', bytes: tar(gnuLong('K', ''), symlink('s', 'hdr'), END), berth: /"s": an empty GNU long link/, go: ['s symlink hdr'] },
  { name: 'empty pax path: Go keeps the header name', bytes: tar(pax([['path', '']]), file('hdr', 'x'), END), berth: /empty path record/, go: ['hdr file 1'] },
  { name: 'two GNU long names', bytes: tar(gnuLong('L', 'first'), gnuLong('L', 'second'), file('hdr', 'x'), END), berth: /two GNU long-name headers/, go: ['second file 1'] },
  { name: 'two pax headers: Go drops the first whole', bytes: tar(pax([['path', 'first']]), pax([['mtime', '1']]), file('hdr', 'x'), END), berth: /two pax headers in a row/, go: ['hdr file 1'] },
  { name: 'a pax record given twice: Go keeps the last', bytes: tar(pax(Buffer.from(paxRecord('path', 'one') + paxRecord('path', 'two'))), file('hdr', 'x'), END), berth: /duplicate pax record "path"/, go: ['two file 1'] },
  { name: 'pax header with no entry after it', bytes: tar(file('a', 'x'), pax([['path', 'lost']]), END), berth: /describes no entry/, go: ['a file 1'] },
  { name: 'pax record length longer than the header', bytes: tar(pax(Buffer.from('99 path=x\n')), file('hdr', 'x'), END), berth: /malformed pax record/, go: 'refuses' },
  { name: 'pax record length with a plus sign (Go parses it)', bytes: tar(pax(Buffer.from('+11 path=x\n')), file('hdr', 'x'), END), berth: /malformed pax record length/, go: ['x file 1'] },
  { name: 'pax record without =', bytes: tar(pax(Buffer.from('9 pathx\n\n')), file('hdr', 'x'), END), berth: /malformed pax record/, go: 'refuses' },
  { name: 'pax path with a NUL', bytes: tar(pax(Buffer.from(paxRecord('path', 'a\u0000b'))), file('hdr', 'x'), END), berth: /pax path contains a NUL/, go: 'refuses' },
  { name: 'pax uname with a NUL', bytes: tar(pax(Buffer.from(paxRecord('uname', 'ro\u0000ot'))), file('hdr', 'x'), END), berth: /pax uname contains a NUL/, go: 'refuses' },
  { name: 'pax key with a NUL', bytes: tar(pax(Buffer.from(paxRecord('com\u0000ment', 'x'))), file('hdr', 'x'), END), berth: /key contains a NUL/, go: 'refuses' },
  { name: 'pax uid not a number', bytes: tar(pax([['uid', 'abc']]), file('hdr', 'x'), END), berth: /invalid pax uid "abc"/, go: 'refuses' },
  { name: 'pax mtime not a number', bytes: tar(pax([['mtime', 'yesterday']]), file('hdr', 'x'), END), berth: /invalid pax mtime/, go: 'refuses' },
  { name: 'pax size not a number', bytes: tar(pax([['size', '5x']]), file('hdr', 'x'), END), berth: /invalid pax size/, go: 'refuses' },
  { name: 'GNU.sparse.name on a file that is not sparse: Go ignores it', bytes: tar(pax([['GNU.sparse.name', 'sparse-name']]), file('real', 'x'), END), berth: /"GNU.sparse.name" record: GNU sparse files are not supported/, go: ['real file 1'] },
  { name: 'GNU pax sparse 1.0: Go expands it', bytes: sparse10, berth: /GNU sparse files are not supported/, go: ['sparse.txt file 5'] },
  { name: "old GNU sparse ('S')", bytes: oldSparse, berth: /old GNU sparse files \(type 'S'\) are not supported/, go: 'refuses' },

  // Global pax headers.
  {
    name: 'global pax header (git archive)',
    bytes: tar(pax([['comment', 'd6cd1e2bd19e03a81132a23b2025920577f84e37']], 'g', 'pax_global_header'), file('a', 'x'), END),
    berth: ['global-header pax_global_header', 'file a 1'],
    umociRefuses: GLOBAL_SKIPPED,
  },
  { name: 'global pax header setting path', bytes: tar(pax([['path', 'x']], 'g', 'pax_global_header'), file('a', 'x'), END), berth: /global pax header sets "path"/, go: 'refuses' },
  { name: 'pax header before a global header: Go drops it', bytes: tar(pax([['path', 'lost']]), pax([['comment', 'c']], 'g', 'g'), file('a', 'x'), END), berth: /follows a pax or GNU long-name header/, go: 'refuses' },
  { name: 'global header named like an earlier entry (docker removes it)', bytes: tar(file('etc', 'x'), pax([['comment', 'c']], 'g', 'etc'), END), berth: /named like an earlier entry/, go: 'refuses' },
  { name: 'global header named below the root (docker creates its parents)', bytes: tar(pax([['comment', 'c']], 'g', 'tmp/GlobalHead.1.1'), file('a', 'x'), END), berth: /named below the root/, go: 'refuses' },

  // Entry types.
  { name: "contiguous file ('7')", bytes: tar(file('contig', 'x', { typeflag: '7' }), END), berth: /unsupported tar entry type "7"/, go: 'refuses' },
  { name: "volume label ('V')", bytes: tar(file('label', '', { typeflag: 'V' }), END), berth: /unsupported tar entry type "V"/, go: 'refuses' },
  // umoci leaves a path the same layer made (docker's UnpackLayer removes it): readers differ, Berth refuses.
  { name: 'whiteout file', bytes: tar(file('foo', 'x'), file('.wh.foo'), END), berth: /"\.wh\.foo".*whiteouts/, go: ['foo file 1'] },
  { name: 'root directory entry', bytes: tar(dir('./'), file('./a', 'x'), END), berth: ['directory ./', 'file ./a 1'] },
  { name: 'root replaced by a symlink', bytes: tar(symlink('.', '/etc'), END), berth: /"\.".*would replace the root directory/, go: 'refuses' },

  // End of archive.
  { name: 'no end-of-archive marker', bytes: tar(file('a', 'x')), berth: ['file a 1'] },
  { name: 'one zero block, then the end of the input', bytes: tar(file('a', 'x'), Buffer.alloc(512)), berth: ['file a 1'] },
  { name: 'a zero block in the middle', bytes: tar(file('a', 'x'), Buffer.alloc(512), file('b', 'y'), END), berth: /follows a single zero block/, go: 'refuses' },
  { name: 'entries after the end-of-archive marker are not read', bytes: tar(file('a', 'x'), END, file('hidden', 'y'), END), berth: ['file a 1'] },
  { name: 'trailing garbage after the marker', bytes: tar(file('a', 'x'), END, Buffer.from('garbage'.repeat(100))), berth: ['file a 1'] },
  { name: 'truncated inside the data', bytes: tar(header({ name: 'big', size: 1000 }), Buffer.alloc(600, 1)), berth: /truncated/, go: 'refuses' },
  { name: 'input ends inside the padding after the data', bytes: tar(header({ name: 'a', size: 3 }), Buffer.from('abc')), berth: /truncated/, go: ['a file 3'] },

  // Order: duplicates, replacements, hard links.
  { name: 'the same file twice: the last one stays', bytes: tar(file('a', 'x'), file('a', 'yy'), END), berth: ['file a 1', 'file a 2'] },
  { name: 'a directory replaces a file', bytes: tar(file('a', 'x'), dir('a/'), END), berth: ['file a 1', 'directory a/'] },
  { name: 'a file replaces a directory and its contents', bytes: tar(dir('d/'), file('d/f', 'x'), file('d', 'abc'), END), berth: ['directory d/', 'file d/f 1', 'file d 3'] },
  { name: 'hard link to an earlier file', bytes: tar(file('a', 'abc'), link('h', 'a'), END), berth: ['file a 3', 'link h -> a'] },
  { name: 'hard link, then its target replaced', bytes: tar(file('a', 'abc'), link('h', 'a'), file('a', 'hello'), END), berth: ['file a 3', 'link h -> a', 'file a 5'] },
  { name: 'hard link to a symlink is a symlink', bytes: tar(symlink('s', '/etc'), link('h', 's'), END), berth: ['symlink s -> /etc', 'link h -> s'] },
  { name: 'hard link to a missing target', bytes: tar(link('h', 'missing'), END), berth: /hard link target "missing" is not an earlier entry/, go: 'refuses' },
  { name: 'hard link to a directory', bytes: tar(dir('d/'), link('h', 'd'), END), berth: /hard link target "d" is a directory/, go: 'refuses' },
  { name: 'hard link to itself', bytes: tar(file('a', 'x'), link('a', 'a'), END), berth: /hard link target "a" is removed when the link replaces it/, go: 'refuses' },
  { name: 'hard link replacing the directory its target is in', bytes: tar(dir('d/'), file('d/f', 'x'), link('d', 'd/f'), END), berth: /is removed when the link replaces it/, go: 'refuses' },

  // Nothing through a symlink or under a non-directory.
  {
    name: 'a symlink, then a file under it',
    bytes: tar(symlink('a', '/somewhere'), file('a/file', 'x'), END),
    berth: /"a\/file".*its parent "a" is a symbolic link/,
    go: ['a symlink /somewhere', 'somewhere dir', 'somewhere/file file 1'],
  },
  {
    name: 'a symlink chain climbing out: d/l -> .., d/l/up -> ../..',
    bytes: tar(dir('d/'), symlink('d/l', '..'), symlink('d/l/up', '../..'), END),
    berth: /"d\/l\/up".*its parent "d\/l" is a symbolic link/,
    go: ['d dir', 'd/l symlink ..', 'up symlink ../..'],
  },
  { name: 'a directory replaces a symlink, then a file in it', bytes: tar(symlink('a', 'x'), dir('a/'), file('a/f', 'x'), END), berth: ['symlink a -> x', 'directory a/', 'file a/f 1'] },
  {
    name: 'a symlink replaces a directory, then a file under it',
    bytes: tar(dir('d/'), file('d/f', 'x'), symlink('d', '/etc'), file('d/passwd', 'x'), END),
    berth: /"d\/passwd".*its parent "d" is a symbolic link/,
    go: ['d symlink /etc', 'etc dir', 'etc/passwd file 1'],
  },
  {
    name: 'a hard link to a symlink, then a file under the hard link',
    bytes: tar(symlink('s', '/tmp'), link('h', 's'), file('h/x', 'x'), END),
    berth: /"h\/x".*its parent "h" is a symbolic link/,
    go: ['h symlink /tmp', 's symlink /tmp =h', 'tmp dir', 'tmp/x file 1'],
  },
  {
    name: 'a hard link whose target passes through a symlink',
    bytes: tar(dir('d/'), file('d/f', 'x'), symlink('s', 'd'), link('h', 's/f'), END),
    berth: /hard link target "s\/f" passes through "s", a symbolic link/,
    go: ['d dir', 'd/f file 1', 'h file 1 =d/f', 's symlink d'],
  },
  { name: 'a hard link replaces a symlink, then a file under it', bytes: tar(symlink('s', '/etc'), file('f', 'x'), link('s', 'f'), file('s/x', 'x'), END), berth: /"s\/x".*its parent "s" is not a directory/, go: 'refuses' },
  { name: 'a file under a regular file', bytes: tar(file('f', 'x'), file('f/x', 'y'), END), berth: /"f\/x".*its parent "f" is not a directory/, go: 'refuses' },
];
