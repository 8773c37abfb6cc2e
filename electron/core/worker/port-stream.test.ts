// The write target that crosses into the service worker (port-stream.ts): the worker's side finishes only when the
// host's stream did, and a host stream that fails at its very end fails the worker's write too.
import { finished } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { portForWritable, writableFromPort } from './port-stream.js';

function hostStream(finalError: Error | null) {
  const got: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      got.push(Buffer.from(chunk));
      callback();
    },
    final(callback) {
      // A download's sink ends only once the browser has every byte: here it never came.
      setTimeout(() => callback(finalError), 10);
    },
  });
  stream.on('error', () => undefined);
  return { stream, got };
}

describe('port streams', () => {
  it('carries the bytes and finishes when the host stream finishes', async () => {
    const host = hostStream(null);
    const writable = writableFromPort(portForWritable(host.stream));
    writable.write(Buffer.from('hello '));
    writable.end(Buffer.from('world'));
    await finished(writable);
    expect(Buffer.concat(host.got).toString()).toBe('hello world');
  });

  it('a host stream that fails while ending fails the worker side (not reported as written)', async () => {
    const host = hostStream(new Error('nobody fetched the download in time'));
    const writable = writableFromPort(portForWritable(host.stream));
    writable.on('error', () => undefined);
    writable.end(Buffer.from('bytes'));
    await expect(finished(writable)).rejects.toThrow('nobody fetched the download in time');
  });
});
