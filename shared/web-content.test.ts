import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentTypeFor } from './web-content.js';

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([key, ...values]) => [key, values]));

describe('contentSecurityPolicy', () => {
  it('lets the page load and connect only to its own origin, and nothing inline', () => {
    const csp = directives(contentSecurityPolicy());
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe|\*/);
  });

  it("adds the shell's own extra connect sources (berth serve's WebSocket) and nothing else", () => {
    const plain = directives(contentSecurityPolicy());
    const web = directives(contentSecurityPolicy(['ws://127.0.0.1:8080']));
    expect(web.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:8080']);
    web.delete('connect-src');
    plain.delete('connect-src');
    expect(web).toEqual(plain);
  });
});

describe('contentTypeFor', () => {
  it('knows the renderer build’s file types, in any case, and falls back to octet-stream', () => {
    expect(contentTypeFor('.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('.woff2')).toBe('font/woff2');
    expect(contentTypeFor('')).toBe('application/octet-stream');
    expect(contentTypeFor('.constructor')).toBe('application/octet-stream');
  });
});
