// The CLI in-process over a fixed set of images, so output can be compared byte for byte with docker's
// (times are fixed). The real store is exercised by cli.integration.test.ts.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ImageInspect, ImageSummary, RemoveReport } from '../../shared/api.js';
import { BerthError } from '../../shared/errors.js';
import type { BerthService } from '../core/service-api.js';
import { runCaptured } from './test-support/capture-io.js';
import { imageSummary } from '../../shared/test-support/image-summary.js';

const NOW = Date.parse('2024-06-15T12:00:00Z');
const BUSYBOX_ID = 'sha256:a416a98b71e224a31ee99cff8e16063554498227d2b696152a9c3e0aa65e5824';
const ALPINE_ID = 'sha256:05455a08881ea9cf0e752bc48e61bbd71a34c029bb13df01e40e3e70e0d007bd';
const DANGLING_ID = 'sha256:ffffffffffff0000000000000000000000000000000000000000000000000000';
const ALPINE_LAYER = 'sha256:94e814e2efa8845d95b2112d54497fbad173e45121ce9255b93401392f538499';

const IMAGES: ImageSummary[] = [
  imageSummary({ id: ALPINE_ID, repository: 'alpine', tag: '3.20', created: '2024-06-15T11:00:00Z', size: 7_797_760 }),
  imageSummary({ id: BUSYBOX_ID, repository: 'busybox', tag: 'latest', repoDigest: 'busybox@sha256:' + 'd'.repeat(64) }),
  imageSummary({ id: BUSYBOX_ID, repository: 'registry.example:5000/team/busybox', tag: 'v1' }),
  imageSummary({ id: DANGLING_ID, repository: '<none>', tag: '<none>', created: '2022-01-01T00:00:00Z', size: 999 }),
];

const INSPECT = { Id: BUSYBOX_ID, RepoTags: ['busybox:latest'], Architecture: 'amd64', Os: 'linux', Config: { Env: ['PATH=/bin'] } } as unknown as ImageInspect;

function fakeService(calls: string[] = []): BerthService {
  const unused = (): never => {
    throw new Error('not used by this test');
  };
  return {
    storePath: '/tmp/store',
    async listImages(options = {}) {
      calls.push(`listImages ${JSON.stringify(options)}`);
      const reference = options.reference;
      return IMAGES.filter((i) => (options.all || !i.dangling) && (!reference || i.repository.endsWith(reference)));
    },
    async inspectImage(reference) {
      if (reference === 'busybox' || reference === 'a416') return INSPECT;
      if (reference === 'ab') throw new BerthError('AMBIGUOUS', 'image ID prefix ab is ambiguous: it matches 2 images; type more of the ID');
      throw new BerthError('NOT_FOUND', `No such image: ${reference}`);
    },
    async tag(source, target) {
      calls.push(`tag ${source} ${target}`);
    },
    async remove(references, options = {}) {
      calls.push(`remove ${references.join(' ')} force=${options.force ?? false}`);
      const report: RemoveReport = { items: [], errors: [] };
      for (const ref of references) {
        if (ref === 'busybox') report.items.push({ untagged: 'busybox:latest' });
        else if (ref === 'alpine:3.20') report.items.push({ untagged: 'alpine:3.20' }, { deleted: ALPINE_ID }, { deletedLayer: ALPINE_LAYER });
        else if (ref === 'ab') report.errors.push({ image: ref, error: { code: 'AMBIGUOUS', message: 'image ID prefix ab is ambiguous' } });
        else report.errors.push({ image: ref, error: { code: 'NOT_FOUND', message: `No such image: ${ref}` } });
      }
      return report;
    },
    async prune() {
      return { deleted: [DANGLING_ID], untagged: [], spaceReclaimed: 1_234_567 };
    },
    async diskUsage() {
      return { images: 3, uniqueImages: 3, totalSize: 16_320_860, uniqueSize: 12_059_310, uniqueDiskSize: 12_000_000, reclaimable: 999, storeSize: 12_100_000 };
    },
    async fsck() {
      return { ok: false, checkedBlobs: 7, problems: [{ kind: 'missing', subject: 'sha256:' + 'e'.repeat(64), detail: 'layer of busybox:latest' }] };
    },
    async close() {},
    onEvent: () => () => undefined,
    info: unused,
    imageDetail: unused,
    importRootfs: unused,
    checkImportOptions: unused,
    listTasks: unused,
    waitTask: unused,
    pull: unused,
    remoteTags: unused,
    load: unused,
    save: unused,
    cancelTask: unused,
    login: unused,
    logout: unused,
    listRegistries: unused,
    testRegistry: unused,
    getSettings: unused,
    updateSettings: unused,
    checkUpdates: unused,
    push: unused,
    searchHub: unused,
    hubTags: unused,
    commitImage: unused,
    engineInfo: unused,
    listEngineContainers: unused,
    listEngineImages: unused,
    commitContainer: unused,
    copyFromEngine: unused,
    sendToEngine: unused,
    imageFiles: unused,
    searchImageFiles: unused,
    previewImageFile: unused,
    imagePackages: unused,
    saveImageFiles: unused,
    diffImages: unused,
    imageWaste: unused,
  } as BerthService;
}

