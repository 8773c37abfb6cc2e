// The Dockerfile instructions `docker import -c` / `docker commit -c` accept (moby's validCommitCommands), for the
// core's parser and for the app, which lists them when a line is refused.
export const CHANGE_COMMANDS: readonly string[] = Object.freeze([
  'cmd', 'entrypoint', 'env', 'expose', 'healthcheck', 'label', 'onbuild', 'stopsignal', 'user', 'volume', 'workdir',
]);
