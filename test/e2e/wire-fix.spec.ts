import { expect, loadTemplate, nodeById, selectEdge, setParam, test, wire } from './helpers';

/** A refused wire's reason and its one-click fix stay on screen after the drag. */
test('XOR with Dense 8 before the output: the refused last wire explains itself and "Set Dense to 1 unit" fixes it', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await selectEdge(page, 'e5');
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await nodeById(page, 'd2').click();
  await setParam(page, 'units', '8');
  await wire(page, nodeById(page, 'a2'), nodeById(page, 'loss'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  const refused = page.getByTestId('wire-refused');
  await expect(refused).toBeVisible();
  await expect(refused).toContainText('Sigmoid → Loss refused');
  await expect(page.getByTestId('wire-fix')).toHaveText('Set Dense (d2) to 1 unit');
  await page.screenshot({ path: '.tmp/e2e-wire-fix.png' });
  await page.getByTestId('wire-fix').click();
  await expect(page.locator('.react-flow__edge')).toHaveCount(5);
  await expect(nodeById(page, 'd2')).toContainText('units 1');
  await expect(page.getByTestId('problems-empty')).toBeVisible();
  await expect(refused).toHaveCount(0);
});
