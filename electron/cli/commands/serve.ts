// `berth serve`: the desktop UI in a browser, over the same service; runs until SIGINT or SIGTERM.
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { flagBool, flagString } from '../args.js';
import type { Command } from '../command.js';

export const serveCommand: Command = {
  name: 'serve',
  usage: '[OPTIONS]',
  summary: 'Serve the Berth UI to a browser on this machine',
  flags: [
    { name: 'host', type: 'string', help: 'Address to listen on (default 127.0.0.1)' },
    { name: 'port', type: 'string', valueName: 'int', help: 'Port to listen on (default: any free port)' },
    { name: 'new-token', type: 'bool', help: 'Replace the saved token for this store (open pages must use the new URL)' },
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
    const { loadServeToken } = await import('../../web/serve-token.js');
    const { defaultStorePath } = await import('../../core/store/paths.js');
    const { settingsPath } = await import('../../core/settings/settings.js');
    // The same token for the same store and user, so a restarted server lets an open tab (or a reload) back in.
    const token = await loadServeToken({
      storePath: ctx.storePath ?? defaultStorePath(ctx.io.env),
      configDir: path.dirname(settingsPath(ctx.io.env)),
      rotate: flagBool(args, 'new-token'),
    });
    // The service runs in a worker thread: a long request (a huge listing, fsck) never stalls this HTTP loop.
    const service = await startWorkerService({ storePath: ctx.storePath, watch: true, indexInBackground: true, env: { ...ctx.io.env } });
    try {
      const server = await startWebServer({
        service,
        invoke: (method, methodArgs) => service.callJson(method, methodArgs),
        token,
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
