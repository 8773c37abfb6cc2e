// The store's write lock: serialises writers within this process and across processes sharing the store.
//
// Design: `ingest/write.lock` is published complete with a hard link (atomic, fails when it exists) and holds
// the owner's pid, process start time, host and a nonce. A waiter breaks the lock as soon as the owner is
// provably dead (same host: pid gone or reused), so a SIGKILLed holder is recovered within one poll. Locks
// from another host are judged by a heartbeat (the holder touches the file every few seconds).
// Breaking moves the file aside first and checks the nonce, so a lock that was replaced in the meantime by a
// live holder is put back rather than deleted.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BerthError } from '../../../shared/errors.js';
import { errorCode, isNotFound, publishNoClobber, writeNewFileDurably } from './fs-util.js';
import { currentOwner, isOwnerAlive, parseOwner } from './owner.js';
import { ownedTempName } from './paths.js';
import { ownDir, readOwnFile } from './own-paths.js';

export interface LockOptions {
  /** How long to wait for a live holder before failing with CONFLICT (default 60 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const HEARTBEAT_MS = 3_000;
const FOREIGN_STALE_MS = 30_000;
const MAX_POLL_MS = 50;
/** A lock names one owner in a few hundred bytes. */
const MAX_LOCK_BYTES = 64 * 1024;

/** In-process queue per lock file, so two store objects on one root in one process never race each other. */
const localQueues = new Map<string, Promise<unknown>>();

export async function withWriteLock<T>(lockFile: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const previous = localQueues.get(lockFile) ?? Promise.resolve();
  let done!: () => void;
  const mine = new Promise<void>((resolve) => (done = resolve));
  const tail = previous.then(() => mine);
  localQueues.set(lockFile, tail);
  try {
    await waitOrCancel(previous, options.signal);
    const release = await acquireFileLock(lockFile, options);
    try {
      return await fn();
    } finally {
      await release();
    }
  } finally {
    done();
    if (localQueues.get(lockFile) === tail) localQueues.delete(lockFile);
  }
}

/** Waits for this process's earlier writer, unless the caller cancels first. */
function waitOrCancel(previous: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
  const settled = previous.then(() => undefined, () => undefined);
  if (!signal) return settled;
  if (signal.aborted) return Promise.reject(lockWaitCancelled());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(lockWaitCancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    void settled.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

function lockWaitCancelled(): BerthError {
  return new BerthError('CANCELLED', 'cancelled while waiting for the store lock');
}

async function acquireFileLock(lockFile: string, options: LockOptions): Promise<() => Promise<void>> {
  const nonce = randomBytes(12).toString('hex');
  const content = JSON.stringify({ ...currentOwner(), nonce, acquired: new Date().toISOString() });
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let pause = 2;
  // The lock lives in Berth's scratch folder: never write it (or its temp file) through a link planted there.
  const folder = path.dirname(lockFile);
  await ownDir(path.dirname(folder), path.basename(folder), { repair: true });
  for (;;) {
    if (options.signal?.aborted) throw lockWaitCancelled();
    const temp = path.join(path.dirname(lockFile), ownedTempName('lock-', '.tmp'));
    await writeNewFileDurably(temp, content);
    if (await publishNoClobber(temp, lockFile)) return startHolding(lockFile, nonce);
    const holder = await readHolder(lockFile);
    if (holder && holder.stale) {
      await breakLock(lockFile, holder.text);
      continue;
    }
    if (Date.now() > deadline) {
      const who = holder?.owner ? `process ${holder.owner.pid} on ${holder.owner.host}` : 'another process';
      throw new BerthError('CONFLICT', `the store is locked by ${who} (${lockFile}); gave up waiting`);
    }
    await sleep(pause);
    pause = Math.min(MAX_POLL_MS, pause * 2);
  }
}

interface Holder {
  text: string;
  owner: ReturnType<typeof parseOwner>;
  stale: boolean;
}

async function readHolder(lockFile: string): Promise<Holder | null> {
  let text: string;
  let mtimeMs: number;
  try {
    text = await readOwnFile(lockFile, MAX_LOCK_BYTES);
    mtimeMs = (await fs.lstat(lockFile)).mtimeMs;
  } catch (err) {
    if (isNotFound(err)) return null;
    if (!(err instanceof BerthError && err.code === 'STORE_CORRUPT')) throw err;
    // Berth publishes its lock as a small regular file: a link or a FIFO there is debris, never a holder. Only the
    // entry itself goes (a link's target is not touched); a folder there makes rm fail, and the store is refused.
    await fs.rm(lockFile, { force: true }).catch((rmError: unknown) => {
      throw new BerthError('STORE_CORRUPT', `${err.message} (and it cannot be removed: ${(rmError as Error).message})`);
    });
    return null;
  }
  let owner: ReturnType<typeof parseOwner>;
  try {
    owner = parseOwner(JSON.parse(text));
  } catch {
    owner = null;
  }
  // A heartbeat from the future is no heartbeat (a copied store, a clock set wrong): judged as old, never as live.
  const aged = Math.abs(Date.now() - mtimeMs) > FOREIGN_STALE_MS;
  // Unreadable content cannot come from us (we publish complete files); judge it by age alone.
  const stale = owner ? !isOwnerAlive(owner) || (owner.host !== currentOwner().host && aged) : aged;
  return { text, owner, stale };
}

async function breakLock(lockFile: string, staleText: string): Promise<void> {
  const aside = path.join(path.dirname(lockFile), ownedTempName('lock-stale-', '.tmp'));
  try {
    await fs.rename(lockFile, aside);
  } catch (err) {
    if (isNotFound(err)) return;
    throw err;
  }
  const text = await readOwnFile(aside, MAX_LOCK_BYTES).catch(() => '');
  if (text !== staleText) {
    // Someone replaced the stale lock before we moved it: give theirs back.
    await fs.link(aside, lockFile).catch((err: unknown) => {
      if (errorCode(err) !== 'EEXIST') throw err;
    });
  }
  await fs.rm(aside, { force: true });
}

function startHolding(lockFile: string, nonce: string): () => Promise<void> {
  const heartbeat = setInterval(() => {
    const now = new Date();
    // lutimes: a link swapped in for the lock is touched itself, never its target outside the store.
    fs.lutimes(lockFile, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return async () => {
    clearInterval(heartbeat);
    // Only remove the lock if it is still ours (it can only have changed if someone judged us dead).
    const text = await readOwnFile(lockFile, MAX_LOCK_BYTES).catch(() => '');
    if (text.includes(`"nonce":"${nonce}"`)) await fs.rm(lockFile, { force: true });
  };
}
