// The one handler table every remote shell uses: Electron IPC and the `berth serve` WebSocket both pass each
// request through `createRpcHandler(service)`. It trusts nothing: the method must be one of BERTH_METHODS, every
// argument must have the declared shape, and whatever is thrown leaves as a plain {code, message}.
import { BERTH_METHODS } from '../../shared/api.js';
import type { BerthMethod, FileSource, RpcResponse } from '../../shared/api.js';
import { BerthError, toErrorPayload } from '../../shared/errors.js';
import type { BerthService, CoreFileSource } from './service-api.js';

/** A file the service may read, and what to do once the call that used it has finished. */
export interface ResolvedFile {
  source: CoreFileSource;
  release?(): void | Promise<void>;
}

/**
 * Turns a FileSource from a page into something the service reads. Each shell supplies its own: the web shell
 * knows only its uploads, Electron only the paths its own dialogs and drops granted. The default refuses all.
 */
export type FileResolver = (source: FileSource) => Promise<ResolvedFile>;

export interface RpcHandlerOptions {
  resolveFile?: FileResolver;
}

export type RpcHandler = (request: unknown) => Promise<RpcResponse>;

const MAX_STRING = 64 * 1024;
const MAX_ARRAY = 10_000;

type Check = (value: unknown, where: string) => unknown;

function invalid(where: string, expected: string, value: unknown): never {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  throw new BerthError('INVALID_ARGUMENT', `${where} must be ${expected}, got ${got}`);
}

const string: Check = (value, where) => {
  if (typeof value !== 'string') invalid(where, 'a string', value);
  if (value.length > MAX_STRING) throw new BerthError('INVALID_ARGUMENT', `${where} is too long (${value.length} characters)`);
  return value;
};

const boolean: Check = (value, where) => (typeof value === 'boolean' ? value : invalid(where, 'true or false', value));

const stringArray: Check = (value, where) => {
  if (!Array.isArray(value)) invalid(where, 'a list of strings', value);
  if (value.length > MAX_ARRAY) throw new BerthError('INVALID_ARGUMENT', `${where} has too many entries (${value.length})`);
  return value.map((item, i) => string(item, `${where}[${i}]`));
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** An options object: only the named keys, each optional; `undefined`/null values count as absent. */
function options(fields: Record<string, Check>): Check {
  return (value, where) => {
    if (!isPlainObject(value)) invalid(where, 'an options object', value);
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      const check = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (!check) throw new BerthError('INVALID_ARGUMENT', `${where} has an unknown option "${key}"`);
      if (field === undefined || field === null) continue;
      out[key] = check(field, `${where}.${key}`);
    }
    return out;
  };
}

/** Exactly `{path}` or `{uploadId}`, a non-empty string; streams and anything else cannot cross a boundary. */
const fileSource: Check = (value, where) => {
  if (!isPlainObject(value)) invalid(where, 'a file source ({path} or {uploadId})', value);
  const keys = Object.keys(value);
  const key = keys[0];
  if (keys.length !== 1 || (key !== 'path' && key !== 'uploadId')) {
    throw new BerthError('INVALID_ARGUMENT', `${where} must be {path} or {uploadId}, got keys [${keys.join(', ')}]`);
  }
  const text = string(value[key], `${where}.${key}`) as string;
  if (text === '') throw new BerthError('INVALID_ARGUMENT', `${where}.${key} is empty`);
  return key === 'path' ? { path: text } : { uploadId: text };
};

interface Param {
  check: Check;
  optional?: boolean;
}
const required = (check: Check): Param => ({ check });
const optional = (check: Check): Param => ({ check, optional: true });

/** Every method's parameters; a Record over BerthMethod so a new method without a signature fails the typecheck. */
const SIGNATURES: Record<BerthMethod, Param[]> = {
  info: [],
  listImages: [optional(options({ all: boolean, filters: stringArray, reference: string }))],
  inspectImage: [required(string)],
  imageDetail: [required(string)],
  tag: [required(string), required(string)],
  remove: [required(stringArray), optional(options({ force: boolean }))],
  prune: [],
  diskUsage: [],
  fsck: [],
  importRootfs: [required(fileSource), required(options({ reference: string, changes: stringArray, message: string, platform: string }))],
  listTasks: [],
  cancelTask: [required(string)],
};

function checkArguments(method: BerthMethod, args: unknown): unknown[] {
  if (!Array.isArray(args)) invalid(`${method}: args`, 'a list', args);
  const params = SIGNATURES[method];
  if (args.length > params.length) {
    throw new BerthError('INVALID_ARGUMENT', `${method} takes at most ${params.length} argument(s), got ${args.length}`);
  }
  return params.map((param, i) => {
    const value: unknown = args[i];
    const where = `${method}: argument ${i + 1}`;
    if (value === undefined || value === null) {
      if (param.optional) return undefined;
      throw new BerthError('INVALID_ARGUMENT', `${where} is missing`);
    }
    return param.check(value, where);
  });
}

const refuseFiles: FileResolver = async () => {
  throw new BerthError('INVALID_ARGUMENT', 'this shell cannot read files');
};

function isMethod(value: unknown): value is BerthMethod {
  return typeof value === 'string' && (BERTH_METHODS as readonly string[]).includes(value);
}

export function createRpcHandler(service: BerthService, handlerOptions: RpcHandlerOptions = {}): RpcHandler {
  const resolveFile = handlerOptions.resolveFile ?? refuseFiles;

  async function invoke(method: BerthMethod, args: unknown[]): Promise<unknown> {
    if (method === 'importRootfs') {
      const resolved = await resolveFile(args[0] as FileSource);
      try {
        return await service.importRootfs(resolved.source, args[1] as Parameters<BerthService['importRootfs']>[1]);
      } finally {
        await resolved.release?.();
      }
    }
    // The table above has checked every argument against this method's signature.
    const fn = service[method] as (...a: unknown[]) => Promise<unknown>;
    return fn.apply(service, args);
  }

  return async (request) => {
    const id = isPlainObject(request) && Number.isSafeInteger(request.id) ? (request.id as number) : 0;
    try {
      if (!isPlainObject(request)) invalid('request', 'an object {id, method, args}', request);
      if (!Number.isSafeInteger(request.id)) invalid('request.id', 'an integer', request.id);
      const method = request.method;
      if (!isMethod(method)) {
        throw new BerthError('INVALID_ARGUMENT', `unknown method ${JSON.stringify(String(method)).slice(0, 80)}`);
      }
      const args = checkArguments(method, request.args ?? []);
      // Drop trailing absent optionals so the service sees the arity a direct call would give it.
      while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
      const value = await invoke(method, args);
      return { id, ok: true, value: value ?? null };
    } catch (err) {
      return { id, ok: false, error: toErrorPayload(err) };
    }
  };
}
