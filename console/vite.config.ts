import { defineConfig } from 'vite';

// Served by Flowhub at / (src/console/): no inline scripts (the CSP allows only 'self'),
// so the module preload polyfill, which Vite would inline, is off. JSX is compiled by Vite's
// own transformer (oxc) with React's automatic runtime: no React plugin needed.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
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
