// Every method's parameters, checked at each boundary a call crosses (Electron IPC, the `berth serve` WebSocket).
// The table is keyed by BerthApi's methods and `satisfies` a Record over them, so a method added to the contract
// without a line here (or a line here for a method that does not exist) fails the typecheck, and BERTH_METHODS —
// which the preload, both renderer bridges and the rpc handler use — is derived from it, never kept by hand.
// Plain data and functions only: the browser bundle and the sandboxed preload import it.
import type { BerthMethod } from './api.js';
import { BerthError } from './errors.js';
import { isSortOrder, SORT_COLUMNS } from './image-order.js';

const MAX_STRING = 64 * 1024;
const MAX_ARRAY = 10_000;

export type Check = (value: unknown, where: string) => unknown;

/** A parameter: its check, whether it may be left out, and whether it names a file the shell must resolve. */
export interface Param {
  check: Check;
  optional?: boolean;
  /** A FileRef (read) or FileTargetRef (write): the shell that issued it turns it into a source or a target. */
  file?: 'read' | 'write';
}

function invalid(where: string, expected: string, value: unknown): never {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  throw new BerthError('INVALID_ARGUMENT', `${where} must be ${expected}, got ${got}`);
}

const string: Check = (value, where) => {
  if (typeof value !== 'string') invalid(where, 'a string', value);
  if (value.length > MAX_STRING) throw new BerthError('INVALID_ARGUMENT', `${where} is too long (${value.length} characters)`);
  return value;
};

const nonEmptyString: Check = (value, where) => {
  const text = string(value, where) as string;
  if (text === '') throw new BerthError('INVALID_ARGUMENT', `${where} is empty`);
  return text;
};

const boolean: Check = (value, where) => (typeof value === 'boolean' ? value : invalid(where, 'true or false', value));

const sizeOrNull: Check = (value, where) =>
  value === null || (Number.isSafeInteger(value) && (value as number) >= 0) ? value : invalid(where, 'a byte count or null', value);

const stringArray: Check = (value, where) => {
  if (!Array.isArray(value)) invalid(where, 'a list of strings', value);
  if (value.length > MAX_ARRAY) throw new BerthError('INVALID_ARGUMENT', `${where} has too many entries (${value.length})`);
  return value.map((item, i) => string(item, `${where}[${i}]`));
};

const rowCount: Check = (value, where) =>
  Number.isSafeInteger(value) && (value as number) > 0 ? value : invalid(where, 'a whole number of rows above 0', value);

/** Any whole number: the core says which range it accepts, in docker's words (`Limit 0 is outside the range…`). */
const wholeNumber: Check = (value, where) => (Number.isSafeInteger(value) ? value : invalid(where, 'a whole number', value));

const sortOrder: Check = (value, where) =>
  isSortOrder(value) ? { column: value.column, direction: value.direction } : invalid(where, `a sort order ({column: ${SORT_COLUMNS.join('|')}, direction: asc|desc})`, value);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
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

/** An object with exactly these keys, each required (null allowed only where the check allows it). */
function record(fields: Record<string, Check>, expected: string): Check {
  return (value, where) => {
    if (!isPlainObject(value)) invalid(where, expected, value);
    const keys = Object.keys(value);
    const extra = keys.filter((k) => !Object.hasOwn(fields, k));
    if (extra.length > 0) throw new BerthError('INVALID_ARGUMENT', `${where} must be ${expected}, got extra keys [${extra.join(', ')}]`);
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(fields)) {
      if (!Object.hasOwn(value, key)) throw new BerthError('INVALID_ARGUMENT', `${where}.${key} is missing`);
      out[key] = check(value[key], `${where}.${key}`);
    }
    return out;
  };
}

const required = (check: Check): Param => ({ check });
const optional = (check: Check): Param => ({ check, optional: true });
/** A file to read, as the shell handed it out; streams, paths and anything else cannot cross a boundary. */
const fileToRead: Param = { check: record({ fileId: nonEmptyString, name: string, size: sizeOrNull }, 'a file reference ({fileId, name, size})'), file: 'read' };
/** A place to write a file, as the shell handed it out (Save… dialog, download). */
export const fileToWrite: Param = { check: record({ targetId: nonEmptyString, name: string }, 'a file target ({targetId, name})'), file: 'write' };

/** `--add` entries: a host path and where it goes. */
function commitAdds(value: unknown, where: string): unknown {
  if (!Array.isArray(value)) invalid(where, 'a list of {path, dest?}', value);
  if (value.length > MAX_ARRAY) throw new BerthError('INVALID_ARGUMENT', `${where} has too many entries (${value.length})`);
  return value.map((item, i) => options({ path: nonEmptyString, dest: string })(item, `${where}[${i}]`));
}

