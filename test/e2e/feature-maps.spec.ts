import type { Page } from '@playwright/test';
import { expect, loadTemplate, test } from './helpers';
import { canvasColours } from './canvas-colours';

/**
 * The Layers tab shows a convolution's feature maps for one chosen validation example. Everything is
 * polled on state (data-shown, data-value), never on time.
 */

async function num(page: Page, id: string): Promise<number> {
  const v = await page.getByTestId(id).getAttribute('data-value');
  return v === null || v === '' ? NaN : Number(v);
}

test('the shapes CNN shows one feature map per filter for the chosen example', async ({ app: page }) => {
  test.setTimeout(120_000);
  await loadTemplate(page, 'shapes-cnn');
  // Edge labels carry the channels-first shapes.
  await expect(page.locator('.react-flow__edge-text', { hasText: '[B, 16, 16, 16]' }).first()).toBeVisible();
  await page.getByTestId('train-epochs').fill('1000');
  await page.getByTestId('train-epochs').press('Enter');
  await page.getByTestId('train-start').click();
  await expect.poll(() => num(page, 'metric-epoch'), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  await page.getByTestId('training-tab-layers').click();
  const view = page.getByTestId('chart-feature-maps');
  await expect(view).toHaveAttribute('data-shown', 'c1:0:16');
  await expect.poll(() => canvasColours(view.locator('canvas')), { timeout: 15_000 }).toBeGreaterThan(8);
  await page.getByTestId('feature-maps-node').selectOption('p2');
  await expect(view).toHaveAttribute('data-shown', 'p2:0:32');
  await page.getByTestId('feature-maps-example').fill('3');
  await expect(view).toHaveAttribute('data-shown', 'p2:3:32');
});
