// Types for provision-plan.mjs, so TypeScript code (the test helpers in electron/core/testing) can share its
// list of peers and its lookup instead of keeping a second copy.
export interface Peer {
  command: string;
  pkg: string;
}

export const PEERS: Peer[];
export const COMPANIONS: Record<string, string[]>;

export function which(command: string, envPath?: string): string | null;
export function distroOf(osRelease: string, hasAptGet: boolean): 'debian' | 'ubuntu' | 'other';

export type ProvisionPlan =
  | { action: 'none' }
  | { action: 'install'; packages: string[]; missing: string[]; commands: string[][]; manual: Array<{ command: string; hint: string }> }
  | { action: 'instruct'; packages: string[]; missing: string[]; command: string; manual: Array<{ command: string; hint: string }> }
  | { action: 'skip'; missing: string[]; message: string };

export function planProvision(machine: {
  which: (cmd: string) => string | null;
  distro: 'debian' | 'ubuntu' | 'other';
  isRoot: boolean;
  canSudo: () => boolean;
}): ProvisionPlan;
