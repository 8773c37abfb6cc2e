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

/**
 * U+2028 and U+2029 as Go escapes them; DEL, C1 controls and bidi controls as \uXXXX too (Go writes them raw, but
 * raw they would reach the terminal; escaped the JSON still means the same).
 */
function escapeLineSeparators(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
