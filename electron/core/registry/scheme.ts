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
