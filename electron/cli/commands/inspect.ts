// `berth inspect`: docker's JSON array (4-space indent), `json` compact, or a Go template per image, run as
// docker/cli runs it: over the typed types.ImageInspect first, over the raw JSON map when that fails
// (shared/inspect/inspect-template.ts).
import type { ImageInspect } from '../../../shared/api.js';
import { toErrorPayload } from '../../../shared/errors.js';
import { flagString } from '../args.js';
import type { Command } from '../command.js';
import { compile, execute, type CompiledTemplate } from '../list-format.js';
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
    const template = format && format !== 'json' ? await typedInspect(await compile(format)) : null;
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
        // docker prints a template failure as it is ("template parsing error: …"), a lookup failure after "Error: ".
        errors.push(payload.code === 'INVALID_TEMPLATE' ? payload.message : `Error: ${payload.code === 'NOT_FOUND' ? `No such object: ${name}` : payload.message}`);
      }
    }
    if (template) ctx.io.stdout.write(out || '\n');
    else if (found.length === 0) ctx.io.stdout.write('[]\n');
    else ctx.io.stdout.write((format === 'json' ? goCompact(found) : goIndent(found)) + '\n');
    if (errors.length === 0) return 0;
    ctx.io.stderr.write(errors.map((message) => `${message}\n`).join(''));
    return 1;
  },
};

/** The compiled template run through docker's typed-then-raw inspector (loaded with the template engine). */
async function typedInspect(template: CompiledTemplate): Promise<CompiledTemplate> {
  const { executeInspect } = await import('../../../shared/inspect/inspect-template.js');
  return { source: template.source, execute: (data) => executeInspect(template, data as ImageInspect) };
}
