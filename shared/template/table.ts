// docker's `--format` conventions around the template itself (docker/cli formatter.Context.preFormat):
// a leading "table" asks for a header line and tab-aligned columns, and the two-character sequences
// `\t` and `\n` typed on a shell command line stand for a tab and a newline.
import { compileTemplate } from './template.js';

const TABLE_KEY = 'table';

/** True for `table …` formats (and for plain `table`, which means the command's default table). */
export function isTableTemplate(format: string): boolean {
  return format.startsWith(TABLE_KEY);
}

/** The template docker actually parses: without the `table` prefix, trimmed, with `\t` / `\n` unescaped. */
export function templateBody(format: string): string {
  const body = isTableTemplate(format) ? format.slice(TABLE_KEY.length) : format;
  return body.replace(/^ +| +$/g, '').replaceAll('\\t', '\t').replaceAll('\\n', '\n');
}

/**
 * The header line of a table format: the template run over the column titles, with docker's header
 * functions (json, join, upper, truncate … return their argument unchanged). `headers` maps field names
 * (`Repository` or `.Repository`) to titles; a field without an entry gets its name upper-cased.
 */
export function tableHeader(format: string, headers: Record<string, string>): string {
  const body = templateBody(format);
  const titles: Record<string, string> = {};
  for (const m of body.matchAll(/\.([\p{L}_][\p{L}\p{Nd}_]*)/gu)) titles[m[1]!] = m[1]!.toUpperCase();
  for (const [field, title] of Object.entries(headers)) titles[field.replace(/^\./, '')] = title;
  const template = compileTemplate(body, { isMap: () => true, headerFunctions: true });
  return template.execute(titles);
}

