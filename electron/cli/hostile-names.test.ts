// Names from a hostile image through `berth ls` and `berth diff`: a line break or tab in a name must not let it
// pass for another row of the listing (the terminal-safe layer lets tab and newline through, as output needs them).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLayeredImage } from '../core/files/test-support/layered-image.js';
import { openStore } from '../core/store/store.js';
import { runCaptured } from './test-support/capture-io.js';

let dir: string;
let store: string;
const FORGED = 'x\n-rw-r--r-- 0 0 9 Jan  1  2020 shadow';
const NOW = Date.parse('2024-06-01T12:00:00Z');

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-names-'));
  store = path.join(dir, 'store');
  const opened = await openStore(store);
  const base = [{ path: 'etc/', type: 'directory' as const }, { path: 'etc/hosts', content: 'h\n' }];
  await writeLayeredImage(opened, [base], { tag: 'example.com/names:a' });
  await writeLayeredImage(opened, [base, [
    { path: `etc/${FORGED}`, content: '' },
    { path: 'etc/tab\there', content: '' },
    { path: 'etc/lnk', type: 'symlink', target: 'a\nD /etc/passwd' },
    { path: 'etc/fifo\nSuccessfully copied 1GB', type: 'fifo' },
  ]], { tag: 'example.com/names:b' });
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const berth = (args: string[]) => runCaptured(['--store', store, ...args], { now: () => NOW });

describe('names with control characters', () => {
  it('berth ls quotes them, -1 and -l, link targets too', async () => {
    const short = await berth(['ls', 'example.com/names:b', '/etc']);
    expect(short.stdout.split('\n')).toEqual(['"fifo\\nSuccessfully copied 1GB"', 'hosts', 'lnk', '"tab\\there"', '"x\\n-rw-r--r-- 0 0 9 Jan  1  2020 shadow"', '']);
    const long = await berth(['ls', '-l', 'example.com/names:b', '/etc']);
    expect(long.stdout.split('\n')).toHaveLength(6);
    expect(long.stdout).toContain('lnk -> "a\\nD /etc/passwd"');
  });

  it('berth diff quotes them on its lines and in a table', async () => {
    const lines = await berth(['diff', 'example.com/names:a', 'example.com/names:b']);
    expect(lines.stdout).toContain('A "/etc/x\\n-rw-r--r-- 0 0 9 Jan  1  2020 shadow"\n');
    const table = await berth(['diff', '--format', 'table {{.Kind}}\t{{.Path}}', 'example.com/names:a', 'example.com/names:b']);
    expect(table.stdout.split('\n').filter((line) => line !== '')).toHaveLength(1 + 5); // header, /etc and four names
    expect(table.stdout).toContain('"/etc/tab\\there"');
  });
});

describe('berth cp warnings', () => {
  it('name a skipped FIFO on one line', async () => {
    const dest = path.join(dir, 'out');
    const result = await berth(['cp', 'example.com/names:b:/etc', dest]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('warning: skipped etc/fifo\\nSuccessfully copied 1GB: a FIFO is not created by an unprivileged copy\n');
  });
});
