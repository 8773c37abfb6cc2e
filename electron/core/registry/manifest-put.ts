// A manifest or index into a repository under a tag or digest, as go-containerregistry's remote.writer.commitManifest
// does: PUT /v2/<name>/manifests/<reference> with Content-Type set to the document's own media type (registries
// store and serve it back under that type) and the bytes exactly as they are, so the digest the registry computes
// is the one Berth knows. 201 is success; the digest docker prints is that of the bytes sent.
import { BerthError } from '../../../shared/errors.js';
import { sha256Digest } from '../oci/digest.js';
import type { RegistryClient } from './client.js';
import { responseError } from './response-error.js';
import { discard, header } from './transport.js';

export interface PutManifestResult {
  digest: string;
  size: number;
}

export async function putManifest(
  client: RegistryClient, repository: string, reference: string, mediaType: string, bytes: Buffer, signal?: AbortSignal,
): Promise<PutManifestResult> {
  const response = await client.request(repository, {
    method: 'PUT',
    path: `/v2/${repository}/manifests/${reference}`,
    headers: { 'content-type': mediaType },
    body: { open: () => bytes, length: bytes.length },
    signal,
  }, ['pull', 'push']);
  if (response.status !== 201 && response.status !== 200) {
    throw await responseError(response, { registry: client.registry, repository, reference, what: 'upload', credentials: client.hasCredentials });
  }
  await discard(response.body);
  const digest = sha256Digest(bytes);
  const said = header(response, 'docker-content-digest');
  // A registry that stored other bytes than those sent (a proxy that re-serialised them) would tag another image.
  if (said && said !== digest && said.startsWith('sha256:')) {
    throw new BerthError('DIGEST_MISMATCH', `registry ${client.registry} stored the manifest for ${repository}:${reference} as ${said}, not ${digest}`);
  }
  return { digest, size: bytes.length };
}
