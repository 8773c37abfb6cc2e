// Go text/template as docker's `--format` uses it. Pure TypeScript without Node imports, so the CLI and
// the renderer's live template box share it. values.ts explains how JS objects are told apart as
// structs or maps.
export {
  compileTemplate, formatTemplate, isTemplateError, type CompiledTemplate, type TemplateOptions,
} from './template.js';
export { isTableTemplate, tableHeader, templateBody } from './table.js';
export { DOCKER_MAP_FIELDS, dockerIsMap, type IsMap } from './values.js';
export type { TemplateFunction } from './functions.js';
