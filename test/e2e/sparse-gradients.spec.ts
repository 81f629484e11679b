import { expect, loadTemplate, test } from './helpers';

/**
 * Gradient norms are sampled once an epoch, so a short run of long epochs (a CNN for one epoch) has a
 * single sample per layer. It must still show: each layer's sample is drawn as a dot in its colour,
 * not an empty-looking pair of axes. And the decision-boundary column, which has nothing to draw for
 * pictures, gives its width to the curves.
 */
test('a one-epoch CNN run draws its single gradient sample per layer', async ({ app: page }) => {
  test.setTimeout(90_000);
  await loadTemplate(page, 'shapes-cnn');
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-epochs').press('Enter');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('run-state')).toHaveText('done', { timeout: 60_000 });
  const chart = page.getByTestId('chart-gradients');
  await expect(chart).toHaveAttribute('data-points', '1');
  await expect(chart).toHaveAttribute('data-step', '50');
  // The first layer's colour (#2563eb) is on the plot canvas: its one sample is drawn.
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
