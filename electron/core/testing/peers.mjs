// Tests use the real programs; when one is missing they say which package `npm test` would install.
// The list of peers and the PATH lookup are provision's own, so the two can never disagree. Plain .mjs (types in
// peers.d.mts) so the tarball builder beside it, which the bench runs under plain Node, can use it too.
import { PEERS, which } from '../../../scripts/provision-plan.mjs';

export function findPeer(command) {
  return which(command);
}

/** The absolute path of a peer program, or an error naming the Debian package to install. */
export function requirePeer(command) {
  const found = findPeer(command);
  if (found) return found;
  const pkg = PEERS.find((peer) => peer.command === command)?.pkg ?? command;
  throw new Error(`${command} is not installed; \`node scripts/provision.mjs\` installs it (Debian package ${pkg}).`);
}

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
