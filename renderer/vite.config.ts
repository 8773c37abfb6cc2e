import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * The UI chunk (src/app/mount.tsx) is imported dynamically so that the entry, which asks for the first rows, runs
 * without waiting for React and the pages to compile. A modulepreload link makes the browser fetch and compile that
 * chunk at once, in parallel, rather than when the entry reaches the import.
 */
function preloadUiChunk(): Plugin {
  return {
    name: 'berth-preload-ui-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (out) => out.type === 'chunk' && out.isDynamicEntry && out.facadeModuleId?.endsWith('/src/app/mount.tsx'),
        );
        if (!chunk) throw new Error('the UI chunk (src/app/mount.tsx) is missing from the build');
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` }, injectTo: 'head' }];
      },
    },
  };
}

// Relative base so the same build loads from file:// (Electron) and from `berth serve`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), preloadUiChunk()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // No inline module-preload polyfill: the CSP forbids inline scripts.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
