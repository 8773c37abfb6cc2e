// Compiling and running a template: the function map docker offers, the parser, and the executor.
import { execute } from './exec.js';
import {
  DOCKER_FUNCTIONS, DOCKER_HEADER_FUNCTIONS, GO_BUILTINS, wrapFunction, type FunctionMap, type TemplateFunction,
} from './functions.js';
import type { ListNode } from './nodes.js';
import { parse } from './parser.js';
import { dockerIsMap, type IsMap } from './values.js';

export interface TemplateOptions {
  /** Name used in error messages; docker's is "" (`template: :1:2: …`). */
  name?: string;
  /** Decides whether a plain object reached at `path` is a Go map or a struct. Default: dockerIsMap. */
  isMap?: IsMap;
  /** Extra functions, callable by name; they override built-ins of the same name. */
  funcs?: Record<string, TemplateFunction>;
  /** Use docker's header functions, which print the column titles unchanged (see tableHeader). */
  headerFunctions?: boolean;
}

export interface ExecuteOptions {
  /** Go's Option("missingkey=error"): a field naming a missing map key fails instead of giving <no value>. */
  missingKey?: 'invalid' | 'error';
}

export interface CompiledTemplate {
  readonly source: string;
  /**
   * Runs the template over `data`: JSON-like values (structs and maps told apart by `isMap`), or a GoValue
   * (go-types.ts) evaluated as Go evaluates its type. Throws BerthError INVALID_TEMPLATE on an execution error.
   */
  execute(data: unknown, options?: ExecuteOptions): string;
}

/** Parses `source`; throws BerthError INVALID_TEMPLATE with Go's message on a syntax error. */
export function compileTemplate(source: string, options: TemplateOptions = {}): CompiledTemplate {
  const funcs: FunctionMap = { ...GO_BUILTINS, ...DOCKER_FUNCTIONS };
  if (options.headerFunctions) Object.assign(funcs, DOCKER_HEADER_FUNCTIONS);
  for (const [name, fn] of Object.entries(options.funcs ?? {})) funcs[name] = wrapFunction(fn);
  const name = options.name ?? '';
  const tree: ListNode = parse(source, { name, hasFunction: (fn) => Object.hasOwn(funcs, fn) });
  const env = { name, source, funcs, ctx: { isMap: options.isMap ?? dockerIsMap } };
  return {
    source,
    execute: (data, run = {}) => execute(tree, data, run.missingKey ? { ...env, missingKey: run.missingKey } : env),
  };
}

/** compileTemplate(source, options).execute(data). */
export function formatTemplate(source: string, data: unknown, options?: TemplateOptions): string {
  return compileTemplate(source, options).execute(data);
}
