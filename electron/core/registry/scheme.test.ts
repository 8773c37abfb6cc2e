import { describe, expect, it } from 'vitest';
import { hostName, isInsecureHost, isLoopbackHost, registryEndpoint } from './scheme.js';

describe('registry scheme policy', () => {
  it('sends docker.io to registry-1.docker.io and leaves other hosts alone', () => {
    expect(registryEndpoint('docker.io')).toBe('registry-1.docker.io');
    expect(registryEndpoint('index.docker.io')).toBe('registry-1.docker.io');
    expect(registryEndpoint('quay.io')).toBe('quay.io');
    expect(registryEndpoint('127.0.0.1:5000')).toBe('127.0.0.1:5000');
  });

  it('splits off ports, IPv6 brackets included', () => {
    expect(hostName('127.0.0.1:5000')).toBe('127.0.0.1');
    expect(hostName('[::1]:5000')).toBe('::1');
    expect(hostName('quay.io')).toBe('quay.io');
  });

  it('counts localhost, 127.0.0.0/8 and ::1 as loopback, and nothing else', () => {
    for (const host of ['localhost', 'LOCALHOST:5000', '127.0.0.1', '127.3.4.5:80', '[::1]:5000']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['128.0.0.1', '127.0.0.1.example.com', 'localhost.example.com', '10.0.0.1:5000', '[::2]']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('allows insecure access to loopback and to listed hosts, by host:port or by name', () => {
    expect(isInsecureHost('127.0.0.1:5000', [])).toBe(true);
    expect(isInsecureHost('registry.lan:5000', [])).toBe(false);
    expect(isInsecureHost('registry.lan:5000', ['registry.lan:5000'])).toBe(true);
    expect(isInsecureHost('registry.lan:5001', ['registry.lan:5000'])).toBe(false);
    expect(isInsecureHost('registry.lan:5001', ['Registry.LAN'])).toBe(true);
    expect(isInsecureHost('registry.lan', ['http://registry.lan/'])).toBe(true);
    expect(isInsecureHost('other.lan', ['registry.lan'])).toBe(false);
  });

  it('allows insecure access to IP hosts inside a listed CIDR, as dockerd does (names are not resolved)', () => {
    expect(isInsecureHost('10.1.2.3:5000', ['10.0.0.0/8'])).toBe(true);
    expect(isInsecureHost('11.1.2.3:5000', ['10.0.0.0/8'])).toBe(false);
    expect(isInsecureHost('[fd00::5]:5000', ['fd00::/8'])).toBe(true);
    expect(isInsecureHost('[fe80::5]:5000', ['fd00::/8'])).toBe(false);
    expect(isInsecureHost('registry.lan:5000', ['10.0.0.0/8'])).toBe(false);
  });
});
