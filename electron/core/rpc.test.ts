import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { BerthError } from '../../shared/errors.js';
import type { ImportOptions } from '../../shared/api.js';
import { createRpcHandler } from './rpc.js';
import type { ResolvedFile } from './rpc.js';
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
    importRootfs: record('importRootfs', { id: 'sha256:1', reference: null, manifestDigest: 'sha256:2' }),
    listTasks: record('listTasks', []),
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
    await expectInvalid({ id: 1, method: 'cancelTask', args: ['x'.repeat(70_000)] }, /too long/);
    await expectInvalid({ id: 1, method: 'importRootfs', args: [{ uploadId: 'u' }] }, /argument 2 is missing/);
    await expectInvalid({ id: 1, method: 'importRootfs', args: [{ uploadId: 'u' }, { changes: 'CMD x' }] }, /changes must be a list/);
  });

  it('refuses an options object that is not plain', async () => {
    await expectInvalid({ id: 1, method: 'listImages', args: [new Map()] }, /options object/);
    await expectInvalid({ id: 1, method: 'listImages', args: [new Date()] }, /options object/);
  });
});

describe('createRpcHandler: file sources', () => {
  const options: ImportOptions = { reference: 'x:1' };

  it('refuses every file source when the shell gives no resolver', async () => {
    const { service, calls } = recordingService();
    const response = await createRpcHandler(service)({ id: 1, method: 'importRootfs', args: [{ path: '/etc/passwd' }, options] });
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(calls).toEqual([]);
  });

  it('refuses shapes other than exactly {path} or {uploadId}', async () => {
    const handle = (source: unknown) => ({ id: 1, method: 'importRootfs', args: [source, options] });
    await expectInvalid(handle({ stream: 'x' }), /must be \{path\} or \{uploadId\}/);
    await expectInvalid(handle({ path: '/a', uploadId: 'b' }), /must be \{path\} or \{uploadId\}/);
    await expectInvalid(handle({ uploadId: '' }), /uploadId is empty/);
    await expectInvalid(handle({ uploadId: 5 }), /uploadId must be a string/);
    await expectInvalid(handle('/etc/passwd'), /file source/);
  });

  it('maps a source through the resolver and releases it after success and after failure', async () => {
    const seen: CoreFileSource[] = [];
    const released: string[] = [];
    let fail = false;
    const { service } = recordingService({
      importRootfs: async (source: CoreFileSource) => {
        seen.push(source);
        if (fail) throw new BerthError('INVALID_ARCHIVE', 'not a tar file');
        return { id: 'sha256:1', reference: 'docker.io/library/x:1', manifestDigest: 'sha256:2' };
      },
    });
    const resolveFile = async (source: { uploadId?: string; path?: string }): Promise<ResolvedFile> => {
      if (!source.uploadId) throw new BerthError('INVALID_ARGUMENT', 'paths are not accepted here');
      return { source: { stream: Readable.from(['tar']), size: 3 }, release: () => void released.push(source.uploadId!) };
    };
    const handle = createRpcHandler(service, { resolveFile });

    const ok = await handle({ id: 1, method: 'importRootfs', args: [{ uploadId: 'u1' }, options] });
    expect(ok).toMatchObject({ ok: true, value: { id: 'sha256:1' } });
    expect(seen[0]).toHaveProperty('stream');
    fail = true;
    const bad = await handle({ id: 2, method: 'importRootfs', args: [{ uploadId: 'u2' }, options] });
    expect(bad).toEqual({ id: 2, ok: false, error: { code: 'INVALID_ARCHIVE', message: 'not a tar file' } });
    expect(released).toEqual(['u1', 'u2']);

    const path = await handle({ id: 3, method: 'importRootfs', args: [{ path: '/etc/passwd' }, options] });
    expect(path).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'paths are not accepted here' } });
    expect(seen).toHaveLength(2);
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
