// `berth rmi`: docker's `Untagged:`/`Deleted:` lines; each image that could not be removed is reported and
// makes the exit status 1, the others are still removed.
import { flagBool } from '../args.js';
import type { Command } from '../command.js';

export const rmiCommand: Command = {
  name: 'rmi',
  usage: '[OPTIONS] IMAGE [IMAGE...]',
  summary: 'Remove one or more images',
  flags: [{ name: 'force', short: 'f', type: 'bool', help: 'Force removal of the image' }],
  args: { min: 1, max: Infinity },
  async run(ctx, args) {
    const report = await (await ctx.service()).remove(args.positionals, { force: flagBool(args, 'force') });
    let out = '';
    for (const item of report.items) out += 'untagged' in item ? `Untagged: ${item.untagged}\n` : `Deleted: ${item.deleted}\n`;
    ctx.io.stdout.write(out);
    if (report.errors.length === 0) return 0;
    ctx.io.stderr.write(report.errors.map((e) => `Error: ${e.error.message}\n`).join(''));
    return 1;
  },
};
