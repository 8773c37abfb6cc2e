// `docker cp CONTAINER:SRC DEST` for an image: a path of the merged view written into the user's file system.
//
// Where it goes follows docker cp's documented rules (docs "docker container cp", moby pkg/archive/copy.go):
// - SRC is a file: DEST missing -> a file is created at DEST (DEST ending in `/` is an error: "no such directory");
//   DEST an existing file -> overwritten; DEST an existing folder -> DEST/<base name of SRC>.
// - SRC is a folder: DEST missing -> created as the copy (SRC's contents land in it); DEST an existing file ->
//   error ("cannot copy a directory to a file"); DEST an existing folder -> DEST/<base name of SRC>, or, when SRC
//   ends in `/.`, SRC's contents merged into DEST itself.
// - DEST's parent must exist. DEST itself may be a symlink (the user's own): it is followed, as docker's CLI does.
//   Nothing below DEST is ever followed.
//
// The image is hostile input. What this file guarantees, whatever the layers say:
// - Nothing is written outside DEST. Names come from the merged tree (`..`, absolute and NUL names are refused
//   when a layer is indexed) and each component is checked again here. Symlinks from the image are written as
//   symlinks, their targets plain data, never followed: every file is created with O_CREAT|O_EXCL|O_NOFOLLOW
//   (symlinks and hard links exclusively too), in a new copy's private folder under its own name, in an existing
//   folder under a fresh name renamed into place (a rename replaces a symlink rather than writing through it). Folders are made one component at a time, and a component
//   that is anything but a real folder (a symlink the image or anyone else put there included) is refused, never
//   followed and never deleted: docker cp's "cannot overwrite non-directory with directory".
// - A copy into a new name (the common case) is built in a private temporary folder (0700) beside it and renamed
//   into place when complete, so a failed or cancelled copy leaves nothing and no other user can race it. A copy
//   merged into an existing folder writes entry by entry (a failure leaves the entries written so far, as docker's).
// - No setuid or setgid bits on what is written (the sticky bit stays); owners are not changed, as an unprivileged
//   docker cp does not change them; modification times are kept. Folders get their mode and time once their
//   contents are written (a 0555 folder can still be filled); folders that existed before keep their own.
// - Devices and FIFOs are skipped with a warning: creating them needs privileges an unprivileged docker cp does
//   not have either (it fails on them), and a device node is nothing a user wants out of an image. Hard links
//   within the copy are hard links; a hard link to something skipped is skipped.
// What is not guarded: another process of the same user changing DEST while the copy runs (Node has no openat;
// that race is the same for tar and docker cp).
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, link, lstat, lutimes, mkdir, open, readdir, realpath, rename, rm, stat, symlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import type { ImageStore } from '../store/types.js';
import { planExport, type ExportEntry } from './export-plan.js';
import type { ImageFiles } from './image-files.js';
import { LayerReader } from './layer-reader.js';

export interface ExtractOptions {
  /** `docker cp -L`: a symlink SRC is copied as what it points to. */
  follow?: boolean;
  signal?: AbortSignal;
  onProgress?: (bytes: number, total: number) => void;
  /** Something left out (a device, a FIFO); the copy goes on. */
  onWarning?: (message: string) => void;
}

export interface ExtractResult {
  /** Where the copy's root now is. */
  path: string;
  entries: number;
  bytes: number;
  skipped: number;
}

/** Bits never written: setuid and setgid. */
const KEEP_BITS = 0o1777;

export async function extractImagePath(store: ImageStore, files: ImageFiles, source: string, dest: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  const plan = planExport(files, source, { follow: options.follow, dataOrder: true });
  for (const warning of plan.warnings) options.onWarning?.(warning);
  const rootEntry = plan.entries[0];
  if (!rootEntry) throw new BerthError('INVALID_ARGUMENT', `cannot copy ${plan.path}: ${plan.warnings[0] ?? 'nothing to copy'}`);
  const isDir = rootEntry.kind === 'dir';
  if (!isDir && rootEntry.kind !== 'file' && rootEntry.kind !== 'symlink') {
    throw new BerthError('INVALID_ARGUMENT', `cannot copy ${plan.path}: it is ${KIND_NAMES[rootEntry.kind]}, which an unprivileged copy cannot create`);
  }
  const target = await destinationOf(plan.path, isDir, plan.contentsOnly, rootEntry.name, dest);
  const writer = new TreeWriter(store, files, plan.entries, target, options);
  return writer.write();
}

const KIND_NAMES: Record<ExportEntry['kind'], string> = {
  file: 'a file', dir: 'a folder', symlink: 'a symlink', hardlink: 'a hard link', char: 'a character device', block: 'a block device', fifo: 'a FIFO',
};

