// Every `berth` subcommand, in the order `berth --help` lists them.
import type { Command } from '../command.js';
import { dfCommand } from './df.js';
import { fsckCommand } from './fsck.js';
import { imagesCommand } from './images.js';
import { importCommand } from './import.js';
import { inspectCommand } from './inspect.js';
import { pruneCommand } from './prune.js';
import { rmiCommand } from './rmi.js';
import { serveCommand } from './serve.js';
import { tagCommand } from './tag.js';

export const COMMANDS: readonly Command[] = [
  imagesCommand,
  inspectCommand,
  tagCommand,
  rmiCommand,
  importCommand,
  dfCommand,
  pruneCommand,
  fsckCommand,
  serveCommand,
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
