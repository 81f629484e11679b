import { defineConfig } from '@playwright/test';
import { createServer } from 'node:net';

/**
 * E2E tests drive the browser-mode build in Debian's Chromium (never a downloaded browser). The web
 * server builds the renderer once and serves it with the production CSP on a free port.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

// The config is evaluated in the runner and again in each worker: the first choice is passed down.
const port = Number(process.env.NETLOOM_E2E_PORT ?? (process.env.NETLOOM_E2E_PORT = String(await freePort())));
const baseURL = `http://127.0.0.1:${port}/`;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: '.tmp/playwright-results',
  timeout: 60_000,
  expect: { timeout: 7_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1400, height: 860 },
    acceptDownloads: true,
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'npm run build:renderer --silent && node scripts/serve-web.mjs',
    url: baseURL,
    env: { PORT: String(port) },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
