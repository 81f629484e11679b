import { clickEmptyCanvas, expect, loadTemplate, mod, nodeById, setParam, test } from './helpers';

test('edit a param, undo, redo (toolbar and keyboard); a drag is one undo step', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  const d1 = nodeById(page, 'd1');
  await d1.click();
  await setParam(page, 'units', '16');
  await expect(d1).toContainText('units 16');
  await expect(page.locator('.react-flow__edge-text').nth(1)).toHaveText('[B, 16]');

  await page.getByTestId('undo').click();
  await expect(d1).toContainText('units 8');
  await expect(page.getByTestId('param-units')).toHaveValue('8');
  await page.getByTestId('redo').click();
  await expect(d1).toContainText('units 16');

  // Keyboard, with focus on the canvas rather than a field.
  await clickEmptyCanvas(page);
  await page.keyboard.press(`${mod}+z`);
  await expect(d1).toContainText('units 8');
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect(d1).toContainText('units 16');
  await page.keyboard.press(`${mod}+z`);
  await page.keyboard.press(`${mod}+y`);
  await expect(d1).toContainText('units 16');

  // Ctrl+Z inside a text field is the field's own undo, not the graph's.
  await d1.click();
  const field = page.getByTestId('param-units');
  await field.fill('32');
  await field.press(`${mod}+z`);
  await expect(d1).toContainText('units 16');
  await field.press('Escape');

  // Dragging a node through many positions is one entry.
  const before = (await d1.boundingBox())!;
  await page.mouse.move(before.x + 30, before.y + 12);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(before.x + 30 + i * 8, before.y + 12 + i * 6);
  await page.mouse.up();
  const after = (await d1.boundingBox())!;
  expect(Math.round(after.x - before.x)).toBeGreaterThan(40);
  await clickEmptyCanvas(page);
  await page.keyboard.press(`${mod}+z`);
  await expect.poll(async () => Math.round((await d1.boundingBox())!.x)).toBe(Math.round(before.x));
  await expect(d1).toContainText('units 16');
});

test('copy-paste a 3-node selection keeps its inner edges, with new ids, at the cursor', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await nodeById(page, 'd1').click();
  await nodeById(page, 'a1').click({ modifiers: [mod] });
  await nodeById(page, 'd2').click({ modifiers: [mod] });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(3);
  await page.keyboard.press(`${mod}+c`);

  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + pane.width * 0.35, pane.y + pane.height * 0.75);
  await page.keyboard.press(`${mod}+v`);
  await expect(page.locator('.react-flow__node')).toHaveCount(9);
  await expect(page.locator('.react-flow__edge')).toHaveCount(7);
  // The copies are selected, have fresh ids, and sit where the cursor was.
  const pasted = page.locator('.react-flow__node.selected');
  await expect(pasted).toHaveCount(3);
  const ids = await pasted.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  expect(ids.sort()).toEqual(['activation1', 'dense1', 'dense2']);
  const first = (await nodeById(page, 'dense1').boundingBox())!;
  expect(Math.abs(first.x - (pane.x + pane.width * 0.35))).toBeLessThan(12);
  expect(Math.abs(first.y - (pane.y + pane.height * 0.75))).toBeLessThan(12);
  for (const id of ['e6', 'e7']) {
    const edge = page.locator(`.react-flow__edge[data-id="${id}"]`);
    await expect(edge).toHaveCount(1);
  }
  // One paste = one undo step.
  await page.keyboard.press(`${mod}+z`);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await expect(page.locator('.react-flow__edge')).toHaveCount(5);

  // Cut removes, select-all + Delete empties, undo brings everything back.
  await page.keyboard.press(`${mod}+y`);
  await page.keyboard.press(`${mod}+x`);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await page.keyboard.press(`${mod}+z`);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
});

test('box select with Shift+drag', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  // The template is fitted into view with an animation: measure the nodes once they stand still.
  let last = '';
  await expect.poll(async () => {
    const box = JSON.stringify(await nodeById(page, 'd2').boundingBox());
    const settled = box === last;
    last = box;
    return settled;
  }, { intervals: [150] }).toBe(true);
  const a = (await nodeById(page, 'd1').boundingBox())!;
  const b = (await nodeById(page, 'd2').boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(a.x - 10, a.y - 30);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width + 10, b.y + b.height + 30, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(3);
  await expect(page.getByTestId('inspector')).toContainText('3 blocks selected');
});
