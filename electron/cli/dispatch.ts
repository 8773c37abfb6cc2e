// Which command an invocation names: a top-level one (`berth images`), or one under a management command
// (`berth image ls`), with docker 28's answers for a management command alone, its help, an unknown flag before
// the subcommand (exit 125) and an unknown subcommand (exit 1).
import { UsageError, parseArgs } from './args.js';
import { type Command, type CommandGroup, HELP_FLAG, PROGRAM } from './command.js';
import { findCommand, findGroup, findSubcommand } from './commands/index.js';
import { groupHelp } from './help.js';

export type Dispatch = { command: Command; args: string[] } | { status: number; stdout?: string; stderr?: string };

export function dispatch(name: string, args: readonly string[]): Dispatch {
  const command = findCommand(name);
  if (command) return { command, args: [...args] };
  const group = findGroup(name);
  if (group) return dispatchGroup(group, args);
  return { status: 1, stderr: `${PROGRAM}: '${name}' is not a ${PROGRAM} command.\nSee '${PROGRAM} --help'\n` };
}

function dispatchGroup(group: CommandGroup, args: readonly string[]): Dispatch {
  const path = `${PROGRAM} ${group.name}`;
  const usage = `\n\nUsage:  ${path}\n\nRun '${path} --help' for more information\n`;
  const [first, ...rest] = args;
  if (first === undefined) return { status: 0, stdout: groupHelp(group) };
  if (first.startsWith('-') && first !== '-') {
    try {
      parseArgs([first], [HELP_FLAG]);
    } catch (err) {
      if (err instanceof UsageError) return { status: 125, stderr: err.message + usage };
      throw err;
    }
    return { status: 0, stdout: groupHelp(group) };
  }
  const command = findSubcommand(group, first);
  if (command) return { command, args: rest };
  // cobra shows the group's help for an unknown subcommand asked for help (`docker image bogus --help`).
  if (rest.some((arg) => arg === '--help' || arg === '-h')) return { status: 0, stdout: groupHelp(group) };
  return { status: 1, stderr: `${PROGRAM}: unknown command: ${path} ${first}${usage}` };
}
