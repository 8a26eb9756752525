import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a .br and a .gz beside each JS and CSS asset: Flowhub serves them to browsers that
 * accept them (src/console/console-static.ts, preCompressed), so the bytes sent are the
 * compressed ones with no compression work per request.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'flowhub-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const name of readdirSync(assets).filter((file) => /\.(js|css)$/.test(file))) {
        const body = readFileSync(join(assets, name));
        writeFileSync(join(assets, `${name}.gz`), gzipSync(body, { level: 9 }));
        const quality = { [constants.BROTLI_PARAM_QUALITY]: 11 };
        writeFileSync(join(assets, `${name}.br`), brotliCompressSync(body, { params: quality }));
      }
    },
  };
}

// Served by Flowhub at / (src/console/): no inline scripts (the CSP allows only 'self'),
// so the module preload polyfill, which Vite would inline, is off. JSX is compiled by Vite's
// own transformer (oxc) with React's automatic runtime: no React plugin needed.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    rollupOptions: {
      onwarn(warning, warn) {
        // TanStack Query marks its files "use client" for React Server Components; a
        // browser-only bundle has no use for the directive.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
