// `berth inspect`: docker's JSON array (4-space indent), `json` compact, or a Go template per image.
import type { ImageInspect } from '../../../shared/api.js';
import { toErrorPayload } from '../../../shared/errors.js';
import { flagString } from '../args.js';
import type { Command } from '../command.js';
import { compile, execute } from '../list-format.js';
import { goCompact, goIndent } from '../go-json.js';

export const inspectCommand: Command = {
  name: 'inspect',
  usage: '[OPTIONS] NAME|ID [NAME|ID...]',
  summary: 'Return low-level information on images',
  flags: [
    {
      name: 'format', short: 'f', type: 'string',
      help: "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given\nGo template.",
    },
  ],
  args: { min: 1, max: Infinity },
  async run(ctx, args) {
    const format = flagString(args, 'format') ?? '';
    // A bad template fails before any image is looked up, as in docker.
    const template = format && format !== 'json' ? await compile(format) : null;
    const service = await ctx.service();
    const found: ImageInspect[] = [];
    const errors: string[] = [];
    let out = '';
    for (const name of args.positionals) {
      try {
        const image = await service.inspectImage(name);
        if (template) out += execute(template, image) + '\n';
        else found.push(image);
      } catch (err) {
        const payload = toErrorPayload(err);
        errors.push(payload.code === 'NOT_FOUND' ? `No such object: ${name}` : payload.message);
      }
    }
    if (template) ctx.io.stdout.write(out || '\n');
    else if (found.length === 0) ctx.io.stdout.write('[]\n');
    else ctx.io.stdout.write((format === 'json' ? goCompact(found) : goIndent(found)) + '\n');
    if (errors.length === 0) return 0;
    ctx.io.stderr.write(errors.map((message) => `Error: ${message}\n`).join(''));
    return 1;
  },
};
