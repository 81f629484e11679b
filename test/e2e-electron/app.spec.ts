import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, expect, type Page, test as base } from '@playwright/test';
import type { HostBridge } from '../../core/protocol/host';
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

const test = base.extend<Fixtures>({
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

test.skip(reason !== null, `${SKIP_PREFIX} ${reason ?? ''}`);

/** Clicks a native menu item by id, exactly as the user picking it would. */
async function clickMenu(app: ElectronApplication, id: string): Promise<void> {
  await app.evaluate(({ Menu }, itemId) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId);
    if (!item) throw new Error(`no menu item ${itemId}`);
    item.click();
  }, id);
}

const title = (app: ElectronApplication) => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle() ?? '');

test('starts locked down: custom protocol, sandbox, no Node, CSP header, popups denied', async ({ desktop }) => {
  const { app, page, errors } = desktop;
  expect(page.url()).toMatch(/^netloom:\/\/app\//);

  // getLastWebPreferences is not in Electron's typings but is what Electron's own specs use to read
  // back the effective preferences of a live webContents.
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as { getLastWebPreferences(): unknown };
    return contents.getLastWebPreferences();
  });
  expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });

  const inPage = await page.evaluate(async () => {
    const w = window as unknown as { netloom: HostBridge; require?: unknown; process?: unknown };
    const res = await fetch('/index.html');
    return {
      require: typeof w.require,
      process: typeof w.process,
      kind: w.netloom.kind,
      bridgeKeys: Object.keys(w.netloom).sort(),
      csp: res.headers.get('content-security-policy'),
      popup: window.open('https://example.com/') === null,
    };
  });
  expect(inPage).toMatchObject({ require: 'undefined', process: 'undefined', kind: 'electron', popup: true });
  expect(inPage.bridgeKeys).toEqual(expect.arrayContaining(['openFile', 'saveFile', 'onMenuCommand', 'setDocumentState']));
  expect(inPage.csp).toContain("script-src 'self'");
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  expect(errors.filter((e) => !e.includes('example.com'))).toEqual([]);
});

test('new from template, save through the native dialog, reopen from Open Recent', async ({ desktop, docs }) => {
  const { app, page, errors } = desktop;
  const node = page.locator('.react-flow__node[data-id="d1"]');

  await clickMenu(app, 'template:xor-mlp');
  await expect(node).toBeVisible();
  await expect.poll(() => title(app)).toContain('•');

  const target = join(docs, 'my-xor.json');
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as unknown as typeof dialog.showSaveDialog;
  }, target);
  await clickMenu(app, 'save');
  await expect.poll(() => title(app)).toBe('my-xor.json — NetLoom');
  const saved = JSON.parse(await readFile(target, 'utf8')) as { nodes: { id: string }[] };
  expect(saved.nodes.map((n) => n.id)).toContain('d1');

  await clickMenu(app, 'new');
  await expect(node).toHaveCount(0);

  await clickMenu(app, 'recent:0');
  await expect(node).toBeVisible();
  await expect.poll(() => title(app)).toBe('my-xor.json — NetLoom');
  expect(errors).toEqual([]);
});

test('closing with unsaved changes asks first; Cancel keeps the window, Don\'t Save closes it', async ({ desktop }) => {
  const { app, page } = desktop;
  await clickMenu(app, 'template:xor-mlp');
  await expect(page.locator('.react-flow__node[data-id="d1"]')).toBeVisible();
  await expect.poll(() => title(app)).toContain('•');

  const answer = (response: number) =>
    app.evaluate(({ dialog }, r) => {
      const g = globalThis as unknown as { promptCount?: number };
      g.promptCount = g.promptCount ?? 0;
      dialog.showMessageBox = (async () => {
        g.promptCount = (g.promptCount ?? 0) + 1;
        return { response: r, checkboxChecked: false };
      }) as unknown as typeof dialog.showMessageBox;
    }, response);
  const closeWindow = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());

  await answer(2); // Cancel
  await closeWindow();
  await expect.poll(() => app.evaluate(() => (globalThis as unknown as { promptCount?: number }).promptCount)).toBe(1);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

  await answer(1); // Don't Save
  const closed = app.waitForEvent('close');
  await closeWindow();
  await closed;
});