/** docker cp's rules (above): the absolute path the copy's root gets. */
async function destinationOf(source: string, isDir: boolean, contentsOnly: boolean, base: string, dest: string): Promise<string> {
  const assertsDir = /\/\.?$/.test(dest);
  let resolved = path.resolve(dest);
  const info = await stat(resolved).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw new BerthError('INVALID_ARGUMENT', `cannot copy to ${dest}: ${err.message}`);
  });
  if (info === null) {
    const parent = path.dirname(resolved);
    const parentInfo = await stat(parent).catch(() => null);
    if (!parentInfo) throw new BerthError('NOT_FOUND', `cannot copy to ${dest}: no such directory ${parent}`);
    if (!parentInfo.isDirectory()) throw new BerthError('INVALID_ARGUMENT', `cannot copy to ${dest}: ${parent} is not a directory`);
    if (!isDir && assertsDir) throw new BerthError('NOT_FOUND', `cannot copy ${source} to ${dest}: no such directory`);
    return path.join(await realpath(parent), path.basename(resolved));
  }
  resolved = await realpath(resolved); // DEST itself may be the user's symlink
  if (!info.isDirectory()) {
    if (isDir) throw new BerthError('INVALID_ARGUMENT', `cannot copy a directory to a file: ${source} to ${dest}`);
    if (assertsDir) throw new BerthError('INVALID_ARGUMENT', `cannot copy to ${dest}: not a directory`);
    return resolved;
  }
  return contentsOnly || base === '.' ? resolved : path.join(resolved, base);
}

class TreeWriter {
  private readonly reader: LayerReader;
  /** Folders known to be real folders (made here, or found and checked), by absolute path. */
  private readonly folders = new Set<string>();
  /** Folders made here, with the mode and time they get at the end (parents before children). */
  private readonly made: Array<{ at: string; mode: number; mtime: number }> = [];
  private readonly skipped = new Set<string>();
  private readonly written = new Map<string, string>();
  private readonly total: number;
  private bytes = 0;
  /** The private folder a new copy is built in, removed if the copy fails. */
  private temp: string | null = null;

  constructor(
    store: ImageStore,
    files: ImageFiles,
    private readonly entries: readonly ExportEntry[],
    private readonly target: string,
    private readonly options: ExtractOptions,
  ) {
    this.reader = new LayerReader(store, files.layers.map((layer) => layer.digest), entries, options.signal);
    this.total = entries.reduce((sum, entry) => sum + entry.size, 0);
  }

  async write(): Promise<ExtractResult> {
    const existing = await lstat(this.target).catch(() => null);
    const root = this.entries[0]!;
    // A new name: built in a private folder beside it, renamed into place when whole.
    const building = existing ? this.target : path.join(path.dirname(this.target), `.${path.basename(this.target).slice(0, 100)}.${randomBytes(6).toString('hex')}.partial`);
    if (!existing && root.kind === 'dir') this.temp = building;
    try {
      if (root.kind === 'dir') {
        if (existing && !existing.isDirectory()) throw new BerthError('INVALID_ARGUMENT', `cannot overwrite non-directory ${this.target} with directory`);
        if (existing) this.folders.add(building);
        else await this.makeFolder(building, root);
      } else {
        if (existing?.isDirectory()) throw new BerthError('INVALID_ARGUMENT', `cannot overwrite directory ${this.target} with non-directory`);
        await this.place(path.dirname(this.target), path.basename(this.target), root);
      }
      for (const entry of this.entries.slice(1)) {
        this.options.signal?.throwIfAborted();
        const names = this.relativeNames(root.name, entry.name);
        const parent = path.join(building, ...names.slice(0, -1));
        if (!this.folders.has(parent)) throw new BerthError('INTERNAL', `${entry.name} comes before its folder`);
        if (entry.kind === 'dir') await this.folder(path.join(parent, names[names.length - 1]!), entry);
        else await this.place(parent, names[names.length - 1]!, entry);
      }
      // Deepest first: a folder's own time changes while its children are written, and a read-only folder can no
      // longer be written into.
      for (const { at, mode, mtime } of this.made.toReversed()) {
        await chmod(at, mode & KEEP_BITS);
        await utimes(at, mtime, mtime);
      }
      if (!existing && root.kind === 'dir') {
        if (await lstat(this.target).catch(() => null)) throw new BerthError('CONFLICT', `${this.target} appeared while the copy was written`);
        await rename(building, this.target);
      }
      this.temp = null;
      return { path: this.target, entries: this.entries.length - this.skipped.size, bytes: this.bytes, skipped: this.skipped.size };
    } catch (err) {
      if (this.temp) await removeTree(this.temp);
      if (this.options.signal?.aborted && !(err instanceof BerthError && err.code === 'CANCELLED')) throw new BerthError('CANCELLED', 'the copy was cancelled', { cause: err });
      throw err;
    } finally {
      this.reader.close();
    }
  }

