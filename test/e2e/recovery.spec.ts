import { expect, nodeOf, test } from './helpers';

test('unsaved work is autosaved and offered back after a reload', async ({ app: page }) => {
  await page.getByTestId('palette-item-Input').dblclick();
  await page.getByTestId('palette-item-Dense').dblclick();
  await page.getByTestId('palette-item-Activation-relu').dblclick();
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await expect(page.getByTestId('dirty-marker')).toBeVisible();

  // The autosave timer (every 3 s while dirty) writes the recovery copy without any unload event.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('netloom.recovery')), { timeout: 6000 }).not.toBeNull();
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('netloom.recovery')!));
  expect(JSON.parse(stored.graph).nodes).toHaveLength(3);

  await page.reload();
  await expect(page.getByTestId('recovery-banner')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await page.getByTestId('recovery-restore').click();
  await expect(page.getByTestId('recovery-banner')).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await expect(nodeOf(page, 'Activation', 'relu')).toHaveCount(1);
  await expect(page.getByTestId('dirty-marker')).toBeVisible();

  // Discard forgets it for good.
  await page.reload();
  await page.getByTestId('recovery-discard').click();
  await expect(page.getByTestId('recovery-banner')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await page.waitForTimeout(300);
  await expect(page.getByTestId('recovery-banner')).toHaveCount(0);
});
