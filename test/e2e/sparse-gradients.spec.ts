import { expect, loadTemplate, test } from './helpers';

/**
 * Gradient norms were sampled once an epoch, so a short run of long epochs (a CNN for one epoch) had a
 * single sample per layer and an empty-looking chart. Now the worker samples inside long epochs (ten
 * times in this one) and the chart draws them in each layer's colour (as dots where they are sparse).
 * And the decision-boundary column, which has nothing to draw for pictures, gives its width to the curves.
 */
test('a one-epoch CNN run samples its gradients inside the epoch and draws them', async ({ app: page }) => {
  test.setTimeout(90_000);
  await loadTemplate(page, 'shapes-cnn');
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-epochs').press('Enter');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('run-state')).toHaveText('done', { timeout: 60_000 });
  const chart = page.getByTestId('chart-gradients');
  // 50 batches, a sample after every 5th: steps 5 to 50.
  await expect(chart).toHaveAttribute('data-points', '10');
  await expect(chart).toHaveAttribute('data-x-from', '5');
  await expect(chart).toHaveAttribute('data-x-to', '50');
  // The first layer's colour (#2563eb) is on the plot canvas: its samples are drawn.
  const blue = await chart.locator('canvas').first().evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - 37) < 30 && Math.abs(data[i + 1]! - 99) < 30 && Math.abs(data[i + 2]! - 235) < 30 && data[i + 3]! > 128) n++;
    return n;
  });
  expect(blue, 'no pixel of the first layer\'s colour').toBeGreaterThan(4);
  // Pictures have no plane to draw a boundary on: that column keeps only its reason, narrow.
  const decision = page.getByTestId('chart-decision');
  await expect(decision).toHaveAttribute('data-applies', 'false');
  await expect(page.getByTestId('chart-decision-empty')).toContainText('exactly 2 inputs');
  expect((await decision.boundingBox())!.width).toBeLessThanOrEqual(140);
});
