// Which scheme and TLS checks a registry host gets, and where docker.io really lives. Mirrors go-containerregistry's
// name.Registry.Scheme (loopback and insecure registries may speak plain http) and docker's IndexServer mapping
// (docker.io is served by registry-1.docker.io). Docker also treats 127.0.0.0/8 as insecure by default.
import { BlockList, isIP } from 'node:net';

/** The host Docker Hub's registry API answers on; `docker.io` in a reference means this. */
export const DOCKER_HUB_REGISTRY = 'registry-1.docker.io';

/** The host to talk to for a reference's domain (`docker.io` and `index.docker.io` → registry-1.docker.io). */
export function registryEndpoint(domain: string): string {
  return domain === 'docker.io' || domain === 'index.docker.io' ? DOCKER_HUB_REGISTRY : domain;
}

/** The host name without its port (`[::1]:5000` → `::1`, `127.0.0.1:5000` → `127.0.0.1`). */
export function hostName(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host : host.slice(1, end);
  }
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

/** localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine. */
export function isLoopbackHost(host: string): boolean {
  const name = hostName(host).toLowerCase();
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

/**
 * Loopback, private, link-local or unspecified IP literals, and the names `localhost` and `*.localhost` (which
 * resolve to loopback): where a hostile registry's Location or redirect could aim layer bytes at a service on the
 * user's machine or network. `hostname` as URL gives it (an IPv6 literal in brackets or not; IPv4-mapped IPv6
 * `::ffff:7f00:1` counts as the IPv4 address it maps).
 */
export function isInternalAddress(hostname: string): boolean {
  let host = hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const high = parseInt(mapped[1]!, 16);
    const low = parseInt(mapped[2]!, 16);
    host = [high >> 8, high & 255, low >> 8, low & 255].join('.');
  } else if (host.startsWith('::ffff:') && isIP(host.slice(7)) === 4) {
    host = host.slice(7);
  }
  if (isIP(host) === 4) {
    const [a, b] = host.split('.').map(Number) as [number, number];
    return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
      || (a === 100 && b >= 64 && b <= 127);
  }
  if (isIP(host) === 6) return host === '::1' || host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
  return false;
}

/**
 * Whether `host` (host[:port]) may use plain http and unverified TLS: loopback, or named in insecureRegistries
 * either with its port or by name alone (docker's daemon.json takes `host:port`; a bare name covers every port).
 */
export function isInsecureHost(host: string, insecureRegistries: readonly string[]): boolean {
  if (isLoopbackHost(host)) return true;
  const lower = host.toLowerCase();
  const name = hostName(lower);
  return insecureRegistries.some((entry) => {
    const e = entry.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
    return e === lower || e === name || inCidr(name, e);
  });
}

/**
 * Whether the IP literal `address` is inside `cidr` (`10.0.0.0/8`), as dockerd's insecure-registries CIDRs work.
 * Host names are not resolved to match one (dockerd does; a lookup per request is not worth it here).
 */
function inCidr(address: string, cidr: string): boolean {
  const slash = cidr.indexOf('/');
  const family = isIP(address);
  if (slash < 0 || family === 0) return false;
  const network = cidr.slice(0, slash);
  const bits = Number(cidr.slice(slash + 1));
  const type = family === 6 ? 'ipv6' : 'ipv4';
  if (isIP(network) !== family || !Number.isInteger(bits)) return false;
  try {
    const list = new BlockList();
    list.addSubnet(network, bits, type);
    return list.check(address, type);
  } catch {
    return false;
  }
}
