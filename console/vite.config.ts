import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by Flowhub at / (src/console/): no inline scripts (the CSP allows only 'self'),
// so the module preload polyfill, which Vite would inline, is off.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, modulePreload: { polyfill: false } },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
