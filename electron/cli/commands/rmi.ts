// `berth rmi`: docker's `Untagged:`/`Deleted:` lines (the image ID, then the layers its removal deleted). Each image
// that could not be removed is reported on stderr after them, the others are still removed. The exit status is
// docker's: 1 when anything failed, but with -f an image that does not exist is only reported (docker 20.10:
// `docker rmi -f present missing` prints `Error: No such image: missing` and exits 0).
import { flagBool } from '../args.js';
import type { Command } from '../command.js';

export const rmiCommand: Command = {
  name: 'rmi',
  usage: '[OPTIONS] IMAGE [IMAGE...]',
  summary: 'Remove one or more images',
  flags: [{ name: 'force', short: 'f', type: 'bool', help: 'Force removal of the image' }],
  args: { min: 1, max: Infinity },
  async run(ctx, args) {
    const force = flagBool(args, 'force');
    const report = await (await ctx.service()).remove(args.positionals, { force });
    let out = '';
    for (const item of report.items) {
      if ('untagged' in item) out += `Untagged: ${item.untagged}\n`;
      else out += `Deleted: ${'deleted' in item ? item.deleted : item.deletedLayer}\n`;
    }
    ctx.io.stdout.write(out);
    if (report.errors.length === 0) return 0;
    ctx.io.stderr.write(report.errors.map((e) => `Error: ${e.error.message}\n`).join(''));
    return force && report.errors.every((e) => e.error.code === 'NOT_FOUND') ? 0 : 1;
  },
};
