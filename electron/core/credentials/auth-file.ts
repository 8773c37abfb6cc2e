// Berth's own credentials: `auth.json` beside settings.json, shared by the app, `berth serve` and the CLI (one
// scheme for all: the CLI cannot read what Electron's safeStorage encrypts, see README "Logging in"). Its shape is
// docker's config.json `auths` (cli/config/configfile.ConfigFile.AuthConfigs), so a user can read it, and copy an
// entry between the two, without learning another format. Keys as docker files them (server-address.ts).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { type AuthEntry, type StoredLogin, decodeEntry, encodeEntry } from './auth-entry.js';
import { withWriteLock } from '../store/lock.js';
import { readPrivateFile, writePrivateFile } from './private-file.js';
import { jsonProblem } from './json-problem.js';
import { findKey, keyMatches } from './server-address.js';

const WHAT = "Berth's credentials file";

/** Where Berth keeps logins: next to the settings file. */
export function authFilePath(settingsFile: string): string {
  return path.join(path.dirname(settingsFile), 'auth.json');
}

interface AuthDocument {
  auths: Record<string, AuthEntry>;
  /** Anything else in the file (written by a newer Berth): kept as it is. */
  [other: string]: unknown;
}

async function readDocument(file: string): Promise<AuthDocument> {
  const text = await readPrivateFile(file, { private: true, what: WHAT });
  if (text === null || text.trim() === '') return { auths: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BerthError('INVALID_ARGUMENT', `${WHAT} ${file} is not valid JSON: ${jsonProblem(error)}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BerthError('INVALID_ARGUMENT', `${WHAT} ${file} must be a JSON object`);
  const doc = value as Record<string, unknown>;
  const auths = doc.auths && typeof doc.auths === 'object' && !Array.isArray(doc.auths) ? (doc.auths as Record<string, AuthEntry>) : {};
  return { ...doc, auths };
}

export interface SavedLogin extends StoredLogin {
  /** The key it is saved under. */
  key: string;
}

/** Every login in the file, by key. */
export async function readLogins(file: string): Promise<SavedLogin[]> {
  const { auths } = await readDocument(file);
  return Object.entries(auths).flatMap(([key, entry]) => {
    const login = decodeEntry(entry, `${file} (${key})`);
    return login ? [{ key, ...login }] : [];
  });
}

/** The login saved for `registry`, or null. */
export async function findSavedLogin(file: string, registry: string): Promise<SavedLogin | null> {
  const logins = await readLogins(file);
  const key = findKey(logins.map((l) => l.key), registry);
  return logins.find((l) => l.key === key) ?? null;
}

/**
 * A change of the file is read, modify, write: two at once (the app and the CLI logging in together) would lose
 * one. Changes take the store's cross-process write lock, on a file in a `.locks` folder of its own beside
 * auth.json (the lock code may remove whatever is not a folder at that name, so never the config folder itself).
 */
async function changingLogins<T>(file: string, change: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  return withWriteLock(path.join(path.dirname(file), '.locks', `${path.basename(file)}.lock`), change, { timeoutMs: 10_000 });
}

/** Saves `login` under `key`, replacing any other spelling of the same registry's key. */
export async function saveLogin(file: string, key: string, registry: string, login: StoredLogin): Promise<void> {
  await changingLogins(file, async () => {
    const doc = await readDocument(file);
    for (const other of Object.keys(doc.auths)) if (keyMatches(other, registry)) delete doc.auths[other];
    doc.auths[key] = encodeEntry(login);
    await writePrivateFile(file, `${JSON.stringify(doc, null, '\t')}\n`, WHAT);
  });
}

/** Removes every key of `registry`; whether there was one. */
export async function removeLogin(file: string, registry: string): Promise<boolean> {
  return changingLogins(file, async () => {
    const doc = await readDocument(file);
    const keys = Object.keys(doc.auths).filter((key) => keyMatches(key, registry));
    if (keys.length === 0) return false;
    for (const key of keys) delete doc.auths[key];
    await writePrivateFile(file, `${JSON.stringify(doc, null, '\t')}\n`, WHAT);
    return true;
  });
}
