// Go text/template as docker's `--format` uses it. Pure TypeScript without Node imports, so the CLI and
// the renderer's live template box share it. values.ts explains how JS objects are told apart as
// structs or maps; go-types.ts how a value paired with its Go type is evaluated as Go evaluates it.
export { compileTemplate, formatTemplate, type CompiledTemplate } from './template.js';
export {
  BOOL, EMPTY_STRUCT, field, goValue, INT, INT64, jsonValue, mapOf, pointerTo, sliceOf, STRING, struct, type GoType,
} from './go-types.js';
export { DURATION, TIME } from './go-time.js';
export { isTableTemplate, tableHeader, templateBody } from './table.js';
