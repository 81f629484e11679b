import type { Page } from '@playwright/test';
import { expect, loadTemplate, test } from './helpers';

/**
 * Room to work at 1280×720: the canvas keeps at least 45% of the window with the training dock open,
 * the minimap never covers the XOR template's nodes, nodes never overlap, the toolbar stays one row,
 * panels collapse from their toggles and stay so after a reload.
 */
test.use({ viewport: { width: 1280, height: 720 } });

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function nodeBoxes(page: Page): Promise<Box[]> {
  return (await page.locator('.react-flow__node').all()).map(async (n) => (await n.boundingBox())!).reduce(async (acc, b) => [...(await acc), await b], Promise.resolve([] as Box[]));
}

test('at 1280×720 the canvas has room, the minimap and nodes stay clear, the toolbar is one row', async ({ app: page }) => {
  // The fixture hid the minimap: this test wants it back.
  await page.getByTestId('toggle-minimap').click();
  await loadTemplate(page, 'xor-mlp');
  await expect(page.getByTestId('training-panel')).toBeVisible();
  await page.screenshot({ path: '.tmp/e2e-layout-1280.png' });
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  const share = (canvas.width * canvas.height) / (1280 * 720);
  console.log(`canvas ${Math.round(canvas.width)}×${Math.round(canvas.height)} = ${(share * 100).toFixed(1)}% of the window`);
  expect(share).toBeGreaterThanOrEqual(0.45);

  const minimap = page.locator('.react-flow__minimap');
  await expect(minimap).toBeVisible();
  const map = (await minimap.boundingBox())!;
  await expect.poll(async () => (await nodeBoxes(page)).length).toBe(6);
  const boxes = await nodeBoxes(page);
  for (const b of boxes) expect(overlaps(b, map), 'a node under the minimap').toBe(false);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `nodes ${i} and ${j} overlap`).toBe(false);
  // Fit view keeps titles readable.
  const zoom = await page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
  expect(zoom).toBeGreaterThanOrEqual(0.7);

  const bar = (await page.locator('.nl-toolbar').boundingBox())!;
  expect(bar.height).toBeLessThan(50);
  // …and nothing of it is cut off at the right: every button, the panel toggles and Help are in sight.
  const bar1280 = await page.locator('.nl-toolbar').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(bar1280.scroll, 'toolbar content wider than the window').toBeLessThanOrEqual(bar1280.client);
  for (const id of ['panel-toggle-problems', 'menu-help']) {
    const b = (await page.getByTestId(id).boundingBox())!;
    expect(b.x + b.width, `${id} cut off`).toBeLessThanOrEqual(1280);
  }
  await page.screenshot({ path: '.tmp/e2e-layout-1280.png' });
});

test('panels collapse from their toggles, Problems is a badge when empty, and the layout is remembered', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await expect(page.getByTestId('problems-empty')).toBeVisible();
  const problems = (await page.getByTestId('problems').boundingBox())!;
  expect(problems.height).toBeLessThan(40);
  const before = (await page.locator('.react-flow').boundingBox())!;
  for (const name of ['palette', 'inspector', 'dock']) {
    await page.getByTestId(`panel-toggle-${name}`).click();
    await expect(page.getByTestId(`panel-toggle-${name}`)).toHaveAttribute('aria-pressed', 'false');
  }
  await page.screenshot({ path: '.tmp/e2e-layout-collapsed.png' });
  await expect(page.getByTestId('palette-search')).toBeHidden();
  await expect(page.getByTestId('inspector')).toBeHidden();
  await expect(page.getByTestId('training-toggle')).toHaveAttribute('aria-expanded', 'false');
  const after = (await page.locator('.react-flow').boundingBox())!;
  expect(after.width * after.height).toBeGreaterThan(before.width * before.height * 1.5);
  await page.screenshot({ path: '.tmp/e2e-layout-collapsed.png' });
  await page.reload();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('panel-toggle-palette')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('palette-search')).toBeHidden();
  await expect(page.getByTestId('training-toggle')).toHaveAttribute('aria-expanded', 'false');
  for (const name of ['palette', 'inspector', 'dock']) await page.getByTestId(`panel-toggle-${name}`).click();
  await expect(page.getByTestId('palette-search')).toBeVisible();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await expect(page.getByTestId('training-toggle')).toHaveAttribute('aria-expanded', 'true');
});

test('after New, three drops land where dropped with no view jump; double-click adds do not stack', async ({ app: page }) => {
  await page.getByTestId('menu-new').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  const transform = () => page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  const view = await transform();
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const drops = [[150, 120], [420, 260], [700, 140]] as const;
  for (const [i, [x, y]] of drops.entries()) {
    await page.getByTestId('palette-item-Dense').dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
    await expect(page.locator('.react-flow__node')).toHaveCount(i + 1);
    const box = (await page.locator('.react-flow__node').nth(i).boundingBox())!;
    const px = pane.x + x;
    const py = pane.y + y;
    expect(px >= box.x && px <= box.x + box.width && py >= box.y && py <= box.y + box.height, `drop ${i + 1} under the pointer`).toBe(true);
    expect(await transform(), 'the view did not move').toBe(view);
  }
  for (let i = 0; i < 3; i++) await page.getByTestId('palette-item-Activation-relu').dblclick();
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  const boxes = await nodeBoxes(page);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `nodes ${i} and ${j} overlap`).toBe(false);
  await page.screenshot({ path: '.tmp/e2e-placement.png' });
});
