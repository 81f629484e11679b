import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

/**
 * Profiles the training dock in browser mode (not part of the test suite): `npm run build:renderer`
 * first (NETLOOM_NO_MINIFY=1 for readable names), then
 *   SCEN=circle SECS=30 TRACE=1 npx playwright test -c scripts/profile-dock/playwright.config.ts
 * SCEN is `circle` (100,000 epochs), a template id, or `lessons/<file>`; PW/PH the window size; TRACE=1
 * adds thread CPU time per main-thread task from a Chromium trace, PROF=1 a sampled CPU profile of the
 * busy stretches, ALLOC=1 a sampled allocation profile. Figures go to `.tmp/profile-dock/`.
 */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'profile-dock.spec.ts',
  workers: 1,
  outputDir: '../../.tmp/profile-dock/results',
  // Serves the existing build (no rebuild per run, so A/B runs can alternate two builds).
  webServer: { ...(base.webServer as object), command: process.env.DIST_SERVER ?? 'node scripts/serve-web.mjs', cwd: process.cwd() },
  use: { ...base.use, viewport: { width: Number(process.env.PW ?? 1400), height: Number(process.env.PH ?? 900) } },
});
