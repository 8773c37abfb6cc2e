// Types for peers.mjs.
export function findPeer(command: string): string | null;
/** The absolute path of a peer program, or an error naming the Debian package to install. */
export function requirePeer(command: string): string;
export function isRoot(): boolean;
