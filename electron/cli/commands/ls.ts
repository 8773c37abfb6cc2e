// `berth ls IMAGE [PATH]`: a folder of the image's merged filesystem (whiteouts applied, as a container sees it), or
// with --layer N what that layer changed there, marked as dive and `docker diff` mark (A added, M modified, D
// deleted; unmarked folders only hold changes). Output as `ls -1` (names, sorted by byte order, dot names only with
// -a) or `ls -l` (mode, uid, gid, size, date, name, `-> target`); times in UTC, as a container shows them. A folder's
// size with -l is the bytes of the files below it (what `du` would say), not its directory block.
// PATH a file (or with -l a symlink) shows that entry alone, named as given; a symlink to a folder is listed
// through, as ls does without -l.
import type { BerthApi, ImageFileEntry } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { goQuote } from '../../../shared/template/quote.js';
import { flagBool, flagString } from '../args.js';
import type { Command } from '../command.js';

interface Row {
  entry: ImageFileEntry;
  name: string;
}

export const lsCommand: Command = {
  name: 'ls',
  usage: '[OPTIONS] IMAGE [PATH]',
  summary: 'List the files in an image, or what one of its layers changed',
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Show names starting with "."' },
    { name: 'layer', type: 'string', valueName: 'N', help: 'List what layer N (1 = the base, as the app numbers\nthem) changed: A added, M modified, D deleted' },
    { name: 'long', short: 'l', type: 'bool', help: 'Long format: mode, uid, gid, size, date (UTC), name' },
  ],
  args: { min: 1, max: 2 },
  async run(ctx, args) {
    const [reference, given = '/'] = args.positionals as [string, string?];
    const layerText = flagString(args, 'layer');
    if (layerText !== undefined && !/^[1-9]\d*$/.test(layerText)) throw new BerthError('INVALID_ARGUMENT', `invalid layer ${JSON.stringify(layerText)}: give its number (1 = the base layer)`);
    // People count layers from 1 (the app's Layers tab, Wasted space); the API from 0.
    const layer = layerText === undefined ? undefined : Number(layerText) - 1;
    const long = flagBool(args, 'long');
    const service = await ctx.service();
    const rows = await rowsFor(service, reference, given, { layer, long, all: flagBool(args, 'all') });
    rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const lines = long ? longLines(rows, layer !== undefined, ctx.io.now()) : rows.map((row) => `${layer !== undefined ? `${row.entry.change ?? ' '} ` : ''}${shownName(row.name)}`);
    if (lines.length > 0) ctx.io.stdout.write(`${lines.join('\n')}\n`);
  },
};

async function rowsFor(service: Pick<BerthApi, 'imageFiles' | 'previewImageFile'>, reference: string, given: string, options: { layer?: number; long: boolean; all: boolean }): Promise<Row[]> {
  const names = given.split('/').filter((name) => name !== '' && name !== '.');
  const folderRows = (entries: ImageFileEntry[]) => entries.filter((entry) => options.all || !entry.name.startsWith('.')).map((entry) => ({ entry, name: entry.name }));
  const missing = () => new BerthError('NOT_FOUND', `Could not find the file /${names.join('/')} in image ${reference}`);
  if (names.length === 0) return folderRows((await service.imageFiles(reference, { path: '/', ...(options.layer !== undefined ? { layer: options.layer } : {}) })).entries);
  const parent = `/${names.slice(0, -1).join('/')}`;
  const base = names[names.length - 1]!;
  if (options.layer !== undefined) {
    // One layer's changes: a folder lists what changed below it; a changed file shows alone.
    const listing = await service.imageFiles(reference, { path: parent, layer: options.layer });
    const entry = listing.entries.find((e) => e.name === base);
    if (!entry) throw new BerthError('NOT_FOUND', `layer ${options.layer + 1} of ${reference} changes nothing at /${names.join('/')}`);
    if (entry.kind !== 'dir' || entry.change === 'D') return [{ entry, name: given }];
    return folderRows((await service.imageFiles(reference, { path: `/${names.join('/')}`, layer: options.layer })).entries);
  }
  // The folder above: through a symlink if it is one; missing or a file, the path is not there (the image itself
  // missing keeps its own message).
  const listing = await service.imageFiles(reference, { path: parent }).catch(async (err: unknown) => {
    if (!(err instanceof BerthError) || !/does not exist in|is not a folder/.test(err.message)) throw err;
    const { resolved } = await service.previewImageFile(reference, parent).catch(() => ({ resolved: undefined }));
    if (!resolved) throw missing();
    return service.imageFiles(reference, { path: resolved }).catch(() => {
      throw missing();
    });
  });
  const entry = listing.entries.find((e) => e.name === base);
  if (!entry) throw missing();
  if (entry.kind === 'dir') return folderRows((await service.imageFiles(reference, { path: entry.path })).entries);
  if (entry.kind === 'symlink' && (!options.long || given.endsWith('/'))) {
    const { resolved } = await service.previewImageFile(reference, entry.path);
    if (resolved) {
      const target = await service.imageFiles(reference, { path: resolved }).catch(() => null);
      if (target) return folderRows(target.entries);
    }
  }
  return [{ entry, name: given }];
}

