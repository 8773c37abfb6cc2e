// `berth --help` and `berth help [COMMAND]`.
import { type FlagSpec, formatFlagHelp } from './args.js';
import { PROGRAM } from './command.js';
import { COMMANDS } from './commands/index.js';

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'help', short: 'h', type: 'bool', help: 'Print usage', hidden: true },
  {
    name: 'store', type: 'string',
    help: 'Image store directory (default: $BERTH_STORE, else the\nper-user data folder)',
  },
  { name: 'version', short: 'v', type: 'bool', help: 'Print version information and quit' },
];

export function programHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 'help'.length) + 2;
  const list = [...COMMANDS.map((c) => [c.name, c.summary]), ['help', 'Show help for a command']]
    .map(([name, summary]) => `  ${name!.padEnd(width)}${summary}`)
    .join('\n');
  return (
    `Usage:  ${PROGRAM} [OPTIONS] COMMAND\n\n` +
    'Manage Docker/OCI images without a Docker daemon\n\n' +
    `Commands:\n${list}\n\n` +
    `Global Options:\n${formatFlagHelp(GLOBAL_FLAGS)}\n\n` +
    `Run '${PROGRAM} COMMAND --help' for more information on a command.\n`
  );
}
