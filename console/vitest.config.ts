import { defineConfig } from 'vitest/config';

// Component logic tests (`npm test` runs them after Jest): a DOM from happy-dom, React's
// automatic JSX runtime as in vite.config.ts.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
