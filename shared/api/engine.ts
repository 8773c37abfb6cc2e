// The contract's image making: daemonless commit and the Docker Engine bridge.
// Plain data (structured clone and JSON); re-exported by shared/api.ts, which holds the API itself.

export interface CommitOptions {
  /** The image to build on (`--from`): a reference or an image ID in Berth's store. */
  from?: string;
  /** `REPOSITORY[:TAG]`; empty for an untagged image. */
  reference?: string;
  /** `-c` instructions in Dockerfile syntax (docker commit's allowed ones). */
  changes?: string[];
  /** `-m` commit message. */
  message?: string;
  /** `-a` author, e.g. "Jane Doe <jane@example.com>". */
  author?: string;
  /** `--add`: folders or tarballs on this machine (absolute paths), each one more layer, placed at `dest` (default /). */
  adds?: Array<{ path: string; dest?: string }>;
}

export interface CommitResult {
  id: string;
  reference: string | null;
  manifestDigest: string;
}

/** The local Docker Engine (or podman's Docker-compatible service), as the bridge found it. */
export type EngineInfo =
  | { reachable: true; host: string; kind: 'docker' | 'podman'; version: string; apiVersion: string; os: string; arch: string }
  /** `message` says why, once and plainly (docker's own "Cannot connect to the Docker daemon at …"). */
  | { reachable: false; host: string; message: string };

export interface EngineContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string;
  created: string | null;
  /** `running`, `exited`, …; `status` is the engine's sentence ("Up 2 minutes"). */
  state: string;
  status: string;
}

export interface EngineImage {
  id: string;
  tags: string[];
  created: string | null;
  size: number;
}

export interface CommitContainerOptions {
  reference?: string;
  changes?: string[];
  message?: string;
  author?: string;
  /** docker commit's `-p`: pause the container while committing (default true). */
  pause?: boolean;
}

/** What a Send to Engine gave the engine: each image with the tags sent for it. */
export interface SendResult {
  images: Array<{ id: string; tags: string[] }>;
}
