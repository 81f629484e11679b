import { defineConfig } from '@playwright/test';

/**
 * Desktop-app e2e: launches the built app (dist/electron/main.js) with Playwright's `_electron`.
 * Skipped, with the reason printed, where the Electron binary is not installed.
 */
export default defineConfig({
  testDir: 'test/e2e-electron',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e-electron/global-setup.ts',
  outputDir: '.tmp/playwright-electron-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One Electron app at a time: they share nothing, but each is a full browser.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
});
