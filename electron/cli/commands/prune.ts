// `berth prune`: removes dangling images after docker's confirmation prompt (or -f), then collects blobs.
import { humanSize } from '../../../shared/format.js';
import { BerthError } from '../../../shared/errors.js';
import { flagBool } from '../args.js';
import type { Command } from '../command.js';
import type { CliIo } from '../output.js';

const WARNING = 'WARNING! This will remove all dangling images.\nAre you sure you want to continue?';

export const pruneCommand: Command = {
  name: 'prune',
  usage: '[OPTIONS]',
  summary: 'Remove dangling images and the blobs nothing uses',
  flags: [{ name: 'force', short: 'f', type: 'bool', help: 'Do not prompt for confirmation' }],
  args: { min: 0, max: 0 },
  async run(ctx, args) {
    if (!flagBool(args, 'force')) {
      if (!ctx.io.stdinIsTTY) {
        throw new BerthError('INVALID_ARGUMENT', 'prune needs confirmation but standard input is not a terminal: use -f to prune without asking');
      }
      ctx.io.stdout.write(`${WARNING} [y/N] `);
      const answer = await readLine(ctx.io);
      if (!/^y(es)?$/i.test(answer.trim())) return 0;
    }
    const report = await (await ctx.service()).prune();
    let out = '';
    if (report.untagged.length + report.deleted.length > 0) {
      out += 'Deleted Images:\n';
      for (const ref of report.untagged) out += `untagged: ${ref}\n`;
      for (const id of report.deleted) out += `deleted: ${id}\n`;
      out += '\n';
    }
    out += `Total reclaimed space: ${humanSize(report.spaceReclaimed, 4)}\n`;
    ctx.io.stdout.write(out);
  },
};

function readLine(io: CliIo): Promise<string> {
  return new Promise((resolve) => {
    let buffered = '';
    const finish = (): void => {
      io.stdin.off('data', onData);
      io.stdin.off('end', finish);
      io.stdin.pause();
      resolve(buffered);
    };
    const onData = (chunk: Buffer | string): void => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline >= 0) {
        buffered = buffered.slice(0, newline);
        finish();
      }
    };
    io.stdin.on('data', onData);
    io.stdin.on('end', finish);
  });
}
