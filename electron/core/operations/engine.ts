// The bridge's operations, each a task: `berth commit CONTAINER` (the engine's POST /commit, then the image copied
// in), Copy to Berth (GET /images/{name}/get streamed into the load), Send to Engine (Berth's save streamed into
// POST /images/load). Nothing is spooled to a temporary file on the way: the engine's export goes straight into
// loadArchive, and the save's bytes straight into the request body.
import { Readable } from 'node:stream';
import type { CommitContainerOptions, CommitResult, LoadResult, SendResult, TaskHandle } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { EngineClient } from '../engine/client.js';
import { applyChanges } from '../image/changes.js';
import { familiarName, parseReference } from '../../../shared/ref/reference.js';
import { archiveBytes, planArchive } from '../tarball/save-archive.js';
import { tagReference, type OperationContext } from './context.js';
import { loadArchive } from './load.js';
import { chooseImages, imageToSave } from './save.js';

/** docker commit's repo and tag query values for a reference (familiar name: `myapp`, `127.0.0.1:5000/x`). */
function repoAndTag(reference: string): { repo: string; tag: string } {
  const named = parseReference(reference);
  return { repo: familiarName(named), tag: named.tag ?? 'latest' };
}

/** Copies the engine's image `name` into the store; the archive's tags (if `name` is a tag) come along. */
async function copyIn(ctx: OperationContext, client: EngineClient, name: string, signal: AbortSignal, onProgress: (bytes: number) => void): Promise<LoadResult> {
  const response = await client.send({ path: `/images/${encodeURIComponent(name)}/get`, signal });
  try {
    const result = await loadArchive(ctx.store, response.body, { signal, onProgress });
    ctx.emit({ type: 'store.changed' });
    return result;
  } finally {
    response.body.destroy();
  }
}

export async function startCommitContainer(ctx: OperationContext, env: NodeJS.ProcessEnv, container: string, options: CommitContainerOptions = {}): Promise<TaskHandle<'commit'>> {
  const reference = options.reference ? tagReference(options.reference) : null;
  // The engine would refuse a bad line too, but in its own words after pausing the container: check first.
  applyChanges({}, options.changes ?? []);
  const client = EngineClient.fromEnv(env);
  return ctx.tasks.start('commit', `Commit container ${container}${reference ? ` as ${reference}` : ''}`, async (task): Promise<CommitResult> => {
    try {
      task.progress(0, null);
      const { Id: id } = await client.json<{ Id: string }>({
        method: 'POST',
        path: '/commit',
        query: {
          container,
          ...(reference ? repoAndTag(reference) : {}),
          ...(options.author ? { author: options.author } : {}),
          ...(options.message ? { comment: options.message } : {}),
          changes: options.changes ?? [],
          pause: options.pause === false ? 'false' : 'true',
        },
        headers: { 'content-type': 'application/json' },
        body: Buffer.from('{}'),
        signal: task.signal,
      });
      // By the name when there is one, so the archive carries the tag and the load applies it.
      await copyIn(ctx, client, reference ?? id, task.signal, (bytes) => task.progress(bytes, null));
      const imageId = id.startsWith('sha256:') ? id : `sha256:${id}`;
      const { records } = await ctx.catalog.load();
      const record = records.find((r) => r.id === imageId && (reference === null || r.reference === reference));
      return { id: imageId, reference, manifestDigest: record?.manifestDigest ?? '' };
    } finally {
      await client.close();
    }
  });
}

export async function startCopyFromEngine(ctx: OperationContext, env: NodeJS.ProcessEnv, image: string): Promise<TaskHandle<'copy-to-berth'>> {
  const client = EngineClient.fromEnv(env);
  return ctx.tasks.start('copy-to-berth', `Copy ${image} to Berth`, async (task): Promise<LoadResult> => {
    try {
      task.progress(0, null);
      return await copyIn(ctx, client, image, task.signal, (bytes) => task.progress(bytes, null));
    } finally {
      await client.close();
    }
  });
}

/** The engine's answer to /images/load is a JSON message stream; an `error` in it is the load failing. */
async function readLoadReply(body: AsyncIterable<Uint8Array>): Promise<void> {
  let text = '';
  for await (const chunk of body) text += Buffer.from(chunk).toString('utf8');
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let message: { error?: string; errorDetail?: { message?: string } };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      continue;
    }
    const error = message.errorDetail?.message ?? message.error;
    if (error) throw new BerthError('INTERNAL', `the engine refused the images: ${error}`);
  }
}

export async function startSendToEngine(ctx: OperationContext, env: NodeJS.ProcessEnv, references: readonly string[]): Promise<TaskHandle<'send-to-engine'>> {
  if (references.length === 0) throw new BerthError('INVALID_ARGUMENT', 'send needs at least one image');
  const { records } = await ctx.catalog.load();
  const chosen = chooseImages(records, references);
  const client = EngineClient.fromEnv(env);
  const title = `Send ${references.length === 1 ? references[0] : `${references.length} images`} to the engine`;
  return ctx.tasks.start('send-to-engine', title, async (task): Promise<SendResult> => {
    try {
      const images = [];
      for (const { record, tags } of chosen) images.push(await imageToSave(ctx.store, record, tags));
      // Uncompressed layers, as docker save writes them: every engine loads that, whatever its store.
      const plan = await planArchive(ctx.store, images, { keepCompressed: false, signal: task.signal });
      task.progress(0, plan.total);
      const body = Readable.from(archiveBytes(ctx.store, plan, { signal: task.signal, onProgress: (bytes) => task.progress(bytes, plan.total) }));
      const response = await client.send({
        method: 'POST',
        path: '/images/load',
        query: { quiet: '1' },
        headers: { 'content-type': 'application/x-tar', 'content-length': String(plan.total) },
        body,
        signal: task.signal,
      });
      await readLoadReply(response.body);
      return { images: chosen.map(({ record, tags }) => ({ id: record.id, tags })) };
    } finally {
      await client.close();
    }
  });
}
