// The image config a commit writes on top of its base, as moby's image.NewChildImage does for `docker commit`: the
// base's run config with the `-c` changes applied (changes.ts), the base's platform, its history with one entry more
// (created, author, created_by, comment; `empty_layer` when the commit added no files) and its diff_ids followed by
// the new layers'. The author is also recorded at the top level; the comment is not (dockerd 20.10 here writes it
// only into the history, so `docker inspect` of a commit shows an empty Comment). The base's own top-level comment
// and build details (container, container_config, docker_version) describe how the base was made, not this image,
// so they are not carried over. Serialised with Go's encoding rules (toGoJson), as import does.
import type { HistoryEntry, ImageConfig } from '../oci/config.js';
import { applyChanges } from './changes.js';
import { dockerRunConfig, goTimeNow } from './import-config.js';

export interface CommitConfigOptions {
  changes?: readonly string[];
  author?: string;
  message?: string;
  /** What the history says made the change (docker: the container's command). */
  createdBy: string;
  /** diff_ids of the layers the commit adds, in order; none for a config-only commit. */
  addedDiffIds: readonly string[];
  /** RFC 3339; now by default. */
  created?: string;
}

const BUILD_DETAILS = ['container', 'container_config', 'docker_version'];

export function buildCommitConfig(base: ImageConfig, options: CommitConfigOptions): ImageConfig {
  const created = options.created ?? goTimeNow();
  const entry = (emptyLayer: boolean): HistoryEntry => ({
    created,
    ...(options.author ? { author: options.author } : {}),
    ...(options.createdBy ? { created_by: options.createdBy } : {}),
    ...(options.message ? { comment: options.message } : {}),
    ...(emptyLayer ? { empty_layer: true } : {}),
  });
  const added = options.addedDiffIds.length === 0 ? [entry(true)] : options.addedDiffIds.map(() => entry(false));
  const config: ImageConfig = { ...base };
  for (const key of BUILD_DETAILS) delete config[key];
  delete config.author;
  delete config.comment;
  return {
    ...config,
    ...(options.author ? { author: options.author } : {}),
    config: dockerRunConfig(applyChanges(base.config ?? {}, options.changes ?? [])),
    created,
    history: [...(base.history ?? []), ...added],
    rootfs: { type: 'layers', diff_ids: [...base.rootfs.diff_ids, ...options.addedDiffIds] },
  };
}
