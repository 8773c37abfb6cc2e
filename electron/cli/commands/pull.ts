// `berth pull [OPTIONS] NAME[:TAG|@DIGEST]`: docker pull's output, line for line (see ../pull-output.ts), then
// the full reference; `-q` prints only that.
import { familiarString, parseReference } from '../../../shared/ref/reference.js';
import { taskResult } from '../../../shared/tasks.js';
import { flagBool, flagString } from '../args.js';
import type { Command } from '../command.js';
import { pullOutput } from '../pull-output.js';

export const pullCommand: Command = {
  name: 'pull',
  usage: '[OPTIONS] NAME[:TAG|@DIGEST]',
  summary: 'Download an image from a registry',
  flags: [
    { name: 'platform', type: 'string', help: 'Set platform if server is multi-platform capable' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Suppress verbose output' },
  ],
  args: { min: 1, max: 1 },
  async run(ctx, args) {
    const [input] = args.positionals as [string];
    const platform = flagString(args, 'platform');
    const quiet = flagBool(args, 'quiet');
    const ref = parseReference(input);
    const service = await ctx.service();
    if (!quiet && ref.tag === null && ref.digest === null) ctx.io.stdout.write('Using default tag: latest\n');
    const header = `${ref.digest ?? ref.tag ?? 'latest'}: Pulling from ${ref.path}`;
    const output = quiet ? null : pullOutput(service, ctx.io, header);
    try {
      const handle = await service.pull(input, platform ? { platform } : {});
      output?.follow(handle.taskId);
      const result = await taskResult(service, handle);
      output?.finish(true);
      if (!quiet) {
        const familiar = familiarOf(result.reference);
        ctx.io.stdout.write(`Digest: ${result.digest}\n`);
        ctx.io.stdout.write(result.status === 'up-to-date'
          ? `Status: Image is up to date for ${familiar}\n`
          : `Status: Downloaded newer image for ${familiar}\n`);
      }
      ctx.io.stdout.write(`${result.reference}\n`);
    } catch (err) {
      output?.finish(false);
      throw err;
    }
  },
};

function familiarOf(reference: string): string {
  return familiarString(parseReference(reference));
}
