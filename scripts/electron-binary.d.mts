// Types for electron-binary.mjs (used by scripts/start.mjs and its test).
export const MISSING_ELECTRON: string;
export function findElectron(
  electronDir: string | null,
  env?: Record<string, string | undefined>,
): { ok: true; path: string } | { ok: false; message: string };