async function run(argv: string[], options: { stdin?: string; tty?: boolean; calls?: string[] } = {}) {
  const stdin = new PassThrough();
  if (options.stdin !== undefined) stdin.end(options.stdin);
  return runCaptured(argv, { stdin, stdinIsTTY: options.tty ?? false, now: () => NOW, service: async () => fakeService(options.calls) });
}

describe('berth images', () => {
  it('prints docker\'s table: columns padded to the widest cell + 3, at least 10', async () => {
    const { code, stdout } = await run(['images']);
    expect(code).toBe(0);
    // Widths: the longest repository (34) + 3; TAG at the minimum 10; IMAGE ID 12 + 3; CREATED 17 + 3.
    const line = (repo: string, tag: string, id: string, created: string, size: string): string =>
      repo.padEnd(37) + tag.padEnd(10) + id.padEnd(15) + created.padEnd(20) + size;
    expect(stdout).toBe(
      [
        line('REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'),
        line('alpine', '3.20', '05455a08881e', 'About an hour ago', '7.8MB'),
        line('busybox', 'latest', 'a416a98b71e2', '2 weeks ago', '4.26MB'),
        line('registry.example:5000/team/busybox', 'v1', 'a416a98b71e2', '2 weeks ago', '4.26MB'),
        '',
      ].join('\n'),
    );
    expect((await run(['images', 'nothing-matches', '--filter', 'reference=zzz'])).stdout.split('\n')[0]).toBe(
      'REPOSITORY   TAG       IMAGE ID   CREATED   SIZE',
    );
  });

  it('adds the DIGEST column with --digests and shows full IDs with --no-trunc', async () => {
    const { stdout } = await run(['images', '--digests', '--no-trunc', 'busybox']);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^REPOSITORY +TAG +DIGEST +IMAGE ID +CREATED +SIZE$/);
    expect(lines[1]).toContain(`sha256:${'d'.repeat(64)}   ${BUSYBOX_ID}`);
    expect(lines[2]).toMatch(/v1 +<none> +sha256:a416/);
  });

  it('passes -a, --filter and the reference to the service', async () => {
    const calls: string[] = [];
    await run(['images', 'ubuntu', '-a', '--filter', 'dangling=true', '-f', 'label=x'], { calls });
    expect(calls).toEqual(['listImages {"all":true,"filters":["dangling=true","label=x"],"reference":"ubuntu"}']);
  });

  it('-q prints one ID per row, as docker does (no de-duplication)', async () => {
    // docker 20.10: an image with three tags prints its ID three times.
    expect((await run(['images', '-q'])).stdout).toBe('05455a08881e\na416a98b71e2\na416a98b71e2\n');
    expect((await run(['images', '-aq', '--no-trunc'])).stdout).toBe(`${ALPINE_ID}\n${BUSYBOX_ID}\n${BUSYBOX_ID}\n${DANGLING_ID}\n`);
  });

  it('--format json prints docker\'s JSON line per row', async () => {
    const { stdout } = await run(['images', '--format', 'json', 'busybox']);
    const first = stdout.split('\n')[0]!;
    expect(first).toBe(
      '{"Containers":"N/A","CreatedAt":"' + JSON.parse(first).CreatedAt + '","CreatedSince":"2 weeks ago",' +
        '"Digest":"\\u003cnone\\u003e","ID":"a416a98b71e2","Repository":"busybox","SharedSize":"0B","Size":"4.26MB",' +
        '"Tag":"latest","UniqueSize":"4.262MB","VirtualSize":"4.262MB"}',
    );
  });
});

describe('berth inspect', () => {
  it('prints a 4-space indented array', async () => {
    const { code, stdout } = await run(['inspect', 'busybox']);
    expect(code).toBe(0);
    expect(stdout).toBe(JSON.stringify([INSPECT], null, 4) + '\n');
    expect(stdout.startsWith('[\n    {\n        "Id": "sha256:a416')).toBe(true);
  });

  it('reports unknown images with docker inspect\'s wording, keeping the ones found', async () => {
    const { code, stdout, stderr } = await run(['inspect', '-f', '{{.Architecture}}', 'busybox', 'nosuch', 'ab']);
    expect(code).toBe(1);
    expect(stdout).toBe('amd64\n');
    expect(stderr).toBe('Error: No such object: nosuch\nError: image ID prefix ab is ambiguous: it matches 2 images; type more of the ID\n');
    expect(await run(['inspect', 'nosuch'])).toEqual({ code: 1, stdout: '[]\n', stderr: 'Error: No such object: nosuch\n' });
  });

  it('fails on a bad template before reading any image', async () => {
    const { code, stdout, stderr } = await run(['inspect', '-f', '{{.Architecture', 'busybox']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Error: template parsing error: /);
  });
});

