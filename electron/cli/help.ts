// `berth --help`, `berth help [COMMAND]` and a management command's help (`berth image`), laid out as docker's
// (Management Commands before Commands; names padded to cobra's width: the longest, at least 11, plus 1).
import { type FlagSpec, formatFlagHelp } from './args.js';
import { type CommandGroup, PROGRAM } from './command.js';
import { COMMANDS, GROUPS } from './commands/index.js';

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'help', short: 'h', type: 'bool', help: 'Print usage', hidden: true },
  {
    name: 'store', type: 'string',
    help: 'Image store directory (default: $BERTH_STORE, else the\nper-user data folder)',
  },
  { name: 'version', short: 'v', type: 'bool', help: 'Print version information and quit' },
];

function commandList(rows: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(11, ...rows.map(([name]) => name.length)) + 1;
  return rows.map(([name, summary]) => `  ${name.padEnd(width)}${summary}`).join('\n');
}

export function programHelp(): string {
  const groups = commandList(GROUPS.map((g) => [g.name, g.summary]));
  const commands = commandList([...COMMANDS.map((c) => [c.name, c.summary] as const), ['help', 'Show help for a command']]);
  return (
    `Usage:  ${PROGRAM} [OPTIONS] COMMAND\n\n` +
    'Manage Docker/OCI images without a Docker daemon\n\n' +
    `Management Commands:\n${groups}\n\n` +
    `Commands:\n${commands}\n\n` +
    `Global Options:\n${formatFlagHelp(GLOBAL_FLAGS)}\n\n` +
    `Run '${PROGRAM} COMMAND --help' for more information on a command.\n`
  );
}

/** `docker image --help`'s layout. */
export function groupHelp(group: CommandGroup): string {
  const rows = group.entries.map((e) => [e.name, e.summary ?? e.command.summary] as const);
  return (
    `Usage:  ${PROGRAM} ${group.name} COMMAND\n\n${group.summary}\n\n` +
    `Commands:\n${commandList(rows)}\n\n` +
    `Run '${PROGRAM} ${group.name} COMMAND --help' for more information on a command.\n`
  );
}
