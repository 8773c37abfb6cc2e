// The lint rule that keeps these helpers (and the other test-support folders, e2e/, bench/, tar-stream) out of
// production code, checked through ESLint's own API on files that exist only in memory.
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const eslint = new ESLint({ cwd: REPO });

/** The no-restricted-imports messages ESLint reports for `source` saved as `file` (repo-relative). */
async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(REPO, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// The forbidden module's name is built, not written out, so this file is not itself an import of it.
const ELECTRON = ['elec', 'tron'].join('');
const importOf = (module: string) => `import { app } from '${module}';`;

describe('test-only code stays out of production code', () => {
  it.each([
    ['electron/core/x.ts', "import { requirePeer } from './testing/peers.mjs';"],
    ['electron/core/image/x.ts', "import { setTag } from '../store/test-support/image.js';"],
    ['electron/main/x.ts', "import { run } from './test-support/run-main.mjs';"],
    ['electron/cli/x.ts', "import { makeRootfsTar } from '../core/testing/tarball.mjs';"],
    ['electron/web/x.ts', "import { rootfs } from '../../e2e/support/tar.js';"],
    ['shared/x.ts', "import { ensureBigTarball } from '../bench/lib/tarball.mjs';"],
    ['renderer/src/x.tsx', "import { pack } from 'tar-stream';"],
  ])('%s may not import %s', async (file, source) => {
    expect(await restricted(file, `${source}\n`)).toEqual([expect.stringMatching(/test|bench/)]);
  });

  it.each([
    ['electron/core/x.test.ts', "import { requirePeer } from './testing/peers.mjs';"],
    ['electron/core/testing/x.ts', "import { pack } from 'tar-stream';"],
    ['electron/core/store/test-support/x.ts', "import { makeRootfsTar } from '../../testing/tarball.mjs';"],
    ['renderer/src/x.test.tsx', "import { rootfs } from '../../e2e/support/tar.js';"],
  ])('%s (a test or a helper) may import %s', async (file, source) => {
    expect(await restricted(file, `${source}\n`)).toEqual([]);
  });

  it('keeps the plain-Node ban on electron alongside it', async () => {
    const messages = await restricted('electron/core/x.ts', `${importOf(ELECTRON)}\nimport { pack } from 'tar-stream';\n`);
    expect(messages).toEqual([expect.stringMatching(/no electron import/), expect.stringMatching(/tar-stream/)]);
    expect(await restricted('electron/main/x.ts', `${importOf(ELECTRON)}\n`)).toEqual([]);
  });
});
