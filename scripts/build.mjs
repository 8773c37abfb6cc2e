// Builds every shell: the CLI, the Electron main and preload (bundled by esbuild; dependencies stay in
// node_modules) and the renderer (Vite). One command so `npm start`, `npm test` and `npm run dist` agree.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
// Optional: "node" (the CLI, Electron main and preload), "electron" (main and preload only, leaving dist/cli alone)
// or "renderer".
const only = process.argv[2];
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: root };

if (!only || only === 'node') {
  await rm(path.join(root, 'dist', 'cli'), { recursive: true, force: true });
  await build({
    ...common,
    // The service worker `berth serve` runs the service in, so no request stalls its HTTP loop.
    entryPoints: { 'cli/berth': 'electron/cli/main.ts', 'cli/service-worker': 'electron/core/worker/worker-entry.ts' },
    outdir: 'dist',
    format: 'esm',
    // Split so that `berth serve` and the xz/zstd decoders load only when used: startup time is most of `berth images`.
    splitting: true,
    chunkNames: 'cli/chunks/[name]-[hash]',
    // undici is bundled: loaded from node_modules it is a hundred files, a third of a second of `berth pull`'s start.
    external: Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => name !== 'undici'),
    banner: { js: "import { createRequire as __berthRequire } from 'node:module'; const require = __berthRequire(import.meta.url);" },
  });
}
if (!only || only === 'node' || only === 'electron') {
  await rm(path.join(root, 'dist', 'electron'), { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: { 'electron/main': 'electron/main/main.ts' },
    outdir: 'dist',
    format: 'esm',
    packages: 'external',
    external: ['electron'],
    banner: { js: "import { createRequire as __berthRequire } from 'node:module'; const require = __berthRequire(import.meta.url);" },
  });
  // A sandboxed preload cannot load other files: it must be one CommonJS bundle.
  await build({
    ...common,
    entryPoints: { 'electron/preload': 'electron/preload/preload.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    external: ['electron'],
  });
}
if (!only || only === 'renderer') {
  await viteBuild({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
}
