// The checks the registry settings get wherever they are typed or read: the Settings page as you type, the core
// before it writes settings.json and whenever it reads it. They follow dockerd's daemon.json rules (moby
// registry.ValidateMirror and loadInsecureRegistries), so a value that works in one works in the other.
// Plain functions only: the renderer bundle imports this file.

/** Workers a pull may use at once, as the Settings page offers them. */
export const PARALLEL_DOWNLOADS = { min: 1, max: 16 } as const;

/** Why `value` is no registry mirror, or null when it is one (`https://host[:port][/path]`, or `http://` on purpose). */
export function mirrorProblem(value: string): string | null {
  const text = value.trim();
  // Without a scheme `host:port` would parse as scheme `host`: dockerd insists on one for the same reason.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return `"${text}" has no scheme: write https://${text || 'mirror.example.com'} (or http:// for a mirror without TLS)`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a valid URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${text}" uses ${url.protocol.slice(0, -1)}: a mirror is https:// or http://`;
  if (url.search !== '' || url.hash !== '') return `"${text}" has a query or fragment: a mirror is only scheme, host and path`;
  if (url.username !== '' || url.password !== '') return `"${text}" carries a user name or password: log in to the mirror instead`;
  if (url.hostname === '') return `"${text}" names no host`;
  return null;
}

/** The mirror as requests use it: no trailing slash (`https://m.example/prefix`). */
export function normalizeMirror(value: string): string {
  return value.trim().replace(/\/+$/, '');
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOST_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i;

function isPort(text: string): boolean {
  return /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535;
}

function isIPv6(text: string): boolean {
  try {
    return new URL(`http://[${text}]/`).hostname !== '';
  } catch {
    return false;
  }
}

/** A CIDR (`10.0.0.0/8`, `fd00::/8`) as dockerd takes it, or null. */
export function parseCidr(value: string): { address: string; bits: number; v6: boolean } | null {
  const slash = value.indexOf('/');
  if (slash < 0) return null;
  const address = value.slice(0, slash);
  const bitsText = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  if (IPV4.test(address) && bits <= 32) return { address, bits, v6: false };
  if (isIPv6(address) && bits <= 128) return { address, bits, v6: true };
  return null;
}

/** Why `value` is not an insecure-registry entry (`host[:port]`, `[v6]:port`, or a CIDR), or null when it is. */
export function insecureRegistryProblem(value: string): string | null {
  const text = value.trim();
  if (text === '') return 'an entry is empty';
  if (text.includes('://')) return `"${text}" should not contain a scheme: write it as host[:port]`;
  if (text.includes('/')) return parseCidr(text) ? null : `"${text}" is neither host[:port] nor a CIDR such as 10.0.0.0/8`;
  let host = text;
  let port: string | null = null;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    if (end < 0) return `"${text}" has an unclosed [`;
    host = text.slice(1, end);
    const rest = text.slice(end + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) return `"${text}" is not host[:port]`;
      port = rest.slice(1);
    }
    if (!isIPv6(host)) return `"${text}" is not a valid IPv6 address`;
  } else {
    const colon = text.lastIndexOf(':');
    if (colon >= 0) {
      host = text.slice(0, colon);
      port = text.slice(colon + 1);
    }
    if (!IPV4.test(host) && !host.split('.').every((label) => HOST_LABEL.test(label))) return `"${text}" is not a valid host name`;
  }
  if (port !== null && !isPort(port)) return `"${text}" has an invalid port (1 to 65535)`;
  return null;
}

/** Why `value` is no `os/arch[/variant]`, or null. Empty means the host's platform. The core also normalises it. */
export function platformProblem(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => /^[A-Za-z0-9_.-]+$/.test(p))) {
    return `"${text}" is not os/arch[/variant], e.g. linux/amd64 or linux/arm64/v8`;
  }
  return null;
}

/** Why `value` is no parallel download count, or null. */
export function parallelDownloadsProblem(value: unknown): string | null {
  const { min, max } = PARALLEL_DOWNLOADS;
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max ? null : `must be a whole number from ${min} to ${max}`;
}
