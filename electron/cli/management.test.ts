// docker's management-command spellings (`berth image ls`, `image rm`, `system df`, …), their help and their
// mistakes, as the docker 28 CLI prints them (`docker image`, `docker image bogus`, `docker image --bogus`,
// `docker image list --help`), with Berth's names.
import { describe, expect, it } from 'vitest';
import type { BerthService } from '../core/service-api.js';
import { runCaptured } from './test-support/capture-io.js';

async function run(argv: string[], calls: string[] = []) {
  const service = {
    storePath: '/tmp/store',
    async listImages(options: unknown) {
      calls.push(`listImages ${JSON.stringify(options)}`);
      return [];
    },
    async remove(references: string[], options: { force?: boolean }) {
      calls.push(`remove ${references.join(' ')} force=${options.force ?? false}`);
      return { items: references.map((untagged) => ({ untagged })), errors: [] };
    },
    async tag(source: string, target: string) {
      calls.push(`tag ${source} ${target}`);
    },
    async diskUsage() {
      calls.push('diskUsage');
      return { images: 0, uniqueImages: 0, totalSize: 0, uniqueSize: 0, reclaimable: 0, storeSize: 0 };
    },
    async close() {},
  } as unknown as BerthService;
  return runCaptured(argv, { now: () => 0, service: async () => service });
}

const IMAGE_HELP =
  'Usage:  berth image COMMAND\n\nManage images\n\nCommands:\n' +
  '  history     Show the history of an image\n' +
  '  import      Import the contents from a tarball to create a filesystem image\n' +
  '  inspect     Display detailed information on one or more images\n' +
  '  load        Load an image from a tar archive or STDIN\n' +
  '  ls          List images\n' +
  '  prune       Remove dangling images and the blobs nothing uses\n' +
  '  pull        Download an image from a registry\n' +
  '  push        Upload an image to a registry\n' +
  '  rm          Remove one or more images\n' +
  '  save        Save one or more images to a tar archive (streamed to STDOUT by default)\n' +
  '  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n\n' +
  "Run 'berth image COMMAND --help' for more information on a command.\n";

describe('management commands', () => {
  it('runs the same commands under docker\'s names and aliases', async () => {
    const calls: string[] = [];
    for (const argv of [['image', 'ls', '-q'], ['image', 'list', 'x'], ['images']]) expect((await run(argv, calls)).code).toBe(0);
    expect(await run(['image', 'rm', '-f', 'a'], calls)).toEqual({ code: 0, stdout: 'Untagged: a\n', stderr: '' });
    expect((await run(['image', 'remove', 'b'], calls)).stdout).toBe('Untagged: b\n');
    expect((await run(['image', 'tag', 'a', 'b'], calls)).code).toBe(0);
    expect((await run(['system', 'df'], calls)).stdout).toMatch(/^TYPE {6}TOTAL/);
    expect(calls).toEqual([
      'listImages {"all":false,"filters":[]}',
      'listImages {"all":false,"filters":[],"reference":"x"}',
      'listImages {"all":false,"filters":[]}',
      'remove a force=true',
      'remove b force=false',
      'tag a b',
      'diskUsage',
      'listImages {"all":true}',
    ]);
  });

  it('prints the group\'s help as docker image --help does: alone, with --help and through help', async () => {
    for (const argv of [['image'], ['image', '--help'], ['image', '-h'], ['help', 'image'], ['image', 'bogus', '--help']]) {
      expect([argv, await run(argv)]).toEqual([argv, { code: 0, stdout: IMAGE_HELP, stderr: '' }]);
    }
    expect((await run(['system'])).stdout).toBe(
      'Usage:  berth system COMMAND\n\nManage the image store\n\nCommands:\n  df          Show disk usage of the image store\n\n' +
        "Run 'berth system COMMAND --help' for more information on a command.\n",
    );
  });

  it('answers docker\'s commands Berth lacks, unknown subcommands and flags as docker does', async () => {
    for (const sub of ['build', 'bogus']) {
      expect(await run(['image', sub, 'x'])).toEqual({
        code: 1,
        stdout: '',
        stderr: `berth: unknown command: berth image ${sub}\n\nUsage:  berth image\n\nRun 'berth image --help' for more information\n`,
      });
    }
    expect((await run(['system', 'prune'])).stderr).toMatch(/^berth: unknown command: berth system prune\n/);
    expect(await run(['image', '--bogus'])).toEqual({
      code: 125,
      stdout: '',
      stderr: "unknown flag: --bogus\n\nUsage:  berth image\n\nRun 'berth image --help' for more information\n",
    });
    expect((await run(['image', '-x'])).stderr).toMatch(/^unknown shorthand flag: 'x' in -x\n\nUsage: {2}berth image\n/);
    expect(await run(['build', 'x'])).toEqual({ code: 1, stdout: '', stderr: "berth: 'build' is not a berth command.\nSee 'berth --help'\n" });
  });

  it('names a subcommand by its group path in usage, errors and help, with docker\'s Aliases line', async () => {
    expect(await run(['image', 'remove'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "berth: 'berth image rm' requires at least 1 argument\n\nUsage:  berth image rm [OPTIONS] IMAGE [IMAGE...]\n\nSee 'berth image rm --help' for more information\n",
    });
    expect((await run(['image', 'list', 'a', 'b'])).stderr).toMatch(/^berth: 'berth image ls' requires at most 1 argument\n/);
    const ls = (await run(['image', 'list', '--help'])).stdout;
    expect(ls).toMatch(/^Usage: {2}berth image ls \[OPTIONS\] \[REPOSITORY\[:TAG\]\]\n\nList images\n\nAliases:\n {2}berth image ls, berth image list, berth images\n\nOptions:\n/);
    expect((await run(['images', '--help'])).stdout).toBe(ls.replace('berth image ls [OPTIONS]', 'berth images [OPTIONS]'));
    expect((await run(['rmi', '--help'])).stdout).toContain('Aliases:\n  berth image rm, berth image remove, berth rmi\n');
    expect((await run(['help', 'image', 'history'])).stdout).toMatch(/^Usage: {2}berth image history \[OPTIONS\] IMAGE\n\nShow the history of an image\n\nAliases:\n {2}berth image history, berth history\n/);
    expect((await run(['image', 'inspect', '--help'])).stdout).toMatch(/^Usage: {2}berth image inspect \[OPTIONS\] NAME\|ID \[NAME\|ID\.\.\.\]\n\nDisplay detailed information on one or more images\n\nOptions:/);
    expect((await run(['inspect', '--help'])).stdout).not.toContain('Aliases:');
    expect((await run(['system', 'df', '--help'])).stdout).toContain('Aliases:\n  berth system df, berth df\n');
    expect((await run(['fsck', '--help'])).stdout).not.toContain('Aliases:');
  });

  it('lists Management Commands before Commands in berth --help, names padded as docker pads them', async () => {
    const { stdout } = await run(['--help']);
    expect(stdout).toContain('\n\nManagement Commands:\n  image       Manage images\n  system      Manage the image store\n\nCommands:\n  images      List images\n');
    expect(stdout).toContain('\n  history     Show the history of an image\n');
    expect(stdout).toContain('\n  help        Show help for a command\n\nGlobal Options:\n');
  });
});
