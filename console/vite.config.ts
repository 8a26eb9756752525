import { defineConfig } from 'vite';

// Served by Flowhub at / (src/console/): no inline scripts (the CSP allows only 'self'),
// so the module preload polyfill, which Vite would inline, is off. JSX is compiled by Vite's
// own transformer (oxc) with React's automatic runtime: no React plugin needed.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, modulePreload: { polyfill: false } },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
