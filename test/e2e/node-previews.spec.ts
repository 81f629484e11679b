import type { Locator, Page } from '@playwright/test';
import { expect, loadTemplate, nodeById, revealNode, test } from './helpers';
import { canvasColours } from './canvas-colours';

/**
 * Canvas nodes of convolution, pooling and recurrent kinds show a glimpse of what the Layers tab shows
 * in full (feature maps, hidden state over time) for the inspected example, following every Step.
 * Everything waits on state (data-step, data-shown, metric-step), never on time or engine speed.
 */

async function step(page: Page): Promise<number> {
  const v = await page.getByTestId('metric-step').getAttribute('data-value');
  return v === null || v === '' ? NaN : Number(v);
}

/** Take one Step and wait until the run reports it. */
async function stepOnce(page: Page): Promise<number> {
  const before = await step(page);
  await page.getByTestId('train-step').click();
  await expect.poll(() => step(page)).toBe(Number.isNaN(before) ? 1 : before + 1);
  return step(page);
}

/** The preview sits inside its node's box (no overflow onto the canvas or a neighbour). */
async function expectInsideNode(node: Locator, preview: Locator): Promise<void> {
  const n = (await node.boundingBox())!;
  const p = (await preview.boundingBox())!;
  expect(p.width).toBeGreaterThan(40);
  expect(p.x).toBeGreaterThanOrEqual(n.x - 0.5);
  expect(p.y).toBeGreaterThanOrEqual(n.y - 0.5);
  expect(p.x + p.width).toBeLessThanOrEqual(n.x + n.width + 0.5);
  expect(p.y + p.height).toBeLessThanOrEqual(n.y + n.height + 0.5);
}

test('the shapes CNN\'s convolution and pooling nodes show their first feature maps after a few Steps', async ({ app: page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await loadTemplate(page, 'shapes-cnn');
  const c1 = nodeById(page, 'c1');
  // Nothing before a run: an idle graph looks as it always did.
  await expect(c1.getByTestId('node-inspect-preview')).toHaveCount(0);
  await stepOnce(page);
  await stepOnce(page);
  const at = await stepOnce(page);
  const preview = c1.getByTestId('node-inspect-preview');
  // The preview follows the run: its answer is about the step the run is paused at.
  await expect(preview).toHaveAttribute('data-step', String(at));
  await expect(preview).toHaveAttribute('data-kind', 'maps');
  await expect(preview).toHaveAttribute('data-total', '16');
  await expect(preview).toHaveAttribute('data-shown', '4');
  await expect(preview).toHaveAttribute('data-example', '0');
  await expect.poll(() => canvasColours(preview.locator('canvas'))).toBeGreaterThan(8);
  // A pool shows its maps too; a Dense (no maps) shows none.
  await expect(nodeById(page, 'p2').getByTestId('node-inspect-preview')).toHaveAttribute('data-total', '32');
  await expect(nodeById(page, 'out').getByTestId('node-inspect-preview')).toHaveCount(0);
  await revealNode(page, c1);
  await expectInsideNode(c1, preview);
  await page.screenshot({ path: '.tmp/e2e-node-previews-1280.png' });

  // One more Step: the preview asks again and shows the new weights' maps.
  const next = await stepOnce(page);
  await expect(preview).toHaveAttribute('data-step', String(next));

  // The example chosen in the Layers tab is the one the previews show.
  await page.getByTestId('training-tab-layers').click();
  await page.getByTestId('feature-maps-example').fill('3');
  await expect(preview).toHaveAttribute('data-example', '3');
  await expect(page.getByTestId('chart-feature-maps')).toHaveAttribute('data-shown', 'c1:3:16');

  await page.setViewportSize({ width: 1400, height: 900 });
  await revealNode(page, c1);
  await expectInsideNode(c1, preview);
  await expect.poll(() => canvasColours(preview.locator('canvas'))).toBeGreaterThan(8);
  await page.screenshot({ path: '.tmp/e2e-node-previews-1400.png' });
});

test('an LSTM node shows its hidden state over time after one Step', async ({ app: page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await loadTemplate(page, 'copy-first-lstm');
  const at = await stepOnce(page);
  const rnn = nodeById(page, 'rnn');
  const preview = rnn.getByTestId('node-inspect-preview');
  await expect(preview).toHaveAttribute('data-step', String(at));
  await expect(preview).toHaveAttribute('data-kind', 'hidden');
  await expect(preview).toHaveAttribute('data-total', '32');
  await expect(preview).toHaveAttribute('title', /30 steps/);
  await expect.poll(() => canvasColours(preview.locator('canvas'))).toBeGreaterThan(8);
  await revealNode(page, rnn);
  await expectInsideNode(rnn, preview);
  await page.screenshot({ path: '.tmp/e2e-node-previews-lstm.png' });
});

test('a Conv1D node shows its first channels as strips after one Step', async ({ app: page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await loadTemplate(page, 'conv1d-count-tokens');
  const at = await stepOnce(page);
  const c1 = nodeById(page, 'c1');
  const preview = c1.getByTestId('node-inspect-preview');
  await expect(preview).toHaveAttribute('data-step', String(at));
  await expect(preview).toHaveAttribute('data-kind', 'maps');
  await expect(preview).toHaveAttribute('data-total', '16');
  await expect(preview).toHaveAttribute('data-shown', '8');
  await expect.poll(() => canvasColours(preview.locator('canvas'))).toBeGreaterThan(8);
  await revealNode(page, c1);
  await expectInsideNode(c1, preview);
});
