import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { EXAMPLES_DIR } from '../helpers/examples';
import { expect, exportJson, pickFile, test } from './helpers';

/** A three-class network on `gaussians` (the XOR example with a softmax output over 3 units). */
function threeClassGraph(): string {
  const g = JSON.parse(readFileSync(`${EXAMPLES_DIR}/xor-mlp.json`, 'utf8'));
  g.name = 'Drawn three';
  for (const n of g.nodes) {
    if (n.id === 'd2') n.params.units = 3;
    if (n.id === 'a2') n.params.fn = 'softmax';
    if (n.id === 'loss') n.params.fn = 'cross_entropy';
  }
  g.training.dataset = { name: 'gaussians', classes: 3 };
  g.training.epochs = 20;
  return JSON.stringify(g);
}

/** Click the drawing layer at a fraction of its plane square (0..1 from the left and from the top). */
async function clickAt(page: Page, fx: number, fy: number): Promise<void> {
  const box = (await page.getByTestId('draw-layer').boundingBox())!;
  // The plane square: 30 px axis margin left, 6 right and top, 18 below (decisionSquare).
  const side = Math.min(box.width - 36, box.height - 24);
  const x0 = 30 + Math.max(0, (box.width - 36 - side) / 2);
  await page.mouse.click(box.x + x0 + fx * side, box.y + 6 + fy * side);
}

test('draw points of three classes, erase one by dragging, save, reopen, train on them alone', async ({ app: page }) => {
  test.setTimeout(120_000);
  await pickFile(page, () => page.getByTestId('menu-import-json').click(), 'drawn.json', threeClassGraph());
  await expect(page.getByTestId('draw-class-2')).toBeVisible();
  await expect(page.getByTestId('draw-class-3')).toHaveCount(0);

  const spots: [number, number, number][] = [[0, 0.2, 0.8], [0, 0.25, 0.75], [1, 0.8, 0.8], [1, 0.75, 0.75], [2, 0.5, 0.2], [2, 0.55, 0.25], [2, 0.9, 0.1]];
  for (const [k, fx, fy] of spots) {
    await page.getByTestId(`draw-class-${k}`).click();
    await clickAt(page, fx, fy);
  }
  await expect(page.getByTestId('drawn-point')).toHaveCount(7);
  await expect(page.locator('[data-testid="drawn-point"][data-label="2"]')).toHaveCount(3);

  // Press and drag across the lone class-2 point at the top right: it is erased, nothing else.
  const box = (await page.getByTestId('draw-layer').boundingBox())!;
  const side = Math.min(box.width - 36, box.height - 24);
  const x0 = box.x + 30 + Math.max(0, (box.width - 36 - side) / 2);
  await page.mouse.move(x0 + 0.97 * side, box.y + 6 + 0.03 * side);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(x0 + (0.97 - i * 0.02) * side, box.y + 6 + (0.03 + i * 0.02) * side);
  await page.mouse.up();
  await expect(page.getByTestId('drawn-point')).toHaveCount(6);
  // Undo brings the erased point back in one step.
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('drawn-point')).toHaveCount(7);
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('drawn-point')).toHaveCount(6);

  await page.getByTestId('draw-only').check();
  const saved = await exportJson(page);
  const ds = (saved.json as { training: { dataset: { pointsMode: string; points: { x: number; y: number; label: number }[] } } }).training.dataset;
  expect(ds.pointsMode).toBe('only');
  expect(ds.points.map((p) => p.label).sort()).toEqual([0, 0, 1, 1, 2, 2]);
  // Left of centre is negative x, low on the chart is negative y (the default −6…6 plane).
  const first = ds.points.find((p) => p.label === 0)!;
  expect(first.x).toBeLessThan(0);
  expect(first.y).toBeLessThan(0);

  // Reopen the saved file: the points are there, and they train.
  await page.getByTestId('menu-new').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('drawn-point')).toHaveCount(0);
  await pickFile(page, () => page.getByTestId('menu-import-json').click(), saved.name, saved.text);
  await expect(page.getByTestId('drawn-point')).toHaveCount(6);
  await expect(page.getByTestId('draw-only')).toBeChecked();
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('run-state')).toHaveText('done', { timeout: 90_000 });
  await expect(page.getByTestId('metric-accuracy')).toHaveText(/^(0(\.\d+)?|1)$/);
  await expect(page.getByTestId('chart-decision-empty')).toHaveCount(0);
});
