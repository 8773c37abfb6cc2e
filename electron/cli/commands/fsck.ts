// `berth fsck`: checks every blob digest and every reference; lists problems and exits 1 when there are any.
import type { Command } from '../command.js';
import { alignColumns } from '../tabwriter.js';

export const fsckCommand: Command = {
  name: 'fsck',
  usage: '',
  summary: 'Check the image store: blob digests, references, orphans',
  flags: [],
  args: { min: 0, max: 0 },
  async run(ctx) {
    const service = await ctx.service();
    const report = await service.fsck();
    const blobs = `${report.checkedBlobs} blob${report.checkedBlobs === 1 ? '' : 's'}`;
    if (report.ok && report.problems.length === 0) {
      ctx.io.stdout.write(`${service.storePath}: ${blobs} checked, no problems\n`);
      return 0;
    }
    const rows = report.problems.map((p) => `${p.kind}\t${p.subject}\t${p.detail.replace(/[\t\n]/g, ' ')}\n`).join('');
    ctx.io.stdout.write(alignColumns('PROBLEM\tSUBJECT\tDETAIL\n' + rows));
    const count = report.problems.length;
    // Orphans alone are harmless (gc removes them): they are listed but do not fail the check.
    if (report.ok) {
      ctx.io.stdout.write(`${service.storePath}: ${blobs} checked, ${count} harmless finding${count === 1 ? '' : 's'}\n`);
      return 0;
    }
    ctx.io.stderr.write(`Error: ${service.storePath}: ${count} problem${count === 1 ? '' : 's'} in ${blobs} checked\n`);
    return 1;
  },
};
