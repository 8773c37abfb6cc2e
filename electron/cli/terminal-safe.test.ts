// What a hostile store, tarball or name puts in front of the user's terminal: never a raw control sequence.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRootfsTar } from '../core/testing/tarball.mjs';
import { runCaptured } from './test-support/capture-io.js';
import { terminalSafe } from './terminal-safe.js';

const ESC = '\x1b';
/** Anything a terminal would act on: C0 but tab and newline, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('terminalSafe', () => {
  it("writes controls as Go's %q escapes them and leaves ordinary text, tabs and newlines alone", () => {
    expect(terminalSafe(`a${ESC}[2Jb\r\x07\x7f\u009b\u202egood\tx\n`)).toBe('a\\x1b[2Jb\\r\\a\\x7f\\u009b\\u202egood\tx\n');
    expect(terminalSafe('ubuntu:14.04 — ünïcode ☺\n')).toBe('ubuntu:14.04 — ünïcode ☺\n');
  });
});

describe('the CLI never prints a raw control sequence', () => {
  let dir: string;
  let store: string;

  const berth = (argv: string[]) => runCaptured(['--store', store, ...argv]);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'berth-safe-'));
    store = path.join(dir, 'store');
    const tar = path.join(dir, 'rootfs.tar');
    await writeFile(tar, await makeRootfsTar({ 'etc/x': 'y' }));
    const imported = await berth(['import', '-c', `LABEL evil="${ESC}]0;pwned\x07${ESC}[2J\u202emoc.live"`, '-m', `msg${ESC}[31mred`, tar, 'safe:1']);
    expect(imported.code).toBe(0);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    [['inspect', 'safe:1']],
    [['inspect', '-f', '{{.Config.Labels}} {{.Comment}}', 'safe:1']],
    [['inspect', '-f', '{{json .Config.Labels}}', 'safe:1']],
    [['images', '--format', '{{.Repository}} {{.Tag}} {{.ID}}']],
    [['images', '--format', 'json']],
    [['inspect', `nope${ESC}[2J${ESC}]0;x\x07`]],
    [['rmi', `nope${ESC}[2J`]],
    [['tag', 'safe:1', `x${ESC}[2J`]],
  ])('berth %j', async (argv) => {
    const { stdout, stderr } = await berth(argv);
    expect(stdout + stderr).not.toMatch(RAW_CONTROL);
  });

  it('still shows what the label holds, escaped', async () => {
    const { stdout } = await berth(['inspect', '-f', '{{index .Config.Labels "evil"}}|{{.Comment}}', 'safe:1']);
    expect(stdout).toBe('\\x1b]0;pwned\\a\\x1b[2J\\u202emoc.live|msg\\x1b[31mred\n');
    const json = await berth(['inspect', '-f', '{{json .Config.Labels}}', 'safe:1']);
    // Inside JSON the escapes stay valid JSON, meaning the same string.
    expect(JSON.parse(json.stdout.replace(/\\x1b/g, '\\u001b').replace(/\\a/g, '\\u0007'))).toEqual({ evil: `${ESC}]0;pwned\x07${ESC}[2J\u202emoc.live` });
  });

  it.runIf(process.platform === 'linux')('fsck reports a FIFO at index.json as a problem instead of hanging or stopping', async () => {
    const previous = store;
    store = path.join(dir, 'broken');
    try {
      expect((await berth(['images'])).code).toBe(0);
      await rm(path.join(store, 'index.json'));
      const made = spawnSync('mkfifo', [path.join(store, 'index.json')]);
      expect(made.status).toBe(0);
      const fsck = await berth(['fsck']);
      expect(fsck.code).toBe(1);
      expect(fsck.stdout).toMatch(/invalid\s+index\.json\s+.*named pipe/);
    } finally {
      store = previous;
    }
  });
});
