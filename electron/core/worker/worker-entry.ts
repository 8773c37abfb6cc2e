// The service in a worker thread: `berth serve` keeps its HTTP and WebSocket loop here-free, so a request that
// takes long (a 50,000-tag listing, a big commit, fsck) never stalls the server, other tabs or the static files.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../../../shared/errors.js';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { RELEASE_TOKEN, STREAM_PORT, type FromWorker, type ToWorker, type WorkerServiceOptions } from './protocol.js';
import { writableFromPort } from './port-stream.js';
import type { MessagePort } from 'node:worker_threads';

const port = parentPort;
if (!port) throw new Error('worker-entry.ts runs only as a worker thread');
const post = (message: FromWorker) => port.postMessage(message);

/** A write target's port becomes the stream the service writes (into the host's download). */
function withStreams(args: unknown[]): unknown[] {
  return args.map((arg) => {
    if (!arg || typeof arg !== 'object' || !(STREAM_PORT in arg)) return arg;
    const { [STREAM_PORT]: streamPort, ...rest } = arg as Record<string, unknown>;
    return { ...rest, stream: writableFromPort(streamPort as MessagePort) };
  });
}

/** Gives file arguments back their release callback, which tells the host thread to let go of the file. */
function withReleases(args: unknown[]): unknown[] {
  return args.map((arg) => {
    if (!arg || typeof arg !== 'object' || !(RELEASE_TOKEN in arg)) return arg;
    const { [RELEASE_TOKEN]: token, ...rest } = arg as Record<string, unknown>;
    let released = false;
    return {
      ...rest,
      release: () => {
        if (released) return;
        released = true;
        post({ type: 'release', token: token as number });
      },
    };
  });
}

let service: BerthService;
try {
  service = await createService(workerData as WorkerServiceOptions);
} catch (err) {
  post({ type: 'failed', error: toErrorPayload(err) });
  process.exit(1);
}
service.onEvent((event) => post({ type: 'event', event }));
port.on('message', (message: ToWorker) => {
  if (message.type === 'close') {
    void service.close().finally(() => port.close());
    return;
  }
  const fn = service[message.method] as (...args: unknown[]) => Promise<unknown>;
  Promise.resolve()
    .then(() => fn.apply(service, withReleases(withStreams(message.args))))
    .then(
      (value) => post({ type: 'reply', id: message.id, ok: true, json: JSON.stringify(value ?? null) }),
      (err: unknown) => post({ type: 'reply', id: message.id, ok: false, error: toErrorPayload(err) }),
    );
});
post({ type: 'ready', storePath: service.storePath });