const importOptions = options({ reference: string, changes: stringArray, message: string, platform: string });

export const SIGNATURES = {
  info: [],
  listImages: [optional(options({ all: boolean, filters: stringArray, reference: string, order: sortOrder, limit: rowCount }))],
  inspectImage: [required(string)],
  imageDetail: [required(string)],
  tag: [required(string), required(string)],
  remove: [required(stringArray), optional(options({ force: boolean }))],
  prune: [],
  diskUsage: [],
  fsck: [],
  importRootfs: [fileToRead, required(importOptions)],
  checkImportOptions: [required(importOptions)],
  pull: [required(nonEmptyString), optional(options({ platform: string }))],
  remoteTags: [required(nonEmptyString)],
  load: [fileToRead],
  save: [required(stringArray), fileToWrite, optional(options({ platform: string, keepCompressed: boolean }))],
  listTasks: [],
  waitTask: [required(nonEmptyString)],
  cancelTask: [required(nonEmptyString)],
  login: [required(string), required(string), required(string)],
  logout: [required(string)],
  listRegistries: [],
  testRegistry: [required(string)],
  getSettings: [],
  updateSettings: [required(settingsPatch)],
  checkUpdates: [optional(stringArray)],
  push: [required(nonEmptyString), optional(options({ allTags: boolean }))],
  searchHub: [required(string), optional(options({ limit: wholeNumber, filters: stringArray, page: wholeNumber }))],
  hubTags: [required(nonEmptyString), optional(options({ page: wholeNumber, pageSize: wholeNumber }))],
  commitImage: [required(options({ from: string, reference: string, changes: stringArray, message: string, author: string, adds: commitAdds })), { ...fileToRead, optional: true }],
  engineInfo: [],
  listEngineContainers: [],
  listEngineImages: [],
  commitContainer: [required(nonEmptyString), optional(options({ reference: string, changes: stringArray, message: string, author: string, pause: boolean }))],
  copyFromEngine: [required(nonEmptyString)],
  sendToEngine: [required(stringArray)],
  imageFiles: [required(nonEmptyString), optional(options({ path: string, layer: wholeNumber }))],
  searchImageFiles: [required(nonEmptyString), required(options({ pattern: string, layer: wholeNumber, limit: wholeNumber }))],
  previewImageFile: [required(nonEmptyString), required(string)],
  imagePackages: [required(nonEmptyString)],
  saveImageFiles: [required(nonEmptyString), required(string), fileToWrite],
  diffImages: [required(nonEmptyString), required(nonEmptyString)],
  imageWaste: [required(nonEmptyString)],
} as const satisfies Record<BerthMethod, readonly Param[]>;

/** A settings patch's shape; the core checks each value as a read of settings.json does, naming the key. */
function settingsPatch(value: unknown, where: string): unknown {
  if (!isPlainObject(value)) invalid(where, 'an object of settings', value);
  const known = ['registryMirrors', 'insecureRegistries', 'platform', 'parallelDownloads', 'hubUrl', 'indexUrl', 'maxLayerBytes'];
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new BerthError('INVALID_ARGUMENT', `${where} has an unknown setting "${key}"`);
  }
  return value;
}

export const BERTH_METHODS = Object.keys(SIGNATURES) as BerthMethod[];

export function isBerthMethod(value: unknown): value is BerthMethod {
  return typeof value === 'string' && Object.hasOwn(SIGNATURES, value);
}

/** Checks `args` against `method`'s parameters; returns them normalised, trailing absent optionals dropped. */
export function checkArguments(method: BerthMethod, args: unknown): unknown[] {
  if (!Array.isArray(args)) invalid(`${method}: args`, 'a list', args);
  const params: readonly Param[] = SIGNATURES[method];
  if (args.length > params.length) {
    throw new BerthError('INVALID_ARGUMENT', `${method} takes at most ${params.length} argument(s), got ${args.length}`);
  }
  const checked = params.map((param, i) => {
    const value: unknown = args[i];
    const where = `${method}: argument ${i + 1}`;
    if (value === undefined || value === null) {
      if (param.optional) return undefined;
      throw new BerthError('INVALID_ARGUMENT', `${where} is missing`);
    }
    return param.check(value, where);
  });
  // Drop trailing absent optionals so the service sees the arity a direct call would give it.
  while (checked.length > 0 && checked[checked.length - 1] === undefined) checked.pop();
  return checked;
}

/** Which arguments of `method` are files, and in which direction. */
export function fileParameters(method: BerthMethod): Array<{ index: number; direction: 'read' | 'write' }> {
  const params: readonly Param[] = SIGNATURES[method];
  return params.flatMap((param, index) => (param.file ? [{ index, direction: param.file }] : []));
}
