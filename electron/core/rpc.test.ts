import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { BerthError } from '../../shared/errors.js';
import type { ImportOptions } from '../../shared/api.js';
import { BERTH_METHODS } from '../../shared/rpc-signatures.js';
import { createRpcHandler, type FileResolver } from './rpc.js';
import type { BerthService, CoreFileSource } from './service-api.js';

/** Records what reached it, so a test can tell a refused call from one that got through. */
function recordingService(overrides: Partial<BerthService> = {}) {
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const record = (method: string, value: unknown = null) => async (...args: unknown[]) => {
    calls.push({ method, args });
    return value;
  };
  const service = {
    storePath: '/nowhere',
    info: record('info', { version: '0', storePath: '/nowhere', platform: 'linux' }),
    listImages: record('listImages', []),
    inspectImage: record('inspectImage', {}),
    imageDetail: record('imageDetail', {}),
    tag: record('tag', undefined),
    remove: record('remove', { items: [], errors: [] }),
    prune: record('prune'),
    diskUsage: record('diskUsage'),
    fsck: record('fsck'),
    importRootfs: record('importRootfs', { taskId: 't1', kind: 'import' }),
    listTasks: record('listTasks', []),
    waitTask: record('waitTask', null),
    cancelTask: record('cancelTask', undefined),
    onEvent: () => () => {},
    close: async () => {},
    ...overrides,
  } as unknown as BerthService;
  return { service, calls };
}

async function expectInvalid(request: unknown, pattern: RegExp, service = recordingService()) {
  const response = await createRpcHandler(service.service)(request);
  expect(response.ok).toBe(false);
  if (response.ok) return;
  expect(response.error.code).toBe('INVALID_ARGUMENT');
  expect(response.error.message).toMatch(pattern);
  expect(service.calls).toEqual([]);
}

describe('createRpcHandler: validation', () => {
  it('passes a well-formed call through with its arguments', async () => {
    const { service, calls } = recordingService();
    const handle = createRpcHandler(service);
    const response = await handle({ id: 7, method: 'listImages', args: [{ all: true, filters: ['dangling=true'] }] });
    expect(response).toEqual({ id: 7, ok: true, value: [] });
    expect(calls).toEqual([{ method: 'listImages', args: [{ all: true, filters: ['dangling=true'] }] }]);
  });

  it('treats null and missing optional arguments as absent', async () => {
    const { service, calls } = recordingService();
    const handle = createRpcHandler(service);
    expect((await handle({ id: 1, method: 'listImages', args: [null] })).ok).toBe(true);
    expect((await handle({ id: 2, method: 'remove', args: [['a'], null] })).ok).toBe(true);
    expect((await handle({ id: 3, method: 'info' })).ok).toBe(true);
    expect(calls.map((c) => c.args)).toEqual([[], [['a']], []]);
  });

  it('refuses methods outside BERTH_METHODS, including the service\'s own extras and prototype names', async () => {
    for (const method of ['onEvent', 'close', 'storePath', 'constructor', '__proto__', 'toString', 'deleteEverything', 42]) {
      await expectInvalid({ id: 1, method, args: [] }, /unknown method/);
    }
  });

  it('refuses requests that are not {id, method, args}', async () => {
    await expectInvalid(null, /request must be an object/);
    await expectInvalid('info', /request must be an object/);
    await expectInvalid({ id: 'x', method: 'info', args: [] }, /request.id must be an integer/);
    await expectInvalid({ id: 1, method: 'info', args: 'no' }, /args must be a list/);
  });

  it('checks arity', async () => {
    await expectInvalid({ id: 1, method: 'info', args: [1] }, /info takes at most 0 argument/);
    await expectInvalid({ id: 1, method: 'tag', args: ['a'] }, /tag: argument 2 is missing/);
    await expectInvalid({ id: 1, method: 'inspectImage', args: [] }, /argument 1 is missing/);
  });

  it('checks argument types', async () => {
    await expectInvalid({ id: 1, method: 'inspectImage', args: [42] }, /argument 1 must be a string, got number/);
    await expectInvalid({ id: 1, method: 'remove', args: ['ubuntu'] }, /must be a list of strings, got string/);
    await expectInvalid({ id: 1, method: 'remove', args: [['ok', 3]] }, /argument 1\[1\] must be a string/);
    await expectInvalid({ id: 1, method: 'remove', args: [['a'], { force: 'yes' }] }, /\.force must be true or false/);
    await expectInvalid({ id: 1, method: 'listImages', args: [['all']] }, /must be an options object, got an array/);
    await expectInvalid({ id: 1, method: 'listImages', args: [{ all: true, evil: 1 }] }, /unknown option "evil"/);
    await expectInvalid({ id: 1, method: 'listImages', args: [{ limit: 0 }] }, /\.limit must be a whole number of rows above 0/);
    await expectInvalid({ id: 1, method: 'listImages', args: [{ limit: 1.5 }] }, /\.limit must be a whole number/);
    await expectInvalid({ id: 1, method: 'listImages', args: [{ order: { column: 'labels', direction: 'asc' } }] }, /\.order must be a sort order/);
    await expectInvalid({ id: 1, method: 'cancelTask', args: ['x'.repeat(70_000)] }, /too long/);
    await expectInvalid({ id: 1, method: 'importRootfs', args: [{ fileId: 'u', name: 'u', size: null }] }, /argument 2 is missing/);
    await expectInvalid({ id: 1, method: 'importRootfs', args: [{ fileId: 'u', name: 'u', size: null }, { changes: 'CMD x' }] }, /changes must be a list/);
  });

  it('refuses an options object that is not plain', async () => {
    await expectInvalid({ id: 1, method: 'listImages', args: [new Map()] }, /options object/);
    await expectInvalid({ id: 1, method: 'listImages', args: [new Date()] }, /options object/);
  });
});

