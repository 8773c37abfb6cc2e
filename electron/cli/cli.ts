// The `berth` program: global options, dispatch to a subcommand, docker's messages for mistakes, exit status.
import pkg from '../../package.json' with { type: 'json' };
import { createService } from '../core/service.js';
import type { BerthService } from '../core/service-api.js';
import { type FlagSpec, flagBool, flagString, parseArgs } from './args.js';
import { type Command, type CommandContext, HELP_FLAG, PROGRAM, STORE_FLAG, checkArgCount, commandHelp, usageLine } from './command.js';
import { dispatch } from './dispatch.js';
import { GLOBAL_FLAGS, programHelp } from './help.js';
import { type CliIo, describeFailure } from './output.js';
import { terminalSafeIo } from './terminal-safe.js';

export type ServiceFactory = (options: { storePath: string | undefined; env: NodeJS.ProcessEnv }) => Promise<BerthService>;

const defaultFactory: ServiceFactory = ({ storePath, env }) => createService({ ...(storePath ? { storePath } : {}), env });

/** Runs one `berth` invocation and returns its exit status. Never throws. */
export async function runCli(argv: readonly string[], rawIo: CliIo, openService: ServiceFactory = defaultFactory): Promise<number> {
  const io = terminalSafeIo(rawIo);
  const { globals, rest } = splitGlobals(argv);
  let command: Command | undefined;
  let service: BerthService | null = null;
  try {
    const global = parseArgs(globals, GLOBAL_FLAGS);
    if (flagBool(global, 'version')) {
      io.stdout.write(`${PROGRAM} version ${pkg.version}\n`);
      return 0;
    }
    // `berth help image ls` is `berth image ls --help`.
    const [name, ...commandArgs] = rest[0] === 'help' && rest.length > 1 ? [...rest.slice(1), '--help'] : rest;
    if (name === undefined || flagBool(global, 'help') || name === 'help') {
      io.stdout.write(programHelp());
      return 0;
    }
    const found = dispatch(name, commandArgs);
    if (!('command' in found)) {
      if (found.stdout) io.stdout.write(found.stdout);
      if (found.stderr) io.stderr.write(found.stderr);
      return found.status;
    }
    command = found.command;
    const flags: FlagSpec[] = [...command.flags, HELP_FLAG, STORE_FLAG];
    const parsed = parseArgs(found.args, flags);
    if (flagBool(parsed, 'help')) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    checkArgCount(command, parsed.positionals);
    const storePath = flagString(parsed, 'store') ?? flagString(global, 'store');
    const ctx: CommandContext = {
      io,
      storePath,
      service: async () => (service ??= await openService({ storePath, env: io.env })),
    };
    return (await command.run(ctx, parsed)) ?? 0;
  } catch (err) {
    const usage = command ? { line: usageLine(command), path: `${PROGRAM} ${command.name}` } : { line: `${PROGRAM} [OPTIONS] COMMAND`, path: PROGRAM };
    const { text, exitCode } = describeFailure(err, usage);
    io.stderr.write(text);
    return exitCode;
  } finally {
    if (service) await (service as BerthService).close().catch(() => undefined);
  }
}

/** Global options come before the command name, as in docker. */
function splitGlobals(argv: readonly string[]): { globals: string[]; rest: string[] } {
  const globals: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') || arg === '-') break;
    if (arg === '--') {
      i++;
      break;
    }
    globals.push(arg);
    if (arg === '--store') globals.push(argv[++i] ?? '');
  }
  return { globals, rest: argv.slice(i) };
}
