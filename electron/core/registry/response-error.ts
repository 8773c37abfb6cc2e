// An HTTP error answer from a registry as a BerthError a user can act on. Mirrors go-containerregistry's
// transport.CheckError (the distribution error document `{"errors":[{code,message,detail}]}`) and the messages
// docker prints: "manifest for X not found: manifest unknown", "repository X not found", "unauthorized:
// authentication required" with the advice to log in, "toomanyrequests" with Docker Hub's rate limit figures.
import { BerthError } from '../../../shared/errors.js';
import { readSnippet } from './body.js';
import { type HttpResponse, header } from './transport.js';

export interface ErrorContext {
  /** The registry host as the user named it (`docker.io`, `127.0.0.1:5000`). */
  registry: string;
  repository?: string;
  /** A tag or digest, for manifests; a digest for blobs. */
  reference?: string;
  what: 'ping' | 'token' | 'manifest' | 'blob' | 'tags' | 'upload';
  /** Whether credentials were sent: a 401 then means they are wrong rather than missing. */
  credentials?: boolean;
}

interface RegistryErrorEntry {
  code: string;
  message: string;
}

/** The entries of a distribution error document, or [] when the body is something else. */
export function parseErrorDocument(text: string): RegistryErrorEntry[] {
  try {
    const doc = JSON.parse(text) as { errors?: unknown; details?: unknown };
    if (!Array.isArray(doc.errors)) return [];
    return doc.errors.flatMap((e: unknown) => {
      if (!e || typeof e !== 'object') return [];
      const entry = e as Record<string, unknown>;
      return [{ code: typeof entry.code === 'string' ? entry.code : '', message: typeof entry.message === 'string' ? entry.message : '' }];
    });
  } catch {
    return [];
  }
}

/** `100;w=21600` → `100 per 6 hours`; null when absent. */
function rateFigure(value: string | undefined): { count: string; window: string | null } | null {
  if (!value) return null;
  const match = /^\s*(\d+)\s*(?:;\s*w=(\d+))?/.exec(value);
  if (!match) return null;
  const seconds = match[2] ? Number(match[2]) : null;
  const window = seconds === null ? null : seconds % 3600 === 0 ? `${seconds / 3600} hours` : `${seconds} seconds`;
  return { count: match[1]!, window };
}

/** Docker Hub's pull-limit figures from a response, as words: `limit 100 per 6 hours, 0 remaining`. */
export function rateLimitSummary(response: Pick<HttpResponse, 'headers'>): string | null {
  const limit = rateFigure(header(response, 'ratelimit-limit'));
  const remaining = rateFigure(header(response, 'ratelimit-remaining'));
  if (!limit && !remaining) return null;
  const parts: string[] = [];
  if (limit) parts.push(`limit ${limit.count}${limit.window ? ` per ${limit.window}` : ''}`);
  if (remaining) parts.push(`${remaining.count} remaining`);
  return parts.join(', ');
}

function loginCommand(registry: string): string {
  return registry === 'docker.io' ? 'berth login' : `berth login ${registry}`;
}

function subject(context: ErrorContext): string {
  const repo = context.repository ?? '';
  switch (context.what) {
    case 'manifest':
      // A tag never holds ':'; a digest always does.
      return context.reference ? `${repo}${context.reference.includes(':') ? '@' : ':'}${context.reference}` : repo;
    case 'blob':
    case 'upload':
      return `blob ${context.reference ?? ''} of ${repo}`;
    default:
      return repo;
  }
}

/** Reads (part of) the error body and builds the error for `response`. Never echoes request headers. */
export async function responseError(response: HttpResponse, context: ErrorContext): Promise<BerthError> {
  const text = await readSnippet(response.body);
  const entries = parseErrorDocument(text);
  const codes = new Set(entries.map((e) => e.code));
  const registryWords = entries.map((e) => [e.code.toLowerCase(), e.message].filter(Boolean).join(': ')).join('; ');
  const where = context.repository ? `${context.registry}/${context.repository}` : context.registry;
  const status = response.status;

  if (status === 401 && context.what === 'manifest' && !context.credentials) {
    // Docker Hub answers 401, not 404, for a repository that does not exist: docker's words cover both.
    return new BerthError('UNAUTHORIZED', `pull access denied for ${where}: the repository does not exist or may require \`${loginCommand(context.registry)}\``);
  }
  const insufficientScope = /error="?insufficient_scope/i.test(String(response.headers['www-authenticate'] ?? ''));
  if (context.what === 'upload' && (status === 403 || codes.has('DENIED') || (status === 401 && context.credentials && insufficientScope))) {
    // Credentials taken but not for pushing here: docker's words, and the usual cause on Docker Hub.
    const official = context.registry === 'docker.io' && (context.repository ?? '').startsWith('library/');
    const hint = official
      ? '; docker.io/library/ holds only official images: tag the image with your Docker Hub namespace (NAME/…) and push that'
      : `; the account may not push to ${where}: log in with one that may (\`${loginCommand(context.registry)}\`)`;
    return new BerthError('UNAUTHORIZED', `denied: requested access to the resource is denied${hint}`);
  }
  if (status === 401 || (status === 403 && context.what === 'token')) {
    const because = context.credentials ? 'the registry refused the credentials' : 'authentication required';
    return new BerthError('UNAUTHORIZED', `unauthorized: ${because} for ${where}${registryWords ? ` (${registryWords})` : ''}; log in with \`${loginCommand(context.registry)}\``);
  }
  if (status === 403) {
    return new BerthError('UNAUTHORIZED', `denied: access to ${where} is forbidden${registryWords ? ` (${registryWords})` : ''}; log in with an account that may use it: \`${loginCommand(context.registry)}\``);
  }
  if (status === 429) {
    const figures = rateLimitSummary(response);
    return new BerthError('RATE_LIMITED', `toomanyrequests: ${context.registry} is limiting requests${figures ? ` (${figures})` : ''}; try again later${context.registry === 'docker.io' ? ', or log in to raise the limit' : ''}`);
  }
  if (status === 404 || codes.has('MANIFEST_UNKNOWN') || codes.has('NAME_UNKNOWN') || codes.has('BLOB_UNKNOWN')) {
    if (codes.has('NAME_UNKNOWN')) return new BerthError('NOT_FOUND', `repository ${where} not found: it does not exist or you may need to log in (\`${loginCommand(context.registry)}\`)`);
    if (context.what === 'manifest') return new BerthError('NOT_FOUND', `manifest for ${context.registry}/${subject(context)} not found: manifest unknown`);
    if (context.what === 'blob') return new BerthError('NOT_FOUND', `${subject(context)} not found on ${context.registry}: blob unknown`);
    if (context.what === 'tags') return new BerthError('NOT_FOUND', `repository ${where} not found`);
    return new BerthError('NOT_FOUND', `${context.registry} answered 404 Not Found for its ${context.what} endpoint: is it a registry?`);
  }
  return new BerthError('NETWORK', `registry ${context.registry} answered ${status} for the ${context.what}${context.repository ? ` of ${subject(context)}` : ''}${registryWords ? `: ${registryWords}` : ''}`);
}
