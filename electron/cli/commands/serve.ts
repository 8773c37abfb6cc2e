// `berth serve`: the desktop UI in a browser, over the same service; runs until SIGINT or SIGTERM.
import { BerthError } from '../../../shared/errors.js';
import { flagString } from '../args.js';
import type { Command } from '../command.js';

export const serveCommand: Command = {
  name: 'serve',
  usage: '[OPTIONS]',
  summary: 'Serve the Berth UI to a browser on this machine',
  flags: [
    { name: 'host', type: 'string', help: 'Address to listen on (default 127.0.0.1)' },
    { name: 'port', type: 'string', valueName: 'int', help: 'Port to listen on (default: any free port)' },
  ],
  args: { min: 0, max: 0 },
  async run(ctx, args) {
    const portText = flagString(args, 'port');
    const port = portText === undefined ? undefined : Number(portText);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
      throw new BerthError('INVALID_ARGUMENT', `invalid port "${portText}": use a number from 0 to 65535`);
    }
    const host = flagString(args, 'host');
    // Loaded here so other commands do not pay for the HTTP and WebSocket stack at startup.
    const { startWebServer } = await import('../../web/server.js');
    const { startWorkerService } = await import('../../core/worker/worker-host.js');
    // The service runs in a worker thread: a long request (a huge listing, fsck) never stalls this HTTP loop.
    const service = await startWorkerService({ storePath: ctx.storePath, watch: true, env: { ...ctx.io.env } });
    try {
      const server = await startWebServer({
        service,
        invoke: (method, methodArgs) => service.callJson(method, methodArgs),
        ...(host ? { host } : {}),
        ...(port !== undefined ? { port } : {}),
        warn: (message) => ctx.io.stderr.write(`${message}\n`),
      });
      ctx.io.stdout.write(`${server.url}\n`);
      // Until Ctrl-C, or until the service worker dies: then the page cannot work, so say why and stop.
      const ended = await Promise.race([ctx.io.untilSignal().then(() => null), service.stopped]);
      await server.close();
      if (ended) throw ended;
    } finally {
      await service.close();
    }
  },
};
