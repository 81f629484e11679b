import { expect, loadTemplate, test } from './helpers';

/** MNIST's Validation tab shows a grid of digits with predicted and true classes, misclassified first. */
test('MNIST validation tab: a grid of example digits, misclassified first', async ({ app: page }) => {
  test.setTimeout(120_000);
  await loadTemplate(page, 'mnist-mlp');
  await page.getByTestId('dataset-param-samples').fill('500');
  await page.getByTestId('dataset-param-samples').press('Enter');
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-epochs').press('Enter');
  await page.getByTestId('training-tab-validation').click();
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('run-state')).toHaveText('done', { timeout: 90_000 });
  const grid = page.getByTestId('validation-examples');
  await expect(grid).toBeVisible();
  await expect(grid).toHaveAttribute('data-count', /\d+/);
  const items = grid.locator('.nl-tr-example');
  const n = await items.count();
  expect(n).toBeGreaterThan(10);
  const rows = await items.evaluateAll((els) => els.map((e) => ({ p: (e as HTMLElement).dataset.predicted, a: (e as HTMLElement).dataset.actual })));
  const wrong = rows.map((r) => r.p !== r.a);
  // Misclassified first: once a correct one appears, no wrong one follows.
  const firstRight = wrong.indexOf(false);
  if (firstRight >= 0) expect(wrong.slice(firstRight).some(Boolean)).toBe(false);
  expect(Number(await grid.getAttribute('data-misclassified'))).toBe(wrong.filter(Boolean).length);
  // The pictures are drawn: ink and paper, not a blank canvas.
  const shades = await items.first().locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4) seen.add(data[i]!);
    return seen.size;
  });
  expect(shades).toBeGreaterThan(5);
  await page.screenshot({ path: '.tmp/e2e-validation-examples.png' });
});
