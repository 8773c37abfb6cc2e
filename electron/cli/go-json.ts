// JSON as Go's encoding/json writes it where docker's output depends on it.

/**
 * `json.Marshal` of a map: keys sorted, and `<`, `>`, `&`, U+2028, U+2029 escaped (docker's `--format json`
 * for lists marshals through a map, so `"<none>"` comes out as `"\u003cnone\u003e"`).
 */
export function goMarshalSorted(value: Record<string, unknown>): string {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = value[key];
  return escapeHtml(JSON.stringify(sorted));
}

/** An encoder with SetEscapeHTML(false) (the daemon's API answers): only U+2028 and U+2029 are escaped. */
export function goIndent(value: unknown, indent = '    '): string {
  return escapeLineSeparators(JSON.stringify(value, null, indent));
}

export function goCompact(value: unknown): string {
  return escapeLineSeparators(JSON.stringify(value));
}

function escapeHtml(json: string): string {
  return escapeLineSeparators(json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));
}

function escapeLineSeparators(json: string): string {
  return json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
