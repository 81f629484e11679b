import type { Page } from '@playwright/test';
import { expect, loadTemplate, test } from './helpers';

/**
 * Views never describe a graph that is not on the canvas: opening another graph clears the live
 * read-outs, charts and node badges (the old run stays in the list under its graph's name). And the
 * arithmetic lesson is visible: NALU's error beyond the training range is far below the MLP's.
 */
async function num(page: Page, id: string): Promise<number> {
  const v = await page.getByTestId(id).first().getAttribute('data-value');
  return v === null || v === '' ? NaN : Number(v);
}

async function decisionColours(page: Page): Promise<number> {
  return page.getByTestId('chart-decision-canvas').evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 16) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  });
}

test('opening another template after training XOR leaves no stale read-out, chart or badge', async ({ app: page }) => {
  test.setTimeout(60_000);
  await loadTemplate(page, 'xor-mlp');
  await page.getByTestId('train-epochs').fill('5000');
  await page.getByTestId('train-epochs').press('Enter');
  await page.getByTestId('train-start').click();
  await expect.poll(() => num(page, 'metric-epoch')).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('node-live-health').first()).toBeVisible();
  await expect.poll(() => decisionColours(page)).toBeGreaterThan(20);

  // The epochs edit made the document dirty: the template asks first.
  await page.getByTestId('menu-template').selectOption('linear-only-xor');
  await page.getByTestId('confirm-ok').click();
  await expect(page.locator('[data-node-type="Activation"][data-fn="linear"]').first()).toBeVisible();
  await expect(page.getByTestId('run-state')).toHaveText('no run');
  expect(await num(page, 'metric-epoch')).toBe(0);
  expect(await num(page, 'metric-step')).toBe(0);
  expect(await num(page, 'metric-accuracy')).toBeNaN();
  expect(await num(page, 'metric-loss')).toBeNaN();
  await expect(page.getByTestId('node-live')).toHaveCount(0);
  await expect(page.getByTestId('chart-loss-empty')).toBeVisible();
  await expect(page.getByTestId('chart-loss-empty')).toContainText('No run');
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-points', '0');
  await expect(page.getByTestId('chart-gradients-empty')).toBeVisible();
  await expect(page.getByTestId('chart-decision-empty')).toBeVisible();
  expect(await decisionColours(page)).toBeLessThan(4);
  // The XOR run is still listed, named after its graph, and paused rather than left running (or done).
  const item = page.getByTestId('run-item');
  await expect(item).toHaveCount(1);
  await expect(item.locator('.nl-tr-run-name')).toContainText('XOR');
  await expect(item).toHaveAttribute('data-state', /^(paused|done)$/);
  await page.screenshot({ path: '.tmp/e2e-truthful-after-open.png' });
});

test('arithmetic: NALU shows an extrapolation error far below the MLP\'s, side by side with the training-range error', async ({ app: page }) => {
  test.setTimeout(90_000);
  const trainToEnd = async (template: string): Promise<{ range: number; beyond: number }> => {
    await loadTemplate(page, template);
    await expect(page.getByTestId('extrapolation-error')).toBeHidden();
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('run-state')).toHaveText('done', { timeout: 60_000 });
    await expect(page.getByTestId('extrapolation-error')).toBeVisible();
    await expect(page.getByTestId('train-range-error')).toBeVisible();
    return { range: await num(page, 'train-range-error'), beyond: await num(page, 'extrapolation-error') };
  };
  const nalu = await trainToEnd('nalu-add');
  const mlp = await trainToEnd('mlp-add');
  console.log(`extrapolation: nalu ${JSON.stringify(nalu)} mlp ${JSON.stringify(mlp)}`);
  // Both learn the training range; only NALU keeps it right beyond.
  expect(mlp.range).toBeLessThan(0.05);
  expect(nalu.range).toBeLessThan(0.05);
  expect(nalu.beyond).toBeLessThan(mlp.beyond / 10);
  // The runs list carries both errors for each run, and so does the compare view.
  await expect(page.getByTestId('run-extrapolation')).toHaveCount(2);
  for (const box of await page.getByTestId('run-compare').all()) await box.check();
  await page.getByTestId('training-tab-compare').click();
  await expect(page.getByTestId('compare-extrapolation').locator('tbody tr')).toHaveCount(2);
  await page.screenshot({ path: '.tmp/e2e-extrapolation.png' });
});
