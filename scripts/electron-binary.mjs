// Where Electron's binary is, judged without require('electron') (which throws a long error with a stack when the
// binary was never downloaded): the electron package writes path.txt and dist/ only when its install script ran.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The one line `npm start` prints when the binary is missing: what is wrong, how to fix it, what works instead. */
export const MISSING_ELECTRON =
  "Berth: Electron's binary is not installed (its download was skipped or failed). " +
  'Run `node node_modules/electron/install.js` with internet access (and ELECTRON_SKIP_BINARY_DOWNLOAD unset), ' +
  'or use the browser shell instead: npm run build && node bin/berth.js serve';

/**
 * `electronDir` is node_modules/electron (null when the package itself is absent). Mirrors electron's index.js:
 * path.txt names the executable under dist/ (or under $ELECTRON_OVERRIDE_DIST_PATH).
 */
export function findElectron(electronDir, env = process.env) {
  if (!electronDir) return { ok: false, message: MISSING_ELECTRON };
  const pathFile = path.join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  let binary;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
  else if (executable) binary = path.join(electronDir, 'dist', executable);
  if (!binary || !existsSync(binary)) return { ok: false, message: MISSING_ELECTRON };
  return { ok: true, path: binary };
}