function longLines(rows: readonly Row[], marked: boolean, now: number): string[] {
  const cells = rows.map(({ entry, name }) => {
    let shown = shownName(name);
    if (entry.kind === 'symlink') shown += ` -> ${shownName(entry.link ?? '')}`;
    if (entry.kind === 'hardlink') shown += ` link to ${shownName(entry.link ?? '')}`;
    // ls -l gives a symlink's size as its target's length in bytes (lstat's st_size), measured in ls.docker.test.ts.
    const size = entry.kind === 'symlink' ? Buffer.byteLength(entry.link ?? '') : entry.size;
    return [modeString(entry), String(entry.uid), String(entry.gid), String(size), lsDate(entry.mtime, now), shown, entry.change ?? ' '] as const;
  });
  const width = (i: number) => Math.max(0, ...cells.map((cell) => cell[i]!.length));
  const [uid, gid, size] = [width(1), width(2), width(3)];
  return cells.map((cell) => `${marked ? `${cell[6]} ` : ''}${cell[0]} ${cell[1].padStart(uid)} ${cell[2].padStart(gid)} ${cell[3].padStart(size)} ${cell[4]} ${cell[5]}`);
}

/**
 * A name from the image as one line can show it: with a control character in it (a newline would pass for another
 * row, `evil\n-rw-r--r-- 0 0 9 Jan  1  2020 shadow`), quoted and escaped as Go's %q does, as GNU ls quotes such
 * names on a terminal; other names as they are.
 */
export function shownName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  return /[\x00-\x1f\x7f-\x9f]/.test(name) ? goQuote(name) : name;
}

const TYPE_CHARS: Partial<Record<ImageFileEntry['kind'], string>> = { dir: 'd', symlink: 'l', char: 'c', block: 'b', fifo: 'p' };

/** `ls -l`'s mode column: type, then rwx for owner, group and others with s/S, t/T for setuid, setgid and sticky. */
export function modeString(entry: Pick<ImageFileEntry, 'kind' | 'mode'>): string {
  const bits = [...'rwxrwxrwx'].map((letter, i) => (entry.mode & (0o400 >> i) ? letter : '-'));
  const special = (index: number, bit: number, set: string) => {
    if (entry.mode & bit) bits[index] = bits[index] === 'x' ? set : set.toUpperCase();
  };
  special(2, 0o4000, 's');
  special(5, 0o2000, 's');
  special(8, 0o1000, 't');
  return (TYPE_CHARS[entry.kind] ?? '-') + bits.join('');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HALF_YEAR = (365.2425 / 2) * 24 * 3600 * 1000;

/** `ls -l`'s date: `Jan  2 15:04` within the last six months, `Jan  2  2006` otherwise (UTC). */
export function lsDate(seconds: number, now: number): string {
  const date = new Date(seconds * 1000);
  const day = `${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')}`;
  const recent = now - date.getTime() < HALF_YEAR && date.getTime() <= now;
  if (recent) return `${day} ${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  return `${day}  ${date.getUTCFullYear()}`;
}