describe('berth rmi, tag, prune, df, fsck', () => {
  it('prints Untagged/Deleted lines (image, then layers) and an error per failed image, exit 1', async () => {
    const calls: string[] = [];
    const { code, stdout, stderr } = await run(['rmi', 'busybox', 'nosuch', 'alpine:3.20'], { calls });
    expect(calls).toEqual(['remove busybox nosuch alpine:3.20 force=false']);
    expect(code).toBe(1);
    expect(stdout).toBe(`Untagged: busybox:latest\nUntagged: alpine:3.20\nDeleted: ${ALPINE_ID}\nDeleted: ${ALPINE_LAYER}\n`);
    expect(stderr).toBe('Error: No such image: nosuch\n');
  });

  it('with -f reports a missing image and exits 0, as docker does; any other failure still exits 1', async () => {
    const calls: string[] = [];
    const forced = await run(['rmi', '-f', 'busybox', 'nosuch', 'alpine:3.20', 'gone'], { calls });
    expect(calls).toEqual(['remove busybox nosuch alpine:3.20 gone force=true']);
    expect(forced).toEqual({
      code: 0,
      stdout: `Untagged: busybox:latest\nUntagged: alpine:3.20\nDeleted: ${ALPINE_ID}\nDeleted: ${ALPINE_LAYER}\n`,
      stderr: 'Error: No such image: nosuch\nError: No such image: gone\n',
    });
    expect(await run(['rmi', '-f', 'nosuch'])).toEqual({ code: 0, stdout: '', stderr: 'Error: No such image: nosuch\n' });
    const ambiguous = await run(['rmi', '-f', 'nosuch', 'ab']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toBe('Error: No such image: nosuch\nError: image ID prefix ab is ambiguous\n');
  });

  it('tag needs exactly two arguments, with docker\'s message', async () => {
    const calls: string[] = [];
    expect((await run(['tag', 'a', 'b'], { calls })).code).toBe(0);
    expect(calls).toEqual(['tag a b']);
    expect(await run(['tag', 'a'])).toEqual({
      code: 1,
      stdout: '',
      stderr: "berth: 'berth tag' requires 2 arguments\n\nUsage:  berth tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nRun 'berth tag --help' for more information\n",
    });
  });

  it('prune refuses to run unconfirmed without a terminal, asks on one', async () => {
    const refused = await run(['prune']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Error: prune needs confirmation .*use -f/);
    const declined = await run(['prune'], { tty: true, stdin: 'n\n' });
    expect(declined).toEqual({ code: 0, stdout: 'WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ', stderr: '' });
    const accepted = await run(['prune'], { tty: true, stdin: 'y\n' });
    expect(accepted.stdout).toContain(`[y/N] Deleted Images:\ndeleted: ${DANGLING_ID}\n\nTotal reclaimed space: 1.235MB\n`);
    expect((await run(['prune', '-f'])).stdout).toBe(`Deleted Images:\ndeleted: ${DANGLING_ID}\n\nTotal reclaimed space: 1.235MB\n`);
  });

  it('df prints the Images row like docker system df', async () => {
    const { stdout } = await run(['df']);
    expect(stdout.split('\n').slice(0, 2)).toEqual([
      'TYPE      TOTAL     ACTIVE    SIZE      RECLAIMABLE',
      'Images    3         2         12.06MB   999B (0%)',
    ]);
    expect(stdout).toContain('Unique size:');
  });

  it('fsck lists problems and exits 1', async () => {
    const { code, stdout, stderr } = await run(['fsck']);
    expect(code).toBe(1);
    expect(stdout).toContain(`missing   sha256:${'e'.repeat(64)}   layer of busybox:latest`);
    expect(stderr).toBe('Error: /tmp/store: 1 problem in 7 blobs checked\n');
  });
});

describe('program', () => {
  it('rejects unknown commands like docker', async () => {
    expect(await run(['foo'])).toEqual({ code: 1, stdout: '', stderr: "berth: 'foo' is not a berth command.\nSee 'berth --help'\n" });
  });

  it('reports unknown flags with the usage line, exit 125', async () => {
    expect(await run(['images', '--foo'])).toEqual({
      code: 125,
      stdout: '',
      stderr: "unknown flag: --foo\n\nUsage:  berth images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'berth images --help' for more information\n",
    });
  });

  it('prints help and the version without opening a store', async () => {
    const help = await run(['images', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: {2}berth images \[OPTIONS\] \[REPOSITORY\[:TAG\]\]\n\nList images\n\nAliases:\n.*\n\nOptions:\n {2}-a, --all /);
    expect((await run(['help', 'rmi'])).stdout).toContain('-f, --force   Force removal of the image');
    expect((await run(['--help'])).stdout).toContain('Commands:\n  images ');
    expect((await run([])).stdout).toContain('Usage:  berth [OPTIONS] COMMAND');
    expect((await run(['--version'])).stdout).toMatch(/^berth version \d+\.\d+\.\d+\n$/);
  });

  it('takes --store before or after the command', async () => {
    expect((await run(['--store', '/x', 'images', '-q'])).code).toBe(0);
    expect((await run(['images', '--store=/x', '-q'])).code).toBe(0);
  });
});
