// `berth logout [SERVER]`, as docker/cli's cli/command/registry/logout.go words it: `Removing login credentials
// for …`, or `Not logged in to …`. Only Berth's own login is removed: a login docker's config still gives the
// registry is named (with the file), since docker's config is docker's to edit.
import type { Command } from '../command.js';

const SOURCE_WORDS = { 'docker-config': "docker's config", 'credential-helper': 'a docker credential helper', berth: "Berth's credentials" } as const;

export const logoutCommand: Command = {
  name: 'logout',
  usage: '[SERVER]',
  summary: 'Log out from a registry',
  flags: [],
  args: { min: 0, max: 1 },
  async run(ctx, args) {
    const service = await ctx.service();
    const result = await service.logout(args.positionals[0] ?? '');
    const { remaining } = result;
    if (result.removed) ctx.io.stdout.write(`Removing login credentials for ${result.server}\n`);
    else if (!remaining) ctx.io.stdout.write(`Not logged in to ${result.server}\n`);
    if (remaining) {
      const how = remaining.source === 'credential-helper' ? `${SOURCE_WORDS[remaining.source]} (docker-credential-${remaining.helper ?? '?'})` : SOURCE_WORDS[remaining.source];
      ctx.io.stderr.write(
        `${result.server} is still logged in${remaining.username ? ` as ${remaining.username}` : ''} through ${how}, named in ${remaining.location}: ` +
          `Berth does not edit docker's files; run \`docker logout${result.registry === 'docker.io' ? '' : ` ${result.registry}`}\` to log out there too.\n`,
      );
    }
  },
};