describe('createRpcHandler: file arguments', () => {
  const options: ImportOptions = { reference: 'x:1' };
  const ref = (fileId: string) => ({ fileId, name: `${fileId}.tar`, size: 3 });

  it('refuses every file when the shell gives no resolver', async () => {
    const { service, calls } = recordingService();
    const response = await createRpcHandler(service)({ id: 1, method: 'importRootfs', args: [ref('u1'), options] });
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'this shell cannot read files' } });
    expect(calls).toEqual([]);
  });

  it('refuses anything but exactly {fileId, name, size}: no paths, no streams, no extra keys', async () => {
    const handle = (file: unknown) => ({ id: 1, method: 'importRootfs', args: [file, options] });
    await expectInvalid(handle({ path: '/etc/passwd' }), /file reference \(\{fileId, name, size\}\), got extra keys \[path\]/);
    await expectInvalid(handle({ ...ref('a'), path: '/etc/passwd' }), /extra keys \[path\]/);
    await expectInvalid(handle({ fileId: '', name: 'x', size: 1 }), /fileId is empty/);
    await expectInvalid(handle({ fileId: 5, name: 'x', size: 1 }), /fileId must be a string/);
    await expectInvalid(handle({ fileId: 'a', name: 'x' }), /size is missing/);
    await expectInvalid(handle({ fileId: 'a', name: 'x', size: -1 }), /byte count or null/);
    await expectInvalid(handle('/etc/passwd'), /file reference/);
  });

  it('hands the service what the shell resolved, which then owns it; a refusal releases nothing it never had', async () => {
    const seen: CoreFileSource[] = [];
    const { service } = recordingService({
      importRootfs: async (source: CoreFileSource) => {
        seen.push(source);
        return { taskId: 't1', kind: 'import' as const };
      },
    });
    const files: FileResolver = {
      read: async (file) => {
        if (file.fileId !== 'u1') throw new BerthError('NOT_FOUND', `no upload ${file.fileId}`);
        return { stream: Readable.from(['tar']), size: 3 };
      },
      write: async () => {
        throw new BerthError('INVALID_ARGUMENT', 'no');
      },
    };
    const handle = createRpcHandler(service, { files });
    expect(await handle({ id: 1, method: 'importRootfs', args: [ref('u1'), options] })).toEqual({ id: 1, ok: true, value: { taskId: 't1', kind: 'import' } });
    expect(seen[0]).toHaveProperty('stream');
    expect(await handle({ id: 2, method: 'importRootfs', args: [ref('u2'), options] })).toEqual({ id: 2, ok: false, error: { code: 'NOT_FOUND', message: 'no upload u2' } });
    expect(seen).toHaveLength(1);
  });
});

describe('the contract', () => {
  it('derives its method list from the signature table, and the real service implements every method', async () => {
    const { createService } = await import('./service.js');
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(`${tmpdir()}/berth-contract-`);
    try {
      const real = await createService({ storePath: dir });
      for (const method of BERTH_METHODS) expect(typeof real[method], method).toBe('function');
      expect(new Set(BERTH_METHODS).size).toBe(BERTH_METHODS.length);
      await real.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('createRpcHandler: errors', () => {
  it('turns anything thrown into a plain {code, message}', async () => {
    const cause = new Error('disk on fire') as Error & { secret?: object };
    cause.secret = { token: 'x' };
    const thrown: unknown[] = [new BerthError('NOT_FOUND', 'No such image: nope'), cause, 'a string', { weird: true }];
    for (const error of thrown) {
      const { service } = recordingService({ inspectImage: async () => { throw error; } });
      const response = await createRpcHandler(service)({ id: 9, method: 'inspectImage', args: ['nope'] });
      expect(response.ok).toBe(false);
      if (response.ok) continue;
      expect(Object.keys(response.error).sort()).toEqual(['code', 'message']);
      expect(JSON.parse(JSON.stringify(response))).toEqual(response);
    }
    const { service } = recordingService({ inspectImage: async () => { throw new BerthError('NOT_FOUND', 'No such image: nope'); } });
    expect(await createRpcHandler(service)({ id: 9, method: 'inspectImage', args: ['nope'] }))
      .toEqual({ id: 9, ok: false, error: { code: 'NOT_FOUND', message: 'No such image: nope' } });
  });
});
