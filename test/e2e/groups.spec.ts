import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeNpy } from '../../core/util/npy';
import { dropFromPalette, expect, mod, nodeOf, openAndFrame, pickFile, revealNode, test, wire } from './helpers';

/**
 * Group nodes on an imported ResNet-like model (test/fixtures/onnx/make_resnet_e2e.py): its blocks
 * arrive as groups; one is collapsed into a box, renamed, expanded and collapsed again; the saved
 * file reopens with the groups as they were.
 */
const model = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/onnx/e2e/${name}`, import.meta.url)));

async function importOnnx(page: import('@playwright/test').Page, name: string): Promise<void> {
  await openAndFrame(page, async () => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('menu-import-onnx').click()]);
    await chooser.setFiles({ name, mimeType: 'application/octet-stream', buffer: model(name) });
  });
}

const group = (page: import('@playwright/test').Page, name: string) =>
  page.getByTestId('group-node').filter({ has: page.getByTestId('group-title').getByText(name, { exact: true }) });

test('an imported ResNet shows its blocks as groups: collapse, rename, expand, save and reopen', async ({ app: page }) => {
  await importOnnx(page, 'resnet_small.onnx');
  const nodes = page.locator('.react-flow__node[data-id]:not([data-id^="group:"])');
  await expect(nodes).toHaveCount(29);
  // A small model opens with its groups expanded (frames around the blocks).
  await expect(page.getByTestId('group-node')).toHaveCount(6);
  await expect(page.locator('[data-testid="group-node"][data-collapsed="true"]')).toHaveCount(0);

  const block = group(page, 'layer1.1');
  await expect(block.getByTestId('group-count')).toHaveText('7 nodes');
  await block.getByTestId('group-toggle').click();
  await expect(block).toHaveAttribute('data-collapsed', 'true');
  await expect(nodes).toHaveCount(22);
  // The edges into and out of the block now end on the box's ports.
  await expect(page.locator('.react-flow__edge.nl-grp-edge')).not.toHaveCount(0);

  await block.getByTestId('group-rename').click();
  await page.getByTestId('group-name-input').fill('downsampling block');
  await page.getByTestId('group-name-input').press('Enter');
  const renamed = group(page, 'downsampling block');
  await expect(renamed).toHaveAttribute('data-collapsed', 'true');
  await renamed.getByTestId('group-toggle').click();
  await expect(renamed).toHaveAttribute('data-collapsed', 'false');
  await expect(nodes).toHaveCount(29);
  await renamed.getByTestId('group-toggle').click();
  await expect(nodes).toHaveCount(22);

  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
  const text = await readFile((await download.path())!, 'utf8');
  const saved = JSON.parse(text) as { nodes: unknown[]; 'x-groups': { name: string; collapsed: boolean }[] };
  expect(saved.nodes).toHaveLength(29);
  expect(saved['x-groups'].find((g) => g.name === 'downsampling block')?.collapsed).toBe(true);

  await page.getByTestId('menu-new').click();
  await expect(page.getByTestId('group-node')).toHaveCount(0);
  await pickFile(page, () => page.getByTestId('menu-open').click(), 'resnet_small.json', text);
  await expect(group(page, 'downsampling block')).toHaveAttribute('data-collapsed', 'true');
  await expect(page.getByTestId('group-node')).toHaveCount(6);
  await expect(nodes).toHaveCount(22);
});

test('a selection becomes a group, and ungrouping keeps its nodes', async ({ app: page }) => {
  await importOnnx(page, 'resnet_small.onnx');
  const nodes = page.locator('.react-flow__node[data-id]:not([data-id^="group:"])');
  await expect(nodes).toHaveCount(29);
  await group(page, 'head').getByTestId('group-ungroup').click();
  await expect(page.getByTestId('group-node')).toHaveCount(5);
  await expect(nodes).toHaveCount(29);
  // Select the head's two nodes (GlobalAvgPool, Dense) with Ctrl-click and group them.
  const pool = page.locator('.react-flow__node:has([data-node-type="GlobalAvgPool"])');
  const dense = page.locator('.react-flow__node:has([data-node-type="Dense"])');
  await revealNode(page, pool);
  await pool.click();
  await expect(pool).toHaveClass(/selected/);
  await revealNode(page, dense);
  await dense.click({ modifiers: [mod] });
  await expect(dense).toHaveClass(/selected/);
  await expect(pool).toHaveClass(/selected/);
  await expect(page.getByTestId('group-bar')).toContainText('2 nodes selected');
  await page.getByTestId('group-create').click();
  const made = group(page, 'Group 1');
  await expect(made.getByTestId('group-count')).toHaveText('2 nodes');
  await made.getByTestId('group-toggle').click();
  await expect(nodes).toHaveCount(27);
  await made.getByTestId('group-ungroup').click();
  await expect(nodes).toHaveCount(29);
  await expect(page.getByTestId('group-node')).toHaveCount(5);
  // The keyboard does the same: Ctrl+G on a selection of two.
  await pool.click();
  await dense.click({ modifiers: [mod] });
  await expect(page.getByTestId('group-bar')).toContainText('2 nodes selected');
  await page.keyboard.press(`${mod}+g`);
  await expect(group(page, 'Group 1').getByTestId('group-count')).toHaveText('2 nodes');
});

test("Predict on an imported ResNet uses the model's own weights: the outputs are PyTorch's", async ({ app: page }) => {
  await importOnnx(page, 'resnet_small.onnx');
  await expect(page.getByTestId('group-node')).toHaveCount(6);
  await page.getByTestId('predict-open').click();
  const dialog = page.getByTestId('predict-dialog');
  // No dataset: the inputs come from a file.
  await expect(dialog.getByTestId('predict-dataset')).toBeDisabled();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), dialog.getByTestId('predict-load').click()]);
  await chooser.setFiles({ name: 'resnet_small.x.npy', mimeType: 'application/octet-stream', buffer: model('resnet_small.x.npy') });
  await expect(dialog).toHaveAttribute('data-state', 'done');
  await expect(dialog.getByTestId('predict-weights')).toContainText('the imported weights of resnet_small.onnx');
  const rows = dialog.getByTestId('predict-row');
  await expect(rows).toHaveCount(4);
  const got = (await rows.evaluateAll((els) => els.map((e) => JSON.parse(e.getAttribute('data-value')!) as number[]))).flat();
  const torch = decodeNpy(new Uint8Array(model('resnet_small.y.npy'))).data;
  expect(got).toHaveLength(torch.length);
  const scale = Math.max(...Array.from(torch, Math.abs));
  for (let i = 0; i < torch.length; i++) expect(Math.abs(got[i]! - torch[i]!) / scale).toBeLessThan(1e-4);
  await dialog.getByTestId('predict-close').click();
  await expect(dialog).toHaveCount(0);
});

test('a model of more than 60 nodes opens with its blocks collapsed', async ({ app: page }) => {
  await importOnnx(page, 'resnet_deep.onnx');
  await expect(page.getByTestId('group-node')).toHaveCount(13);
  await expect(page.locator('[data-testid="group-node"][data-collapsed="false"]')).toHaveCount(0);
  // 78 nodes, all but the input inside a collapsed group: only the Input and the 13 boxes are drawn.
  await expect(page.locator('.react-flow__node')).toHaveCount(14);
});

test("an imported classifier trains from its own weights, and Predict then uses the run's", async ({ app: page }) => {
  const xor = readFileSync(fileURLToPath(new URL('../fixtures/onnx/models/xor_classifier_op13.onnx', import.meta.url)));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('menu-import-onnx').click()]);
  await chooser.setFiles({ name: 'xor_classifier_op13.onnx', mimeType: 'application/octet-stream', buffer: xor });
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await page.getByTestId('dataset-select').selectOption('xor');
  const dialog = page.getByTestId('predict-dialog');
  // No Loss yet: Predict works all the same, on the dataset's examples, with the imported weights.
  await page.getByTestId('predict-open').click();
  await dialog.getByTestId('predict-dataset').click();
  await expect(dialog).toHaveAttribute('data-state', 'done');
  await expect(dialog.getByTestId('predict-row')).toHaveCount(16);
  await expect(dialog.getByTestId('predict-weights')).toContainText('the imported weights of xor_classifier_op13.onnx');
  await dialog.getByTestId('predict-close').click();
  await dropFromPalette(page, 'Loss', 60, 40);
  await wire(page, nodeOf(page, 'Activation', 'sigmoid'), nodeOf(page, 'Loss'));
  await nodeOf(page, 'Loss').click();
  await page.getByTestId('inspector').getByTestId('param-fn').selectOption('bce');
  await expect(page.getByTestId('problems-count')).toHaveText('0');
  await page.getByTestId('train-step').click();
  await expect(page.getByTestId('metric-step')).toHaveText('1');
  await page.getByTestId('predict-open').click();
  await dialog.getByTestId('predict-dataset').click();
  await expect(dialog.getByTestId('predict-weights')).toContainText('trained weights of run');
});

test('axe: group boxes, frames and the Predict dialog have no serious or critical violation', async ({ app: page }) => {
  await importOnnx(page, 'resnet_small.onnx');
  await group(page, 'layer1.1').getByTestId('group-toggle').click();
  await expect(group(page, 'layer1.1')).toHaveAttribute('data-collapsed', 'true');
  expect(await seriousViolations(page, '[data-testid="canvas"]'), 'canvas with groups').toEqual([]);
  await page.getByTestId('predict-open').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('predict-load').click()]);
  await chooser.setFiles({ name: 'resnet_small.x.npy', mimeType: 'application/octet-stream', buffer: model('resnet_small.x.npy') });
  await expect(page.getByTestId('predict-dialog')).toHaveAttribute('data-state', 'done');
  expect(await seriousViolations(page, '[data-testid="predict-dialog"]'), 'Predict dialog').toEqual([]);
});

async function seriousViolations(page: import('@playwright/test').Page, include: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).include(include).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
