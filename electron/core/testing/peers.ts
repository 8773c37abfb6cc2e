// Tests use the real programs; when one is missing they say which package `npm test` would install.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const PACKAGE_OF: Record<string, string> = {
  'docker-registry': 'docker-registry',
  skopeo: 'skopeo',
  umoci: 'umoci',
  dockerd: 'docker.io',
  docker: 'docker.io',
  podman: 'podman',
  chromium: 'chromium',
  xz: 'xz-utils',
  zstd: 'zstd',
};

export function findPeer(command: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return null;
}

/** The absolute path of a peer program, or an error naming the Debian package to install. */
export function requirePeer(command: string): string {
  const found = findPeer(command);
  if (found) return found;
  const pkg = PACKAGE_OF[command] ?? command;
  throw new Error(`${command} is not installed; \`node scripts/provision.mjs\` installs it (Debian package ${pkg}).`);
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;
