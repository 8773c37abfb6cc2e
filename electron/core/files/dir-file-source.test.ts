import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirFileSource } from './dir-file-source.js';

let root: string;
let source: DirFileSource;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'berth-dirsource-'));
  mkdirSync(path.join(root, 'etc'));
  mkdirSync(path.join(root, 'usr/lib'), { recursive: true });
  writeFileSync(path.join(root, 'usr/lib/os-release'), 'ID=inside\n');
  symlinkSync('../usr/lib/os-release', path.join(root, 'etc/os-release')); // as Debian ships it
  writeFileSync(path.join(root, 'etc/passwd'), 'root:x:0:0:inside\n');
  symlinkSync('/etc/passwd', path.join(root, 'abs-link')); // absolute: the image's /etc/passwd, not this machine's
  symlinkSync('../../../../../../../../etc/passwd', path.join(root, 'etc/climb')); // `..` stops at the root
  symlinkSync('loop-b', path.join(root, 'loop-a'));
  symlinkSync('loop-a', path.join(root, 'loop-b'));
  symlinkSync('usr/lib', path.join(root, 'libdir'));
  writeFileSync(path.join(root, 'usr/lib/z'), '');
  writeFileSync(path.join(root, 'usr/lib/a'), '');
  symlinkSync('/nonexistent', path.join(root, 'dangling'));
  execFileSync('mkfifo', [path.join(root, 'fifo')]);
  symlinkSync('/fifo', path.join(root, 'to-fifo'));
  writeFileSync(path.join(root, 'big'), Buffer.alloc(4097));
  source = new DirFileSource(root);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('DirFileSource', () => {
  it('reads a file through a relative symlink', async () => {
    expect((await source.readFile('/etc/os-release', 1024))?.toString()).toBe('ID=inside\n');
  });

  it('resolves absolute links and `..` inside the root, never outside it', async () => {
    expect(readFileSync('/etc/passwd', 'utf8')).not.toContain('inside');
    expect((await source.readFile('/abs-link', 1024))?.toString()).toContain('inside');
    expect((await source.readFile('/etc/climb', 1024))?.toString()).toContain('inside');
    expect((await source.readFile('/../../etc/passwd', 1024))?.toString()).toContain('inside');
  });

  it('answers null for a symlink loop, a dangling link and a missing path', async () => {
    expect(await source.readFile('/loop-a', 1024)).toBeNull();
    expect(await source.list('/loop-a')).toBeNull();
    expect(await source.readFile('/dangling', 1024)).toBeNull();
    expect(await source.readFile('/etc/os-release/x', 1024)).toBeNull();
    expect(await source.readFile('/nothing/here', 1024)).toBeNull();
  });

  it('never opens a FIFO, directly or through a link (the read would block forever)', async () => {
    expect(await source.readFile('/fifo', 1024)).toBeNull();
    expect(await source.readFile('/to-fifo', 1024)).toBeNull();
  });

  it('answers null for a directory and lists a directory through a link, sorted', async () => {
    expect(await source.readFile('/usr', 1024)).toBeNull();
    expect(await source.list('/libdir')).toEqual(['a', 'os-release', 'z']);
    expect(await source.list('/etc/passwd')).toBeNull();
  });

  it('throws TOO_LARGE past maxBytes and reads exactly maxBytes', async () => {
    await expect(source.readFile('/big', 4096)).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect((await source.readFile('/big', 4097))?.length).toBe(4097);
  });
});
