/** The desktop app under Playwright's `_electron`, shared by the specs here; skipped with the reason where it cannot run. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, expect, type Page, test as base } from '@playwright/test';
import { findElectronBinary, SKIP_PREFIX } from './electron-binary';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'electron', 'main.js');

/** Why this machine cannot run the desktop app, or null when it can. */
function skipReason(): string | null {
  const binary = findElectronBinary();
  if (!binary.ok) return binary.reason;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display server (DISPLAY/WAYLAND_DISPLAY unset); run under `xvfb-run npm run test:electron-e2e`.';
  }
  return null;
}
const reason = skipReason();
// Printed as well as passed to test.skip, so a skipped run is visible in any reporter's output.
if (reason) console.warn(`${SKIP_PREFIX} ${reason}`);

interface Fixtures {
  userData: string;
  docs: string;
  desktop: { app: ElectronApplication; page: Page; errors: string[] };
}

export const test = base.extend<Fixtures>({
  userData: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'netloom-e2e-userdata-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  docs: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'netloom-e2e-docs-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  desktop: async ({ userData }, use) => {
    const binary = findElectronBinary();
    if (!binary.ok) throw new Error(binary.reason);
    // Chromium refuses to run its sandbox as root (containers); the renderer-side settings still apply.
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    const app = await electron.launch({
      executablePath: binary.path,
      args: [...rootArgs, MAIN],
      cwd: ROOT,
      env: { ...process.env, NETLOOM_USER_DATA_DIR: userData } as Record<string, string>,
    });
    const page = await app.firstWindow();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) errors.push(`console: ${m.text()}`);
    });
    await expect(page.getByTestId('canvas')).toBeVisible();
    // A fresh profile shows the first-launch start screen; closing it leaves the editor as before.
    if (await page.getByTestId('start-screen').count()) await page.getByTestId('start-close').click();
    await use({ app, page, errors });
    await app.close().catch(() => undefined);
  },
});

/** Each spec calls this at its top level (a skip in an imported module would apply to one file only). */
export const skipUnlessRunnable = () => test.skip(reason !== null, `${SKIP_PREFIX} ${reason ?? ''}`);

/** Clicks a native menu item by id, exactly as the user picking it would. */
export async function clickMenu(app: ElectronApplication, id: string): Promise<void> {
  await app.evaluate(({ Menu }, itemId) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId);
    if (!item) throw new Error(`no menu item ${itemId}`);
    item.click();
  }, id);
}

export const title = (app: ElectronApplication) => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle() ?? '');
