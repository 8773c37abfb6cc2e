// Tests use the real programs; when one is missing they say which package `npm test` would install.
// The list of peers and the PATH lookup are provision's own, so the two can never disagree.
import { PEERS, which } from '../../../scripts/provision-plan.mjs';

export function findPeer(command: string): string | null {
  return which(command);
}

/** The absolute path of a peer program, or an error naming the Debian package to install. */
export function requirePeer(command: string): string {
  const found = findPeer(command);
  if (found) return found;
  const pkg = PEERS.find((peer) => peer.command === command)?.pkg ?? command;
  throw new Error(`${command} is not installed; \`node scripts/provision.mjs\` installs it (Debian package ${pkg}).`);
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;
