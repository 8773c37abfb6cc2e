// Go text/template as docker's `--format` uses it. Pure TypeScript without Node imports, so the CLI and
// the renderer's live template box share it. values.ts explains how JS objects are told apart as
// structs or maps.
export { compileTemplate, formatTemplate, type CompiledTemplate } from './template.js';
export { isTableTemplate, tableHeader, templateBody } from './table.js';
