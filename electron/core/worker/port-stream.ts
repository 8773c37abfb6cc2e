// A write target that crosses into the service worker: the host keeps the real Writable (an HTTP download) and
// hands the worker a MessagePort; the worker writes into a Writable over that port. Each chunk waits for the
// host's ack, which comes once the real stream has taken it (after 'drain' when it pushes back), so a slow
// browser slows the save instead of filling memory. An early end on either side reaches the other as an error.
import { Writable } from 'node:stream';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { BerthError, fromErrorPayload, toErrorPayload, type ErrorPayload } from '../../../shared/errors.js';

type ToHost = { type: 'chunk'; chunk: Uint8Array } | { type: 'end' } | { type: 'abort'; error: ErrorPayload };
type ToWorker = { type: 'ack' } | { type: 'error'; error: ErrorPayload };

/** Host side: the port to transfer to the worker; chunks arriving on it go into `stream`. */
export function portForWritable(stream: Writable): MessagePort {
  const { port1, port2 } = new MessageChannel();
  let over = false;
  const fail = (err: unknown) => {
    if (over) return;
    over = true;
    port1.postMessage({ type: 'error', error: toErrorPayload(err) } satisfies ToWorker);
    port1.close();
  };
  stream.once('error', fail);
  stream.once('close', () => fail(new BerthError('CANCELLED', 'the receiving end closed before the file was complete')));
  port1.on('message', (message: ToHost) => {
    if (over) return;
    if (message.type === 'chunk') {
      const ack = () => port1.postMessage({ type: 'ack' } satisfies ToWorker);
      if (stream.write(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength))) ack();
      else stream.once('drain', ack);
    } else if (message.type === 'end') {
      over = true;
      // The end can still fail (a download nobody fetched, a browser that stopped at the last byte): say so, or the
      // worker would report a file written that never arrived.
      stream.end((err?: Error | null) => {
        port1.postMessage((err ? { type: 'error', error: toErrorPayload(err) } : { type: 'ack' }) satisfies ToWorker);
        port1.close();
      });
    } else {
      over = true;
      port1.close();
      stream.destroy(fromErrorPayload(message.error));
    }
  });
  return port2;
}

/** Worker side: a Writable whose bytes go to the host's stream; it finishes once the host's stream has. */
export function writableFromPort(port: MessagePort): Writable {
  let waiting: ((err?: Error | null) => void) | null = null;
  let failed: Error | null = null;
  port.on('message', (message: ToWorker) => {
    if (message.type === 'error') failed = fromErrorPayload(message.error);
    const callback = waiting;
    waiting = null;
    if (callback) callback(failed);
    else if (failed) writable.destroy(failed);
  });
  const send = (message: ToHost, callback: (err?: Error | null) => void, transfer: ArrayBuffer[] = []) => {
    if (failed) return callback(failed);
    waiting = callback;
    port.postMessage(message, transfer);
  };
  const writable = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      // A copy the port can transfer: the chunk may be a view into a pooled buffer that is not ours to give away.
      const copy = new Uint8Array(chunk);
      send({ type: 'chunk', chunk: copy }, callback, [copy.buffer as ArrayBuffer]);
    },
    final(callback) {
      send({ type: 'end' }, (err) => {
        port.close();
        callback(err);
      });
    },
    destroy(err, callback) {
      if (err && !failed) port.postMessage({ type: 'abort', error: toErrorPayload(err) } satisfies ToHost);
      port.close();
      callback(err);
    },
  });
  return writable;
}
