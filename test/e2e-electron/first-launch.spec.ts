import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { clickMenu, skipUnlessRunnable, test, title } from './fixture';

/*
 * First-launch defects of issue 13, in the real app (skipped, with the reason, without the binary).
 * The mocked-Electron tests in test/electron/ cover the same behaviour where there is no binary.
 */
skipUnlessRunnable();

const answerPrompts = (app: Parameters<typeof title>[0], response: number) =>
  app.evaluate(({ dialog }, r) => {
    dialog.showMessageBox = (async () => ({ response: r, checkboxChecked: false })) as unknown as typeof dialog.showMessageBox;
  }, response);

test('the app is called NetLoom, also unpackaged', async ({ desktop }) => {
  expect(await desktop.app.evaluate(({ app }) => app.getName())).toBe('NetLoom');
});

test("Don't Save removes the recovery snapshot, so the next start offers nothing", async ({ desktop, userData }) => {
  const { app, page } = desktop;
  await clickMenu(app, 'template:xor-mlp');
  await expect(page.locator('.react-flow__node[data-id="d1"]')).toBeVisible();
  const snapshot = join(userData, 'recovery.netloom.json');
  await expect.poll(() => existsSync(snapshot), { timeout: 20_000 }).toBe(true); // autosave while dirty
  await answerPrompts(app, 1);
  const closed = app.waitForEvent('close');
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
  await closed;
  expect(existsSync(snapshot)).toBe(false);
});

test('Cancel in the quit prompt keeps the app and its window', async ({ desktop }) => {
  const { app, page } = desktop;
  await clickMenu(app, 'template:xor-mlp');
  await expect(page.locator('.react-flow__node[data-id="d1"]')).toBeVisible();
  await expect.poll(() => title(app)).toContain('•');
  await answerPrompts(app, 2);
  await app.evaluate(({ app: electronApp }) => electronApp.quit());
  await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  await expect(page.getByTestId('canvas')).toBeVisible();
  await answerPrompts(app, 1); // let the fixture's close go through
});

test('Edit ▸ Paste from the menu pastes into the focused text field', async ({ desktop }) => {
  const { app, page } = desktop;
  await app.evaluate(({ clipboard }) => clipboard.writeText('pasted name'));
  await page.getByTestId('inspector-tab-graph').click();
  const field = page.getByTestId('graph-name');
  await field.fill('');
  await field.focus();
  await clickMenu(app, 'paste');
  await expect(field).toHaveValue('pasted name');
});
