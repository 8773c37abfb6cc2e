// The shape every `berth` subcommand has, and docker's help and argument-count messages for it.
import type { BerthService } from '../core/service-api.js';
import { type FlagSpec, type ParsedArgs, formatFlagHelp } from './args.js';
import { type CliIo, ExitError } from './output.js';

export const PROGRAM = 'berth';

export interface CommandContext {
  io: CliIo;
  /** Opens the store on first use; the runner closes it when the command ends. */
  service(): Promise<BerthService>;
  /** Options for creating the service (`serve` makes its own, watching the store). */
  storePath: string | undefined;
}

export interface Command {
  name: string;
  /** After the program and command name: `[OPTIONS] IMAGE [IMAGE...]`. */
  usage: string;
  summary: string;
  /**
   * Every name the command answers to, in docker's order (`image ls`, `image list`, `images`): help lists them
   * under Aliases. Set by the command table (commands/index.ts), not by the commands.
   */
  aliases?: readonly string[];
  flags: FlagSpec[];
  args: { min: number; max: number };
  /** Returns the exit status (0 when nothing is returned). */
  run(ctx: CommandContext, args: ParsedArgs): Promise<number | void>;
}

/** A management command (`berth image`, `berth system`): docker's spellings of commands Berth also has on their own. */
export interface CommandGroup {
  name: string;
  summary: string;
  /** In the order help lists them (docker's: alphabetical). */
  entries: readonly GroupEntry[];
}

export interface GroupEntry {
  name: string;
  aliases?: readonly string[];
  /** The group's wording where it differs from the command's own (`image inspect`). */
  summary?: string;
  /** docker's top-level command of this name is another command (`docker inspect` inspects any object): no alias. */
  separateFromTopLevel?: boolean;
  command: Command;
}

export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', type: 'bool', help: 'Print usage', hidden: true };
export const STORE_FLAG: FlagSpec = {
  name: 'store', type: 'string', help: 'Image store directory (overrides $BERTH_STORE)', hidden: true,
};

export function usageLine(command: Command): string {
  return `${PROGRAM} ${command.name} ${command.usage}`.trimEnd();
}

export function commandHelp(command: Command): string {
  let text = `Usage:  ${usageLine(command)}\n\n${command.summary}\n`;
  if (command.aliases?.length) text += `\nAliases:\n  ${command.aliases.map((name) => `${PROGRAM} ${name}`).join(', ')}\n`;
  const options = formatFlagHelp(command.flags);
  if (options) text += `\nOptions:\n${options}\n`;
  return text;
}

/** docker/cli's cli/required.go messages. */
export function checkArgCount(command: Command, positionals: string[]): void {
  const { min, max } = command.args;
  const count = positionals.length;
  if (count >= min && count <= max) return;
  const path = `${PROGRAM} ${command.name}`;
  const plural = (n: number): string => (n === 1 ? 'argument' : 'arguments');
  let what: string;
  let more = 'Run';
  if (min === max && min === 0) what = 'accepts no arguments';
  else if (min === max) what = `requires ${min} ${plural(min)}`;
  else if (max === Infinity) {
    what = `requires at least ${min} ${plural(min)}`;
    more = 'See';
  } else if (min === 0) what = `requires at most ${max} ${plural(max)}`;
  else what = `requires at least ${min} and at most ${max} ${plural(max)}`;
  throw new ExitError(1, `${PROGRAM}: '${path}' ${what}\n\nUsage:  ${usageLine(command)}\n\n${more} '${path} --help' for more information`);
}
