import { expect, loadTemplate, test } from './helpers';

/**
 * Dataset and training settings live in one place, the Training dock: at 1280×720 optimizer, learning
 * rate and epochs are in sight without scrolling, the Graph tab holds no copy of them, and every
 * automation id the Graph tab's copies had still drives the one remaining control.
 */
test.use({ viewport: { width: 1280, height: 720 } });

test('training settings are in the dock only, the main three in sight at 1280×720', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  for (const id of ['train-optimizer', 'train-lr', 'train-epochs']) {
    const control = page.getByTestId(id);
    await expect(control).toHaveCount(1);
    // In the viewport and not scrolled away inside a dock column (IntersectionObserver sees the clip).
    await expect(control).toBeInViewport({ ratio: 1 });
    expect((await control.boundingBox())!.y + (await control.boundingBox())!.height).toBeLessThanOrEqual(720);
  }
  await page.screenshot({ path: '.tmp/e2e-settings-1280.png' });

  await page.getByTestId('inspector-tab-graph').click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector.getByTestId('graph-name')).toBeVisible();
  // No second dataset or optimizer control in the inspector.
  await expect(inspector.locator('select')).toHaveCount(0);
  await expect(inspector.getByTestId('graph-training-summary')).toContainText('sgd, learning rate 0.1');

  // The former Graph-tab ids act on the dock's controls.
  await page.getByTestId('training-lr').fill('0.05');
  await page.getByTestId('training-lr').press('Enter');
  await expect(page.getByTestId('train-lr')).toHaveValue('0.05');
  await expect(inspector.getByTestId('graph-training-summary')).toContainText('learning rate 0.05');
  await page.getByTestId('training-optimizer').selectOption('adam');
  await expect(page.getByTestId('train-optimizer')).toHaveValue('adam');
  await page.getByTestId('training-epochs').fill('321');
  await page.getByTestId('training-epochs').press('Enter');
  await expect(page.getByTestId('train-epochs')).toHaveValue('321');
  await page.getByTestId('training-batchSize').fill('16');
  await page.getByTestId('training-batchSize').press('Enter');
  await expect(page.getByTestId('train-batch')).toHaveValue('16');
  await page.getByTestId('training-seed').fill('7');
  await page.getByTestId('training-seed').press('Enter');
  await expect(page.getByTestId('train-seed')).toHaveValue('7');
  await expect(inspector.getByTestId('graph-training-summary')).toHaveText('XOR · adam, learning rate 0.05 · 321 epochs, batch 16');
  await page.getByTestId('training-dataset').selectOption('circle');
  await expect(page.getByTestId('dataset-select')).toHaveValue('circle');
  await page.getByTestId('training-dataset-samples').fill('300');
  await page.getByTestId('training-dataset-samples').press('Enter');
  await expect(page.getByTestId('dataset-param-samples')).toHaveValue('300');

  // From the Graph tab, one click opens a folded dock at its settings.
  await page.getByTestId('training-toggle').click();
  await expect(page.getByTestId('train-optimizer')).toHaveCount(0);
  await page.getByTestId('graph-open-training').click();
  await expect(page.getByTestId('training-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('train-optimizer')).toBeFocused();
  await expect(page.getByTestId('train-optimizer')).toHaveValue('adam');
});
