// Every `berth` subcommand, in the order `berth --help` lists them, and the management commands that give them
// docker's other spellings (`berth image ls`, `berth system df`). A command's aliases (help's Aliases section) are
// derived here from both tables, in docker's order: the group's names first, then the top-level one.
import type { Command, CommandGroup } from '../command.js';
import { dfCommand } from './df.js';
import { diffCommand } from './diff.js';
import { fsckCommand } from './fsck.js';
import { historyCommand } from './history.js';
import { imageGroup } from './image.js';
import { imagesCommand } from './images.js';
import { importCommand } from './import.js';
import { commitCommand } from './commit.js';
import { inspectCommand } from './inspect.js';
import { loadCommand } from './load.js';
import { saveCommand } from './save.js';
import { loginCommand } from './login.js';
import { logoutCommand } from './logout.js';
import { pullCommand } from './pull.js';
import { pushCommand } from './push.js';
import { pruneCommand } from './prune.js';
import { rmiCommand } from './rmi.js';
import { searchCommand } from './search.js';
import { serveCommand } from './serve.js';
import { systemGroup } from './system.js';
import { tagCommand } from './tag.js';
import { tagsCommand } from './tags.js';
import { packagesCommand } from './packages.js';
import { lsCommand } from './ls.js';
import { cpCommand } from './cp.js';

export const COMMANDS: readonly Command[] = [
  imagesCommand,
  inspectCommand,
  historyCommand,
  pullCommand,
  pushCommand,
  tagsCommand,
  searchCommand,
  tagCommand,
  rmiCommand,
  importCommand,
  commitCommand,
  loadCommand,
  saveCommand,
  dfCommand,
  pruneCommand,
  fsckCommand,
  serveCommand,
  loginCommand,
  logoutCommand,
  packagesCommand,
  lsCommand,
  cpCommand,
  diffCommand,
];

export const GROUPS: readonly CommandGroup[] = [imageGroup, systemGroup];

/** Every name each command answers to (group names first, then the top-level one), when it has more than one. */
const ALIASES = new Map<Command, string[]>();
for (const group of GROUPS) {
  for (const entry of group.entries) {
    if (entry.separateFromTopLevel) continue;
    const names = ALIASES.get(entry.command) ?? [];
    names.push(...[entry.name, ...(entry.aliases ?? [])].map((name) => `${group.name} ${name}`));
    ALIASES.set(entry.command, names);
  }
}
for (const [command, names] of ALIASES) {
  if (COMMANDS.includes(command)) names.push(command.name);
  if (names.length < 2) ALIASES.delete(command);
}

function named(command: Command, name: string, summary: string | undefined, aliases: readonly string[] | undefined): Command {
  return { ...command, name, summary: summary ?? command.summary, ...(aliases ? { aliases } : {}) };
}

export function findCommand(name: string): Command | undefined {
  const command = COMMANDS.find((c) => c.name === name);
  return command && named(command, command.name, undefined, ALIASES.get(command));
}

export function findGroup(name: string): CommandGroup | undefined {
  return GROUPS.find((g) => g.name === name);
}

/** The command `group` calls `name` (or an alias of it), named as the group names it (`image ls`). */
export function findSubcommand(group: CommandGroup, name: string): Command | undefined {
  const entry = group.entries.find((e) => e.name === name || e.aliases?.includes(name));
  if (!entry) return undefined;
  const own = [entry.name, ...(entry.aliases ?? [])].map((alias) => `${group.name} ${alias}`);
  const aliases = entry.separateFromTopLevel ? (own.length > 1 ? own : undefined) : ALIASES.get(entry.command);
  return named(entry.command, `${group.name} ${entry.name}`, entry.summary, aliases);
}
