// Redirects that resend a body (307/308 on a layer's PUT or PATCH): a hostile registry may not bounce the bytes to
// a service on the user's machine under another name — the guard an upload's Location already has.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { caught } from './test-support/collect.js';
import { Transport } from './transport.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(handler: (req: IncomingMessage, body: string) => { status: number; location?: string }): Promise<number> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += String(chunk)));
    req.on('end', () => {
      const { status, location } = handler(req, body);
      res.writeHead(status, location ? { location } : {}).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('redirects of a request with a body', () => {
  it('are refused toward an internal address under another name, and the body is not sent there', async () => {
    const received: string[] = [];
    const victim = await serve((_req, body) => (received.push(body), { status: 201 }));
    const registry = await serve(() => ({ status: 307, location: `http://localhost:${victim}/internal` }));
    const transport = new Transport({ retry: { attempts: 1 } });
    try {
      const error = await caught(transport.send({ method: 'PUT', url: `http://127.0.0.1:${registry}/v2/a/blobs/uploads/u`, body: { open: () => Buffer.from('LAYER BYTES'), length: 11 } }));
      expect(error.code).toBe('NETWORK');
      expect(error.message).toMatch(/private address on another host/);
      expect(received).toEqual([]);
      // The same redirect on the same host name stays allowed (a registry moving an upload between its own ports).
      const same = await serve(() => ({ status: 307, location: `http://127.0.0.1:${victim}/upload` }));
      const answer = await transport.send({ method: 'PUT', url: `http://127.0.0.1:${same}/v2/a/blobs/uploads/u`, body: { open: () => Buffer.from('LAYER BYTES'), length: 11 } });
      expect(answer.status).toBe(201);
      expect(received).toEqual(['LAYER BYTES']);
    } finally {
      await transport.close();
    }
  });
});
