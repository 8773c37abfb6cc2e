// `berth save` / the app's Save… and drag-out: images into one tarball that docker, podman and skopeo load
// (tarball/save-archive.ts has the shape). Which tags go in follows docker save (moby image/tarexport.parseNames):
// NAME:TAG saves that tag, a bare repository name every tag of it, an image ID (or name@digest) the image with
// every tag it has. A failed or cancelled save leaves no file under the target name (open-target.ts).
import type { SaveOptions, SaveResult, TaskHandle } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import type { ImageRecord } from '../image/model.js';
import { repoDigestsOf } from '../image/repo-digests.js';
import { resolveImage } from '../image/resolve.js';
import type { ImageManifest } from '../oci/manifest.js';
import type { ImageConfig } from '../oci/config.js';
import { defaultImagePlatform, parsePlatform } from '../oci/platform.js';
import { parseReference, repositoryName } from '../ref/reference.js';
import type { CoreFileTarget } from '../service-api.js';
import type { ImageStore } from '../store/types.js';
import { archiveBytes, planArchive, type ImageToSave } from '../tarball/save-archive.js';
import type { OperationContext } from './context.js';
import { writeToTarget } from './open-target.js';

/** A bare repository name (no tag, no digest, not an ID): docker saves every tag of it. */
function repositoryWide(records: readonly ImageRecord[], input: string): ImageRecord[] | null {
  if (!/^[a-z0-9]/.test(input) || input.includes('@') || /:[^/]*$/.test(input)) return null;
  let named;
  try {
    named = parseReference(input);
  } catch {
    return null;
  }
  const repo = repositoryName(named);
  const tagged = records.filter((r) => r.ref !== null && repositoryName(r.ref) === repo);
  return tagged.length > 0 ? tagged : null;
}

/** The images the inputs name, each once, with the tags to save for it. */
export function chooseImages(records: readonly ImageRecord[], inputs: readonly string[]): Array<{ record: ImageRecord; tags: string[] }> {
  const chosen = new Map<string, { record: ImageRecord; tags: Set<string> }>();
  const add = (record: ImageRecord, tag: string | null) => {
    const entry = chosen.get(record.manifestDigest) ?? { record, tags: new Set<string>() };
    if (tag) entry.tags.add(tag);
    chosen.set(record.manifestDigest, entry);
  };
  for (const input of inputs) {
    const wide = repositoryWide(records, input);
    if (wide) {
      for (const record of wide) add(record, record.reference);
      continue;
    }
    const resolution = resolveImage(records, input);
    for (const record of resolution.records) add(record, record.reference);
  }
  return [...chosen.values()].map(({ record, tags }) => ({ record, tags: [...tags] }));
}

export async function imageToSave(store: ImageStore, record: ImageRecord, tags: string[]): Promise<ImageToSave> {
  const manifestBytes = await store.readBlobBytes(record.manifestDigest);
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as ImageManifest;
  const config = await store.readBlobJson<ImageConfig>(manifest.config.digest);
  for (const blob of [manifest.config, ...manifest.layers]) {
    if (!(await store.hasBlob(blob.digest))) {
      throw new BerthError('NOT_FOUND', `cannot save ${record.reference ?? record.id}: its blob ${blob.digest} is not in the store (pull the image again)`);
    }
  }
  return {
    manifest: { mediaType: record.manifestMediaType, digest: record.manifestDigest, size: record.manifestSize },
    manifestBytes,
    config: manifest.config,
    layers: manifest.layers,
    diffIds: config.rootfs.diff_ids,
    tags,
    repoDigests: repoDigestsOf(record),
  };
}

/** Checks the names, then starts the save as a task and returns its handle. */
export async function startSave(ctx: OperationContext, references: readonly string[], target: CoreFileTarget, options: SaveOptions = {}): Promise<TaskHandle<'save'>> {
  try {
    if (references.length === 0) throw new BerthError('INVALID_ARGUMENT', 'save needs at least one image');
    const platform = options.platform ? parsePlatform(options.platform) : defaultImagePlatform();
    const { records } = await ctx.catalog.load(platform);
    const chosen = chooseImages(records, references);
    const title = `Save ${references.length === 1 ? references[0] : `${references.length} images`}`;
    return ctx.tasks.start('save', title, async (task): Promise<SaveResult> => {
      try {
        const images = [];
        for (const { record, tags } of chosen) images.push(await imageToSave(ctx.store, record, tags));
        const plan = await planArchive(ctx.store, images, { keepCompressed: options.keepCompressed ?? false, signal: task.signal });
        task.progress(0, plan.total);
        await writeToTarget(target, archiveBytes(ctx.store, plan, {
          signal: task.signal,
          onProgress: (bytes) => task.progress(bytes, plan.total),
        }), task.signal);
        return { images: chosen.map(({ record, tags }) => ({ id: record.id, tags })), size: plan.total };
      } catch (err) {
        if (task.signal.aborted && !(err instanceof BerthError && err.code === 'CANCELLED')) throw new BerthError('CANCELLED', 'save cancelled', { cause: err });
        throw err;
      } finally {
        await target.release?.();
      }
    });
  } catch (err) {
    await target.release?.();
    throw err;
  }
}
