import type { Page } from '@playwright/test';
import { expect, loadTemplate, test } from './helpers';

/**
 * The smallest common window with a lesson open: the lesson panel, the canvas and the training dock
 * share 1280×720. The canvas fills its pane (a long advisor line once stretched it past the window,
 * framing the graph half under the inspector), a locked palette gives up its room, and the dock's
 * Live tab gives its width to the curves: the decision square is only as wide as it can be tall.
 */
test.use({ viewport: { width: 1280, height: 720 } });

type Box = { x: number; y: number; width: number; height: number };
const box = async (page: Page, selector: string): Promise<Box> => (await page.locator(selector).first().boundingBox())!;

/** Every activation name in the variants grid is shown whole (none runs into the next column). */
async function expectVariantsUnclipped(page: Page): Promise<void> {
  const labels = page.getByTestId('variants').locator('.nl-tr-fns label');
  expect(await labels.count()).toBeGreaterThan(10);
  const clipped = await labels.evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
  expect(clipped, 'variant names wider than their column').toEqual([]);
}

async function openLesson(page: Page, id: string): Promise<void> {
  await page.getByTestId('menu-help').click();
  await page.getByTestId('lessons-open').click();
  await page.getByTestId('lessons-dialog').locator(`[data-testid="lesson-item"][data-lesson-id="${id}"]`).click();
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-lesson-id', id);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
}

/** The centre of the nodes' bounding box, relative to the canvas box. */
async function graphCentre(page: Page): Promise<{ x: number; y: number }> {
  const canvas = await box(page, '.react-flow');
  const nodes = await Promise.all((await page.locator('.react-flow__node').all()).map(async (n) => (await n.boundingBox())!));
  const left = Math.min(...nodes.map((b) => b.x));
  const right = Math.max(...nodes.map((b) => b.x + b.width));
  const top = Math.min(...nodes.map((b) => b.y));
  const bottom = Math.max(...nodes.map((b) => b.y + b.height));
  return { x: (left + right) / 2 - canvas.x - canvas.width / 2, y: (top + bottom) / 2 - canvas.y - canvas.height / 2 };
}

test('with a lesson open at 1280×720 the canvas fills its pane and the Live charts have room', async ({ app: page }) => {
  await openLesson(page, 'linear-xor');
  await page.getByTestId('train-step').click();
  await expect(page.getByTestId('metric-step')).toHaveText('1');

  // The canvas is exactly as wide as its pane, and starts where the workspace does: the locked
  // palette's pane is collapsed, not an empty strip.
  const canvas = await box(page, '.nl-canvas');
  const centre = await box(page, '.nl-center');
  expect(Math.abs(canvas.width - centre.width), 'canvas wider than its pane').toBeLessThanOrEqual(1);
  const workspace = await box(page, '.nl-workspace');
  // (the pane's separator stays: a few pixels)
  expect(canvas.x - workspace.x, 'an empty palette strip').toBeLessThanOrEqual(8);
  // The graph is framed in the canvas's middle (its ends may be a pan away at the readable zoom).
  await expect.poll(async () => Math.abs((await graphCentre(page)).x)).toBeLessThanOrEqual(12);

  const loss = await box(page, '[data-testid="chart-loss"]');
  const decision = await box(page, '[data-testid="chart-decision"]');
  const plot = await box(page, '[data-testid="chart-decision-canvas"]');
  const grads = await box(page, '.nl-tr-live > :last-child');
  await page.screenshot({ path: '.tmp/e2e-dock-lesson-1280.png' });
  console.log(`loss ${Math.round(loss.width)} px, decision ${Math.round(decision.width)}×${Math.round(plot.height)} px, gradients ${Math.round(grads.width)} px`);
  expect(loss.width, 'loss chart squeezed').toBeGreaterThanOrEqual(170);
  expect(grads.width, 'gradient chart squeezed').toBeGreaterThanOrEqual(120);
  expect(decision.width, 'decision square wider than it can be tall').toBeLessThanOrEqual(plot.height + 40);
  expect(plot.height, 'decision plot squashed').toBeGreaterThanOrEqual(100);
  // Every legend entry ("train loss"…) reads on one line, not one word per line.
  const entries = await page.getByTestId('chart-loss').locator('.nl-tr-legend').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  expect(entries.length).toBeGreaterThanOrEqual(4);
  for (const h of entries) expect(h, 'a legend entry wrapped').toBeLessThanOrEqual(20);
  await expectVariantsUnclipped(page);
  // The palette lock did not change what the user chose: the palette toggle still says open.
  await expect(page.getByTestId('panel-toggle-palette')).toHaveAttribute('aria-pressed', 'true');
});

test('a framed graph is framed again when a panel changes the canvas size, until the user moves the view', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await expect.poll(async () => Math.abs((await graphCentre(page)).x)).toBeLessThanOrEqual(6);
  await page.getByTestId('panel-toggle-inspector').click();
  await expect(page.getByTestId('inspector')).toBeHidden();
  await expect.poll(async () => Math.abs((await graphCentre(page)).x), { message: 'not framed again after the inspector closed' }).toBeLessThanOrEqual(6);

  // The user pans: the view is theirs now, and opening the inspector again leaves it alone.
  const pane = await box(page, '.react-flow__pane');
  await page.mouse.move(pane.x + 60, pane.y + 40);
  await page.mouse.down();
  await page.mouse.move(pane.x + 160, pane.y + 80, { steps: 5 });
  await page.mouse.up();
  const panned = await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  await page.getByTestId('panel-toggle-inspector').click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  // Wait for the canvas to have its new size before comparing the view.
  await expect.poll(async () => Math.round((await box(page, '.react-flow')).width)).toBeLessThan(Math.round(pane.width));
  expect(await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform)).toBe(panned);
});

test('after an edit the view is the user\'s: a panel resizing the canvas does not frame the graph again', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-framed', /^[1-9]/);
  await expectVariantsUnclipped(page);
  // Drag a node a little (an edit, not a view move): a refit now would move the canvas under the user.
  const node = (await page.locator('.react-flow__node').first().boundingBox())!;
  await page.mouse.move(node.x + node.width / 2, node.y + 8);
  await page.mouse.down();
  await page.mouse.move(node.x + node.width / 2 + 30, node.y + 38, { steps: 5 });
  await page.mouse.up();
  const before = await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  const width = (await box(page, '.react-flow')).width;
  await page.getByTestId('panel-toggle-inspector').click();
  await expect(page.getByTestId('inspector')).toBeHidden();
  await expect.poll(async () => (await box(page, '.react-flow')).width).toBeGreaterThan(width + 100);
  // One more frame for a refit that would follow the resize.
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  expect(await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform)).toBe(before);
});
