import type { Page } from '@playwright/test';
import { expect, loadTemplate, mod, nodeById, selectEdge, setParam, test } from './helpers';

/**
 * Nodes never overlap after an edit (1280×720): a problem's message floats outside the node's box, and
 * a node that grows (an error badge, a wider shape) moves its neighbours aside — in the same undo step.
 */
test.use({ viewport: { width: 1280, height: 720 } });

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function overlapping(page: Page): Promise<string[]> {
  const nodes = await page.locator('.react-flow__node').all();
  const boxes = await Promise.all(nodes.map(async (n) => ({ id: (await n.getAttribute('data-id'))!, box: (await n.boundingBox())! })));
  const pairs: string[] = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    if (overlaps(boxes[i]!.box, boxes[j]!.box)) pairs.push(`${boxes[i]!.id}/${boxes[j]!.id}`);
  }
  return pairs;
}

test('XOR: errors appearing on nodes leave every node box clear of the others', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
  expect(await overlapping(page)).toEqual([]);
  // 8 outputs into a 1-target loss: an error on the graph's end.
  await nodeById(page, 'd2').click();
  await setParam(page, 'units', '8');
  await expect(page.getByTestId('node-error').first()).toBeVisible();
  await page.screenshot({ path: '.tmp/e2e-no-overlap-shape.png' });
  await expect.poll(() => overlapping(page)).toEqual([]);
  // Unplug the first wire: the first Dense has no input, so errors show mid-row too.
  await selectEdge(page, 'e1');
  await page.keyboard.press('Delete');
  await expect(nodeById(page, 'd1').getByTestId('node-error')).toBeVisible();
  await expect(nodeById(page, 'd1').getByTestId('node-problem')).toBeVisible();
  await page.screenshot({ path: '.tmp/e2e-no-overlap-errors.png' });
  await expect.poll(() => overlapping(page)).toEqual([]);
  // The message is outside the node's box: it does not make the node taller.
  const node = nodeById(page, 'd1');
  const problem = node.getByTestId('node-problem');
  expect((await problem.boundingBox())!.y).toBeGreaterThanOrEqual((await node.boundingBox())!.y + (await node.boundingBox())!.height);

  // Undo both edits: the graph is back, still nothing overlaps.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press(`${mod}+z`);
  await page.keyboard.press(`${mod}+z`);
  await expect(page.getByTestId('problems-empty')).toBeVisible();
  await expect.poll(() => overlapping(page)).toEqual([]);
});

test('XOR while it trains: the live previews that grow the nodes push neighbours aside, never over them', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(6);
  const before = await Promise.all(['d1', 'a1', 'd2'].map(async (id) => (await nodeById(page, id).boundingBox())!));
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('run-state')).toHaveText(/done|running|paused/);
  await expect(page.getByTestId('node-live').first()).toBeVisible();
  await expect.poll(() => page.getByTestId('node-live').count()).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: '.tmp/e2e-no-overlap-live.png' });
  await expect.poll(() => overlapping(page)).toEqual([]);
  // The nodes did grow: the check above is about real growth, not unchanged boxes.
  const after = await Promise.all(['d1', 'a1', 'd2'].map(async (id) => (await nodeById(page, id).boundingBox())!));
  expect(after.some((b, i) => b.height > before[i]!.height + 4)).toBe(true);
  // Moving neighbours aside is layout, not the user's edit: training alone leaves the file unmodified.
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
});
