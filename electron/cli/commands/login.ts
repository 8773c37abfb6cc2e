// `berth login [OPTIONS] [SERVER]`, as docker/cli's cli/command/registry/login.go runs it: Docker Hub unless a
// server is named; `-p` warned about, `--password-stdin` read whole (one trailing newline dropped); missing
// answers asked for on a terminal (the password without echo) and refused elsewhere; a saved login that still
// works is reused without asking; the login checked by the registry before it is saved; `Login Succeeded`.
import { BerthError } from '../../../shared/errors.js';
import { parseServer } from '../../core/credentials/server-address.js';
import { flagBool, flagString } from '../args.js';
import type { Command } from '../command.js';
import { LineReader, prompt } from '../prompt.js';

const HUB_HINT =
  "Log in with your Docker ID or email address to push and pull images from Docker Hub. If you don't have a Docker ID, head over to https://hub.docker.com/ to create one.\n";

export const loginCommand: Command = {
  name: 'login',
  usage: '[OPTIONS] [SERVER]',
  summary: 'Authenticate to a registry',
  flags: [
    { name: 'password', short: 'p', type: 'string', help: 'Password or Personal Access Token (PAT)' },
    { name: 'password-stdin', type: 'bool', help: 'Take the Password or Personal Access Token (PAT) from stdin' },
    { name: 'username', short: 'u', type: 'string', help: 'Username' },
  ],
  args: { min: 0, max: 1 },
  async run(ctx, args) {
    const { io } = ctx;
    const server = args.positionals[0] ?? '';
    let username = flagString(args, 'username') ?? '';
    let password = flagString(args, 'password') ?? '';
    const fromStdin = flagBool(args, 'password-stdin');
    if (password !== '') {
      io.stderr.write('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
      if (fromStdin) throw new BerthError('INVALID_ARGUMENT', '--password and --password-stdin are mutually exclusive');
    }
    // stdin is opened only when read: `-u X -p Y` in a script never touches it.
    let reader: LineReader | null = null;
    const lines = () => (reader ??= new LineReader(io.stdin));
    try {
      if (fromStdin) {
        if (username === '') throw new BerthError('INVALID_ARGUMENT', 'Must provide --username with --password-stdin');
        password = (await lines().rest()).replace(/\n$/, '').replace(/\r$/, '');
      }
      const service = await ctx.service();
      // docker login without a user or password first tries what is saved: nothing is asked when it still works.
      // Nothing saved, nothing tried: the registry is not contacted before the questions.
      const registry = parseServer(server).registry;
      if (username === '' && password === '' && (await service.listRegistries().catch(() => [])).some((r) => r.registry === registry)) {
        const test = await service.testRegistry(server).catch(() => null);
        if (test?.credentials === 'accepted') {
          io.stdout.write(`Authenticating with existing credentials...${test.username ? ` [Username: ${test.username}]` : ''}\n`);
          io.stdout.write('Login Succeeded\n');
          return;
        }
      }
      if (username === '' || password === '') {
        if (!io.stdinIsTTY) throw new BerthError('INVALID_ARGUMENT', 'Cannot perform an interactive login from a non TTY device');
        if (server === '' && username === '') io.stdout.write(HUB_HINT);
      }
      if (username === '') username = (await prompt(io, lines(), 'Username: '))?.trim() ?? '';
      if (username === '') throw new BerthError('INVALID_ARGUMENT', 'Non-null Username Required');
      if (password === '') password = (await prompt(io, lines(), 'Password: ', true)) ?? '';
      if (password === '') throw new BerthError('INVALID_ARGUMENT', 'Non-null Password Required');
      const result = await service.login(server, username, password);
      io.stderr.write(`WARNING! Your password is stored unencrypted in ${result.location} (readable only by you).\n`);
      io.stdout.write('Login Succeeded\n');
    } finally {
      (reader as LineReader | null)?.close();
    }
  },
};
