import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    setupFiles: ['test/helpers/relaxed-simd-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
