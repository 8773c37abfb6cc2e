// A pull stopped short resumes from what ingest/partial/ holds: after a cancel (in process) and after a SIGKILL
// of `berth pull` (the real CLI), the next pull asks the registry only for the bytes it lacks — counted through
// the fault proxy — ends with the right image ID, a clean fsck and, after gc, nothing left in ingest/.
import type { PullResult } from '../../../shared/api.js';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { taskOutcome } from '../../../shared/tasks.js';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { CLI_PATH, ensureCliBuilt, runCli, runCliOk } from '../testing/cli.js';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.js';
import { startRegistry, type Registry } from '../testing/registry.js';
import { pushTestImage, type SeededImage } from '../testing/registry-seed.js';

const BIG = randomBytes(4 * 1024 * 1024);
const BIG_DIGEST = `sha256:${createHash('sha256').update(BIG).digest('hex')}`;
const KEPT = 1_500_000;

let registry: Registry;
let proxy: FaultProxy;
let image: SeededImage;
let dir: string;
let store: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  registry = await startRegistry();
  proxy = await startFaultProxy(registry.url);
  image = await pushTestImage(registry, 'test/resume', ['1'], [randomBytes(20_000), BIG]);
  await ensureCliBuilt();
}, 120_000);
afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = await mkdtemp(path.join(tmpdir(), 'berth-resume-'));
  store = path.join(dir, 'store');
  env = { BERTH_CONFIG: path.join(dir, 'settings.json') };
  proxy.plan = null;
  proxy.requests.length = 0;
});

const ref = () => `${proxy.host}/test/resume:1`;
const bigGets = () => proxy.requests.filter((r) => r.method === 'GET' && r.url.endsWith(BIG_DIGEST));
const partial = () => path.join(store, 'ingest', 'partial', BIG_DIGEST.slice(7));
/** The big layer's first KEPT bytes arrive, then the stream stalls (never ends, never breaks). */
const stallAfterKept = () => {
  proxy.plan = (req) => (req.url.endsWith(BIG_DIGEST) ? { kind: 'cut', afterBytes: KEPT, stall: true } : undefined);
};

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const partialSize = async () => (await stat(partial()).catch(() => null))?.size ?? 0;

/** Every file left under ingest/ but the listing cache (folders themselves are fine). */
async function ingestFiles(): Promise<string[]> {
  const entries = await readdir(path.join(store, 'ingest'), { withFileTypes: true, recursive: true });
  return entries.filter((e) => !e.isDirectory())
    .map((e) => path.relative(path.join(store, 'ingest'), path.join(e.parentPath, e.name)))
    .filter((name) => !name.startsWith(`cache${path.sep}`));
}

/** The resumed GET asked for the rest only (from `kept`), and only the rest came through the proxy. */
function expectOnlyTheRestFetched(kept: number): void {
  const gets = bigGets();
  expect(gets).toHaveLength(1);
  expect(gets[0]!.headers.range).toBe(`bytes=${kept}-`);
  expect(gets[0]!.bytes).toBe(BIG.length - kept);
}

describe('pull resumes', () => {
  it('after a cancel, in the same process: the second pull fetches only the bytes the first lacked', async () => {
    let service: BerthService = await createService({ storePath: store, settingsFile: env.BERTH_CONFIG! });
    try {
      stallAfterKept();
      const first = await service.pull(ref());
      const arrived = new Promise<void>((resolve) => {
        const stop = service.onEvent((e) => {
          if (e.type === 'task.update' && e.task.id === first.taskId && e.task.progress.current >= KEPT) {
            stop();
            resolve();
          }
        });
      });
      await arrived;
      await service.cancelTask(first.taskId);
      expect((await service.waitTask(first.taskId)).state).toBe('cancelled');
      expect(await service.listImages({ all: true })).toEqual([]);
      // What was hashed is written out on cancel; a gc between the two pulls keeps a fresh partial download.
      await service.prune();
      expect((await stat(partial())).size).toBe(KEPT);

      await service.close();
      service = await createService({ storePath: store, settingsFile: env.BERTH_CONFIG! });
      proxy.plan = null;
      proxy.requests.length = 0;
      const again = taskOutcome(await service.waitTask((await service.pull(ref())).taskId));
      expect(again).toMatchObject({ id: image.config.digest, status: 'downloaded' });
      expectOnlyTheRestFetched(KEPT);
      expect(await service.fsck()).toMatchObject({ ok: true, problems: [] });
      await service.prune();
      expect(await ingestFiles()).toEqual([]);
    } finally {
      await service.close();
    }
  });

  it('two pulls of one image at once: each layer is downloaded once', async () => {
    const service = await createService({ storePath: store, settingsFile: env.BERTH_CONFIG! });
    try {
      const [a, b] = await Promise.all([service.pull(ref()), service.pull(`${proxy.host}/test/resume@${image.manifestDigest}`)]);
      const outcomes = await Promise.all([a, b].map(async (h) => taskOutcome(await service.waitTask(h.taskId))));
      expect(outcomes.map((o) => (o as PullResult | null)?.id)).toEqual([image.config.digest, image.config.digest]);
      expect(bigGets()).toHaveLength(1);
      expect(await service.fsck()).toMatchObject({ ok: true, problems: [] });
    } finally {
      await service.close();
    }
  });

  it('after `berth pull` is killed with SIGKILL mid-layer: resumed by the next `berth pull`, fsck clean, nothing left after gc', async () => {
    stallAfterKept();
    const child = spawn(process.execPath, [CLI_PATH, '--store', store, 'pull', ref()], {
      stdio: 'ignore', env: { ...process.env, BERTH_STORE: '', ...env },
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Written a batch at a time: the last batch before the stall may still wait in memory when the kill comes.
    await waitUntil('the partial layer', async () => (await partialSize()) >= 1024 * 1024);
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await exited;
    const kept = await partialSize();
    expect(kept).toBeGreaterThanOrEqual(1024 * 1024);
    // The killed pull's lock is still there: the next pull sees its owner is dead and takes over.
    expect((await readdir(path.join(store, 'ingest', 'partial'))).sort()).toEqual([BIG_DIGEST.slice(7), `${BIG_DIGEST.slice(7)}.lock`]);

    proxy.plan = null;
    proxy.requests.length = 0;
    const out = await runCliOk(['pull', ref()], { store, env });
    expect(out).toContain(`Status: Downloaded newer image for ${ref()}`);
    expectOnlyTheRestFetched(kept);
    expect((await runCliOk(['inspect', '--format', '{{.Id}}', ref()], { store, env })).trim()).toBe(image.config.digest);
    const fsck = await runCli(['fsck'], { store, env });
    expect(fsck.code).toBe(0);
    expect(fsck.stdout).toMatch(/no problems\n$/);
    await runCliOk(['prune', '-f'], { store, env });
    expect(await ingestFiles()).toEqual([]);
  }, 60_000);
});
