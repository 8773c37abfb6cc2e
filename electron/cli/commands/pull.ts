// `berth pull [OPTIONS] NAME[:TAG|@DIGEST]`: docker pull's output, line for line (see ../pull-output.ts), then
// the full reference; `-q` prints only that. `-a` pulls every tag the registry lists for NAME, one after the other
// as dockerd does: each tag's header, layers and Digest line, then one Status line for the repository.
import { familiarString, parseReference, type ImageReference } from '../../../shared/ref/reference.js';
import { BerthError } from '../../../shared/errors.js';
import { taskResult } from '../../../shared/tasks.js';
import type { PullResult } from '../../../shared/api.js';
import type { BerthService } from '../../core/service-api.js';
import { flagBool, flagString } from '../args.js';
import type { Command } from '../command.js';
import { ExitError, type CliIo } from '../output.js';
import { pullOutput } from '../pull-output.js';

export const pullCommand: Command = {
  name: 'pull',
  usage: '[OPTIONS] NAME[:TAG|@DIGEST]',
  summary: 'Download an image from a registry',
  flags: [
    { name: 'all-tags', short: 'a', type: 'bool', help: 'Download all tagged images in the repository' },
    { name: 'platform', type: 'string', help: 'Set platform if server is multi-platform capable' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Suppress verbose output' },
  ],
  args: { min: 1, max: 1 },
  async run(ctx, args) {
    const [input] = args.positionals as [string];
    const platform = flagString(args, 'platform');
    const quiet = flagBool(args, 'quiet');
    const ref = parseReference(input);
    if (flagBool(args, 'all-tags')) {
      if (ref.tag !== null || ref.digest !== null) throw new ExitError(1, "tag can't be used with --all-tags/-a");
      return pullAllTags(await ctx.service(), ctx.io, ref, platform, quiet);
    }
    const service = await ctx.service();
    if (!quiet && ref.tag === null && ref.digest === null) ctx.io.stdout.write('Using default tag: latest\n');
    const result = await pullOne(service, ctx.io, input, ref.digest ?? ref.tag ?? 'latest', ref.path, platform, quiet);
    if (!quiet) {
      ctx.io.stdout.write(`Digest: ${result.digest}\n`);
      ctx.io.stdout.write(statusLine(result.status === 'downloaded', familiarOf(result.reference)));
    }
    ctx.io.stdout.write(`${result.reference}\n`);
  },
};

/** One pull with its header and layer lines (not the Digest and Status lines, which depend on the mode). */
async function pullOne(
  service: BerthService, io: CliIo, reference: string, shownAs: string, path: string, platform: string | undefined, quiet: boolean,
): Promise<PullResult> {
  const output = quiet ? null : pullOutput(service, io, `${shownAs}: Pulling from ${path}`);
  try {
    const handle = await service.pull(reference, platform ? { platform } : {});
    output?.follow(handle.taskId);
    const result = await taskResult(service, handle);
    output?.finish(true);
    return result;
  } catch (err) {
    output?.finish(false);
    throw err;
  }
}

async function pullAllTags(service: BerthService, io: CliIo, ref: ImageReference, platform: string | undefined, quiet: boolean): Promise<void> {
  const repository = `${ref.domain}/${ref.path}`;
  const tags = await service.remoteTags(repository);
  if (tags.length === 0) throw new BerthError('NOT_FOUND', `repository ${familiarOf(repository)} has no tags in its registry`);
  let downloaded = false;
  for (const tag of tags) {
    const result = await pullOne(service, io, `${repository}:${tag}`, tag, ref.path, platform, quiet);
    if (!quiet) io.stdout.write(`Digest: ${result.digest}\n`);
    downloaded ||= result.status === 'downloaded';
  }
  if (!quiet) io.stdout.write(statusLine(downloaded, familiarOf(repository)));
  io.stdout.write(`${repository}\n`);
}

const statusLine = (downloaded: boolean, familiar: string) => downloaded
  ? `Status: Downloaded newer image for ${familiar}\n`
  : `Status: Image is up to date for ${familiar}\n`;

function familiarOf(reference: string): string {
  return familiarString(parseReference(reference));
}
