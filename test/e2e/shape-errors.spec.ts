import { clickEmptyCanvas, expect, loadTemplate, nodeById, selectEdge, setParam, test } from './helpers';

test('a shape error shows on the right node and clears when fixed', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await expect(page.getByTestId('problems-empty')).toBeVisible();

  // cross_entropy on a binary dataset needs 2 outputs; Dense d2 gives 1.
  await nodeById(page, 'loss').click();
  await page.getByTestId('inspector').getByTestId('param-fn').selectOption('cross_entropy');
  const loss = nodeById(page, 'loss');
  await expect(loss.getByTestId('node-error')).toHaveText('1');
  await expect(loss.getByTestId('node-problem')).toContainText('cross_entropy needs one output per class (2)');
  for (const id of ['in', 'd1', 'a1', 'd2', 'a2']) await expect(nodeById(page, id).getByTestId('node-error')).toHaveCount(0);
  const item = page.getByTestId('problem-item');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-node-id', 'loss');

  // Clicking the problem selects the node it is about.
  await clickEmptyCanvas(page);
  await item.click();
  await expect(page.getByTestId('inspector')).toContainText('Loss');
  await expect(loss).toHaveClass(/selected/);
  await page.getByTestId('fit-view').click();

  await nodeById(page, 'd2').click();
  await setParam(page, 'units', '2');
  await expect(loss.getByTestId('node-error')).toHaveCount(0);
  await expect(page.getByTestId('problems-empty')).toBeVisible();
  await expect(page.locator('.react-flow__edge-text').filter({ hasText: '[B, 2]' })).toHaveCount(3);
});

test('an invalid param is shown, not applied', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await nodeById(page, 'd1').click();
  await setParam(page, 'units', '0');
  await expect(page.getByTestId('param-units-error')).toContainText('must be');
  await expect(nodeById(page, 'd1')).toContainText('units 8');
  await expect(page.getByTestId('undo')).toBeDisabled();
});

test('while dragging a wire, incompatible targets are dimmed with the reason', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  // Free the loss input and make it want 2 classes: Dense d2 (1 output) no longer fits.
  await selectEdge(page, 'e5');
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await nodeById(page, 'loss').click();
  await page.getByTestId('inspector').getByTestId('param-fn').selectOption('cross_entropy');
  await clickEmptyCanvas(page);

  const src = nodeById(page, 'a2').locator('.react-flow__handle.source');
  const box = (await src.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 60, box.y + 80, { steps: 5 });
  await expect(nodeById(page, 'loss').locator('.nl-node')).toHaveClass(/refused/);
  await expect(nodeById(page, 'loss').getByTestId('connect-refusal')).toContainText('one output per class');
  // Upstream nodes would make a cycle.
  await expect(nodeById(page, 'd1').getByTestId('connect-refusal')).toContainText('cycle');
  const target = (await nodeById(page, 'loss').locator('.react-flow__handle.target').boundingBox())!;
  await page.mouse.move(target.x + 6, target.y + 6, { steps: 5 });
  await page.mouse.up();
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await expect(nodeById(page, 'loss').locator('.nl-node')).not.toHaveClass(/refused/);
});