  /** An entry's path components below the copy's root, each one checked to be a plain name. */
  private relativeNames(rootName: string, name: string): string[] {
    if (!name.startsWith(`${rootName}/`)) throw new BerthError('INTERNAL', `${name} is not below ${rootName}`);
    const names = name.slice(rootName.length + 1).split('/');
    for (const part of names) {
      if (part === '' || part === '.' || part === '..' || part.includes('\u0000')) throw new BerthError('INVALID_ARCHIVE', `refusing the entry name ${JSON.stringify(name)}`);
    }
    return names;
  }

  private async makeFolder(at: string, entry: ExportEntry): Promise<void> {
    await mkdir(at, { mode: 0o700 });
    this.folders.add(at);
    this.made.push({ at, mode: entry.mode, mtime: entry.mtime });
  }

  private async folder(at: string, entry: ExportEntry): Promise<void> {
    const found = await lstat(at).catch(() => null);
    if (!found) return this.makeFolder(at, entry);
    // lstat: a symlink here is a non-directory, whoever made it; it is refused, not followed.
    if (!found.isDirectory()) throw new BerthError('INVALID_ARGUMENT', `cannot overwrite non-directory ${at} with directory`);
    this.folders.add(at);
  }

  /** A non-folder entry at parent/name: made under a fresh name, then renamed over whatever non-folder was there. */
  private async place(parent: string, name: string, entry: ExportEntry): Promise<void> {
    const at = path.join(parent, name);
    if (entry.kind === 'char' || entry.kind === 'block' || entry.kind === 'fifo') {
      this.skip(entry, `skipped ${entry.name}: ${KIND_NAMES[entry.kind]} is not created by an unprivileged copy`);
      return;
    }
    // Inside a new copy's private folder nothing else is there: the entry is made under its own name, still
    // exclusively (O_EXCL, symlink(2) and link(2) never replace or follow what exists).
    const direct = this.temp !== null;
    const fresh = direct ? at : path.join(parent, `.berth-${randomBytes(8).toString('hex')}`);
    try {
      if (entry.kind === 'file') await this.writeFile(fresh, entry);
      else if (entry.kind === 'symlink') {
        await symlink(entry.link, fresh);
        await lutimes(fresh, entry.mtime, entry.mtime);
      } else {
        // A hard link to an entry of this copy (export-plan.ts names the first), never to anything else.
        if (this.skipped.has(entry.link)) {
          this.skip(entry, `skipped ${entry.name}: a hard link to ${entry.link}, which was skipped`);
          return;
        }
        const earlier = this.written.get(entry.link);
        if (!earlier) throw new BerthError('INTERNAL', `hard link ${entry.name} to ${entry.link} before it`);
        await link(earlier, fresh);
      }
      if (!direct) {
        const found = await lstat(at).catch(() => null);
        if (found?.isDirectory()) throw new BerthError('INVALID_ARGUMENT', `cannot overwrite directory ${at} with non-directory`);
        await rename(fresh, at);
      }
      this.written.set(entry.name, at);
    } catch (err) {
      if (!direct) await rm(fresh, { force: true }).catch(() => undefined);
      throw err;
    }
  }

  private async writeFile(at: string, entry: ExportEntry): Promise<void> {
    const handle = await open(at, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      if (entry.data) {
        for await (const chunk of this.reader.read(entry.data.layer, entry.data.entry)) {
          for (let done = 0; done < chunk.length;) done += (await handle.write(chunk, done, chunk.length - done)).bytesWritten;
          this.bytes += chunk.length;
          this.options.onProgress?.(this.bytes, this.total);
        }
      }
      await handle.chmod(entry.mode & KEEP_BITS);
      await handle.utimes(entry.mtime, entry.mtime);
    } finally {
      await handle.close();
    }
  }

  private skip(entry: ExportEntry, message: string): void {
    this.skipped.add(entry.name);
    this.options.onWarning?.(message);
  }
}

/** Removes a half-built copy, read-only folders included (their modes are set last, but a cancel may come then). */
async function removeTree(at: string): Promise<void> {
  const stack = [at];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    const info = await lstat(dir).catch(() => null);
    if (!info?.isDirectory()) continue;
    await chmod(dir, 0o700).catch(() => undefined);
    for (const name of await readdir(dir).catch(() => [])) stack.push(path.join(dir, name));
  }
  await rm(at, { recursive: true, force: true });
}
