import { clickEmptyCanvas, dropFromPalette, expect, nodeOf, setParam, test, wire } from './helpers';

test('build the XOR MLP by drag and drop, wire it, and end with no problems', async ({ app: page }) => {
  // Two rows of three, far enough apart that nodes never overlap at zoom 1.
  const steps: [string, number, number][] = [
    ['Input', 110, 90], ['Dense', 370, 90], ['Activation-tanh', 630, 90],
    ['Dense', 110, 300], ['Activation-sigmoid', 370, 300], ['Loss', 630, 300],
  ];
  // No training here: fold the dock away so the second row stays on the canvas even once the Problems
  // list opens below it (which it does as soon as there are unconnected nodes).
  await page.getByTestId('panel-toggle-dock').click();
  await expect.poll(async () => (await page.locator('.react-flow__pane').boundingBox())!.height).toBeGreaterThan(480);
  for (const [key, x, y] of steps) await dropFromPalette(page, key, x, y);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await expect(nodeOf(page, 'Activation', 'tanh')).toHaveCount(1);
  await expect(nodeOf(page, 'Activation', 'sigmoid')).toHaveCount(1);

  // Nothing is wired yet: the problems panel says so.
  await expect(page.getByTestId('problem-item').filter({ hasText: 'is not connected' }).first()).toBeVisible();

  const dense = nodeOf(page, 'Dense');
  await dense.nth(1).click();
  await setParam(page, 'units', '1');
  await expect(dense.nth(1)).toContainText('units 1');
  await nodeOf(page, 'Loss').click();
  await page.getByTestId('inspector').getByTestId('param-fn').selectOption('bce');
  await clickEmptyCanvas(page);

  await wire(page, nodeOf(page, 'Input'), dense.nth(0));
  await wire(page, dense.nth(0), nodeOf(page, 'Activation', 'tanh'));
  await wire(page, nodeOf(page, 'Activation', 'tanh'), dense.nth(1));
  await wire(page, dense.nth(1), nodeOf(page, 'Activation', 'sigmoid'));
  await wire(page, nodeOf(page, 'Activation', 'sigmoid'), nodeOf(page, 'Loss'));
  await page.screenshot({ path: '.tmp/e2e-xor-wired.png' });
  await expect(page.locator('.react-flow__edge')).toHaveCount(5);

  await expect(page.getByTestId('problems-empty')).toBeVisible();
  await expect(page.getByTestId('problems-count')).toHaveText('0');
  // Edges carry their tensor shapes; nodes show theirs.
  await expect(page.locator('.react-flow__edge-text')).toHaveText(['[B, 2]', '[B, 8]', '[B, 8]', '[B, 1]', '[B, 1]']);
  await expect(nodeOf(page, 'Activation', 'tanh').getByTestId('node-shape')).toHaveText('→ [B, 8]');

  // A wire back from the last Dense to the first would make a cycle: refused.
  await wire(page, dense.nth(1), dense.nth(0));
  await expect(page.locator('.react-flow__edge')).toHaveCount(5);
  await page.screenshot({ path: '.tmp/e2e-xor-built.png' });
});
