// `berth commit --from IMAGE` / the app's "New image from…": a new image on top of one in the store, without a
// daemon. The base's layers are reused as the blobs they are; each --add becomes one more layer (commit-adds.ts);
// the config is the base's with docker commit's changes, author, comment and history entry (image/commit-config.ts).
// Everything goes through the one image writer, so the store gets the whole image tagged, or nothing.
import type { CommitOptions, CommitResult, TaskHandle } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { applyChanges } from '../image/changes.js';
import { buildCommitConfig } from '../image/commit-config.js';
import { toGoJson } from '../image/import-config.js';
import { resolveImage } from '../image/resolve.js';
import { writeImage, type LayerInput } from '../image/writer.js';
import type { ImageConfig } from '../oci/config.js';
import type { ImageManifest } from '../oci/manifest.js';
import { MEDIA_TYPES } from '../oci/media-types.js';
import { tagReference, type OperationContext } from './context.js';
import { fileSourceAdd, prepareAdds, type PreparedAdd } from './commit-adds.js';
import type { CoreFileSource } from '../service-api.js';
import type { ImageRecord } from '../image/model.js';
import type { TaskContext } from '../tasks/task-manager.js';

/** What the history records as having made the layer(s): docker writes the container's command there. */
export function describeAdds(adds: readonly Pick<PreparedAdd, 'kind' | 'dest'>[]): string {
  if (adds.length === 0) return 'berth commit';
  return `berth commit ${adds.map((add) => `--add ${add.kind}:${add.dest}`).join(' ')}`;
}

/** Checks the request (base image, reference, changes, every add), then starts the commit as a task. */
export async function startCommit(ctx: OperationContext, options: CommitOptions, tarball?: CoreFileSource): Promise<TaskHandle<'commit'>> {
  try {
    return await start(ctx, options, tarball);
  } catch (err) {
    await tarball?.release?.();
    throw err;
  }
}

async function start(ctx: OperationContext, options: CommitOptions, tarball: CoreFileSource | undefined): Promise<TaskHandle<'commit'>> {
  if (!options.from) throw new BerthError('INVALID_ARGUMENT', 'commit needs a base image (--from) or a container');
  const reference = options.reference ? tagReference(options.reference) : null;
  applyChanges({}, options.changes ?? []);
  const { records } = await ctx.catalog.load();
  const base = resolveImage(records, options.from).records[0]!;
  const adds = [...await prepareAdds(options.adds ?? []), ...(tarball ? [fileSourceAdd(tarball)] : [])];
  const { maxLayerBytes } = await ctx.settings();
  const title = `New image from ${options.from}${reference ? ` as ${reference}` : ''}`;
  return ctx.tasks.start('commit', title, async (task): Promise<CommitResult> => {
    try {
      return await commitTask(ctx, task, base, adds, reference, options, maxLayerBytes);
    } finally {
      await tarball?.release?.();
    }
  });
}

async function commitTask(
  ctx: OperationContext, task: TaskContext, base: ImageRecord, adds: readonly PreparedAdd[], reference: string | null, options: CommitOptions, maxLayerBytes: number | null,
): Promise<CommitResult> {
  const manifest = JSON.parse((await ctx.store.readBlobBytes(base.manifestDigest)).toString('utf8')) as ImageManifest;
  const baseConfig = await ctx.store.readBlobJson<ImageConfig>(manifest.config.digest);
  let written = 0;
  task.progress(0, null);
  const onBytes = (bytes: number) => {
    written += bytes;
    task.progress(written, null);
  };
  // The new layers are uncompressed tars, named in the base manifest's own vocabulary (docker schema 2 or OCI).
  const manifestMediaType = manifest.mediaType ?? MEDIA_TYPES.ociManifest;
  const layerMediaType = manifestMediaType === MEDIA_TYPES.dockerManifest ? MEDIA_TYPES.dockerLayer : MEDIA_TYPES.ociLayer;
  const added = adds.map((add) => lazyLayer(layerMediaType, () => add.open(task.signal, onBytes, maxLayerBytes)));
  const image = await writeImage(
    ctx.store,
    {
      layers: [...manifest.layers.map((existing) => ({ existing })), ...added],
      config: (layers) => Buffer.from(toGoJson(buildCommitConfig(baseConfig, {
        changes: options.changes ?? [],
        ...(options.author ? { author: options.author } : {}),
        ...(options.message ? { message: options.message } : {}),
        createdBy: describeAdds(adds),
        // Layers are stored uncompressed, so a new layer's digest is its diff_id.
        addedDiffIds: layers.slice(manifest.layers.length).map((layer) => layer.digest),
      }))),
      configMediaType: manifest.config.mediaType,
      manifestMediaType,
      platform: base.platform,
    },
    { tags: reference ? [reference] : [], meta: { source: 'commit' }, signal: task.signal },
  );
  ctx.emit({ type: 'store.changed' });
  return { id: image.id, reference, manifestDigest: image.manifest.digest };
}

/**
 * A layer whose source is opened only when the writer reads it (after the layers before it are in), so one add is
 * read at a time and a failed open fails the write like any read error.
 */
function lazyLayer(mediaType: string, open: () => Promise<LayerInput>): LayerInput {
  let opened: LayerInput | null = null;
  async function* stream(): AsyncGenerator<Uint8Array> {
    opened = await open();
    if (!('stream' in opened)) throw new BerthError('INTERNAL', 'an added layer must be a stream');
    yield* opened.stream;
  }
  return {
    stream: stream(),
    mediaType,
    unpackedSize: () => (opened && 'stream' in opened ? opened.unpackedSize?.() ?? 0 : 0),
  };
}
