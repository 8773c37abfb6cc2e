// The service in a worker thread, as `berth serve` runs it: the built dist/cli/service-worker.js (built first when
// missing or stale), every method forwarded, events back, file arguments released, and a busy worker never
// holding up the thread that hosts it.
import { mkdtemp, rm, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthEvent } from '../../../shared/api.js';
import { BERTH_METHODS } from '../../../shared/rpc-signatures.js';
import { taskResult } from '../../../shared/tasks.js';
import { JsonText } from '../rpc.js';
import { ensureCliBuilt, REPO_ROOT } from '../testing/cli.js';
import { makeRootfsTar } from '../testing/tarball.mjs';
import { startWorkerService, type WorkerService } from './worker-host.js';

const WORKER = path.join(REPO_ROOT, 'dist', 'cli', 'service-worker.js');
let dir: string;
let service: WorkerService;

beforeAll(async () => {
  await ensureCliBuilt();
  await access(WORKER);
  dir = await mkdtemp(path.join(tmpdir(), 'berth-worker-'));
  service = await startWorkerService({ storePath: path.join(dir, 'store'), settingsFile: path.join(dir, 'settings.json') }, WORKER);
}, 180_000);
afterAll(async () => {
  await service?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the service in a worker thread', () => {
  it('offers every contract method and answers from the worker', async () => {
    for (const method of BERTH_METHODS) expect(typeof service[method], method).toBe('function');
    expect(service.storePath).toBe(path.join(dir, 'store'));
    expect(await service.listImages()).toEqual([]);
    const info = await service.callJson('info', []);
    expect(info).toBeInstanceOf(JsonText);
    expect(JSON.parse(info.text)).toMatchObject({ storePath: path.join(dir, 'store') });
  });

  it('imports a file by path, forwards its task events, and releases the file once when done', async () => {
    const file = path.join(dir, 'rootfs.tar');
    await writeFile(file, await makeRootfsTar({ 'etc/hello': 'hi\n' }));
    const events: BerthEvent[] = [];
    const stop = service.onEvent((event) => events.push(event));
    let released = 0;
    const handle = await service.importRootfs({ path: file, name: 'upload.tar', release: () => void released++ }, { reference: 'worker:1' });
    const result = await taskResult(service, handle);
    expect(result.reference).toBe('docker.io/library/worker:1');
    await expect.poll(() => released).toBe(1);
    expect(events.some((e) => e.type === 'task.update' && e.task.id === handle.taskId && e.task.title === 'Import upload.tar as docker.io/library/worker:1')).toBe(true);
    stop();
    expect((await service.listImages()).map((i) => `${i.repository}:${i.tag}`)).toEqual(['worker:1']);
  });

  it('saves into a stream of this thread (a download) through a port, at the pace the stream takes it', async () => {
    const { Writable } = await import('node:stream');
    const chunks: Buffer[] = [];
    let released = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        setTimeout(done, 1);
      },
    });
    const handle = await service.save(['worker:1'], { stream: slow, release: () => void released++ });
    const result = await taskResult(service, handle);
    const archive = Buffer.concat(chunks);
    expect(archive.includes(Buffer.from('manifest.json'))).toBe(true);
    expect(archive.length).toBe(result.size); // the whole archive: headers, padding and end marker counted
    expect(slow.writableFinished).toBe(true);
    await expect.poll(() => released).toBe(1);

    // The receiving end going away mid-way fails the save in the worker.
    const failing = new Writable({
      write(_chunk, _encoding, done) {
        done(new Error('the browser went away'));
      },
    });
    const broken = await service.save(['worker:1'], { stream: failing });
    const ended = await service.waitTask(broken.taskId);
    expect(ended.state).toBe('failed');
    expect(ended.error?.message).toMatch(/the browser went away/);
  });

  it('keeps errors typed and refuses streams, which cannot cross threads', async () => {
    await expect(service.inspectImage('nope')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such image: nope' });
    const { Readable } = await import('node:stream');
    await expect(service.importRootfs({ stream: Readable.from(['x']) }, {})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('a worker that dies', () => {
  it('fails the calls in flight and later ones, releases their files, and says it stopped', async () => {
    const file = path.join(dir, 'dying-worker.mjs');
    await writeFile(file, [
      "import { parentPort } from 'node:worker_threads';",
      "parentPort.postMessage({ type: 'ready', storePath: '/dying' });",
      "parentPort.on('message', (m) => { if (m.type === 'call') process.exit(7); });",
    ].join('\n'));
    const dying = await startWorkerService({}, file);
    await expect(dying.listImages()).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/stopped \(exit status 7/) });
    await expect(dying.stopped).resolves.toMatchObject({ code: 'INTERNAL' });
    let released = 0;
    await expect(dying.importRootfs({ path: '/x', release: () => void released++ }, {})).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(released).toBe(1);
    await dying.close();
  });
});
