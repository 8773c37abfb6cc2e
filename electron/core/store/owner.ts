// Who wrote a lock, lease or temp file, and whether that process still runs.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface Owner {
  pid: number;
  /** Process start time as the OS reports it (Linux: /proc starttime ticks); null where unknown. */
  start: string | null;
  host: string;
}

function processStartTime(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; starttime is field 22 of the whole line.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

let self: Owner | undefined;

export function currentOwner(): Owner {
  self ??= { pid: process.pid, start: processStartTime(process.pid), host: hostname() };
  return self;
}

/** A pid-only liveness check, for files whose name carries just the pid. */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

/**
 * True unless we can prove the owner is gone: same host and the pid is dead or now belongs to a process
 * that started at another time (pid reuse). Owners on another host count as alive; callers age them out.
 */
export function isOwnerAlive(owner: Owner): boolean {
  if (owner.host !== currentOwner().host) return true;
  if (!isPidAlive(owner.pid)) return false;
  if (owner.start === null) return true;
  const now = processStartTime(owner.pid);
  return now === null || now === owner.start;
}

export function parseOwner(value: unknown): Owner | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.pid !== 'number' || typeof v.host !== 'string') return null;
  return { pid: v.pid, host: v.host, start: typeof v.start === 'string' ? v.start : null };
}
