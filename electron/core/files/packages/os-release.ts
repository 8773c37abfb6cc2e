// os-release(5): what OS an image says it is. The file is a list of shell-compatible KEY=VALUE assignments, read the
// way systemd's parse_env_file reads it: `#` comments and blank lines skipped, values unquoted, in "double quotes"
// (backslash escapes only \ " $ ` and a newline) or in 'single quotes' (nothing escaped), pieces concatenated as a
// shell would; unquoted text has its trailing whitespace cut and a backslash escaping the next character. Variable
// expansion is not done, as the manual page forbids it in the file.
import type { OsRelease } from '../../../../shared/api/packages.js';
import type { FileSource } from '../file-source.js';

/** Where the manual page says to look, in its order: /etc first, the vendor copy as the fallback. */
export const OS_RELEASE_PATHS = ['/etc/os-release', '/usr/lib/os-release'] as const;

const MAX_BYTES = 64 * 1024;
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The image's os-release, or null when it has neither file (scratch images, most distroless ones have it). */
export async function readOsRelease(source: FileSource): Promise<OsRelease | null> {
  for (const where of OS_RELEASE_PATHS) {
    const bytes = await source.readFile(where, MAX_BYTES).catch((err: unknown) => {
      if ((err as { code?: unknown }).code === 'TOO_LARGE') return null; // not an os-release: look at the next
      throw err;
    });
    if (bytes) return osRelease(parseEnvFile(bytes.toString('utf8')));
  }
  return null;
}

/** The fields Berth shows, with os-release(5)'s defaults for the ones a file leaves out. */
export function osRelease(fields: Map<string, string>): OsRelease {
  const name = nonEmpty(fields.get('NAME')) ?? 'Linux';
  const version = nonEmpty(fields.get('VERSION'));
  return {
    id: nonEmpty(fields.get('ID')) ?? 'linux',
    versionId: nonEmpty(fields.get('VERSION_ID')) ?? null,
    prettyName: nonEmpty(fields.get('PRETTY_NAME')) ?? (version ? `${name} ${version}` : name),
    name,
  };
}

/** KEY=VALUE assignments as systemd reads them; a later assignment wins, lines that are not assignments are skipped. */
export function parseEnvFile(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    // Leading whitespace, then a comment or blank line is skipped whole.
    while (i < text.length && isBlank(text[i]!)) i++;
    if (i >= text.length) break;
    if (text[i] === '\n' || text[i] === '#' || text[i] === ';') {
      i = lineEnd(text, i) + 1;
      continue;
    }
    const eq = text.indexOf('=', i);
    const end = lineEnd(text, i);
    if (eq < 0 || eq > end) {
      i = end + 1;
      continue;
    }
    const key = text.slice(i, eq).trimEnd();
    const [value, next] = readValue(text, eq + 1);
    if (KEY.test(key)) fields.set(key, value);
    i = next;
  }
  return fields;
}

/** One value from `start` to its (unquoted, unescaped) newline; answers the value and where the next line starts. */
function readValue(text: string, start: number): [string, number] {
  let i = start;
  while (i < text.length && isBlank(text[i]!)) i++;
  let value = '';
  let pendingBlank = ''; // unquoted whitespace: kept only when more value follows it
  while (i < text.length && text[i] !== '\n') {
    const c = text[i]!;
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const stop = close < 0 ? text.length : close;
      value += pendingBlank + text.slice(i + 1, stop);
      pendingBlank = '';
      i = stop + 1;
    } else if (c === '"') {
      value += pendingBlank;
      pendingBlank = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) {
          const next = text[i + 1]!;
          if (next === '\n') i += 2; // a continued line
          else if ('"\\`$'.includes(next)) {
            value += next;
            i += 2;
          } else {
            value += '\\';
            i++;
          }
        } else value += text[i++];
      }
      i++; // the closing quote
    } else if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined) i++;
      else if (next === '\n') i += 2;
      else {
        value += pendingBlank + next;
        pendingBlank = '';
        i += 2;
      }
    } else if (isBlank(c)) {
      pendingBlank += c;
      i++;
    } else {
      value += pendingBlank + c;
      pendingBlank = '';
      i++;
    }
  }
  return [value, i + 1];
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
