import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dropFromPalette, expect, nodeOf, test, wire } from './helpers';

/**
 * File ▸ Import ONNX… in browser mode: a PyTorch-exported classifier opens as a graph, says it needs a
 * Loss to train, and trains once a Loss and a dataset are added. A refused model lists its ops and
 * keeps the current graph; a dropped .onnx file imports too.
 */
const model = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/onnx/models/${name}`, import.meta.url)));

async function importOnnx(page: import('@playwright/test').Page, name: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('menu-import-onnx').click()]);
  await chooser.setFiles({ name, mimeType: 'application/octet-stream', buffer: model(name) });
}

test('import an ONNX classifier, add a Loss and a dataset, and train it', async ({ app: page }) => {
  const download = page.waitForEvent('download');
  await importOnnx(page, 'xor_classifier_op13.onnx');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await expect(nodeOf(page, 'Input')).toHaveCount(1);
  await expect(nodeOf(page, 'Dense')).toHaveCount(2);
  await expect(nodeOf(page, 'Activation', 'tanh')).toHaveCount(1);
  await expect(nodeOf(page, 'Activation', 'sigmoid')).toHaveCount(1);
  // The weights come along as a file beside the graph.
  expect((await download).suggestedFilename()).toBe('xor_classifier_op13.safetensors');
  await expect(page.getByTestId('problem-item').filter({ hasText: 'add a Loss after the output' })).toBeVisible();
  await expect(page.getByTestId('train-blocked')).toContainText('Add a Loss');
  await expect(page.getByTestId('train-start')).toBeDisabled();

  // The imported chain is laid out across the middle of the canvas; its top-left corner is free.
  await dropFromPalette(page, 'Loss', 60, 40);
  await wire(page, nodeOf(page, 'Activation', 'sigmoid'), nodeOf(page, 'Loss'));
  await nodeOf(page, 'Loss').click();
  await page.getByTestId('inspector').getByTestId('param-fn').selectOption('bce');
  await page.getByTestId('dataset-select').selectOption('xor');
  await expect(page.getByTestId('problems-count')).toHaveText('0');
  await page.getByTestId('train-start').click();
  await expect.poll(async () => Number(await page.getByTestId('metric-epoch').textContent()), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('run-error')).toBeHidden();
});

test('a model with unsupported ops is refused with each op named, and the graph is kept', async ({ app: page }) => {
  await importOnnx(page, 'xor_classifier_op13.onnx');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  // The import is a new, unsaved document: the file is picked first, then replacing it asks.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('menu-import-onnx').click()]);
  await chooser.setFiles({ name: 'unsupported_ops.onnx', mimeType: 'application/octet-stream', buffer: model('unsupported_ops.onnx') });
  await page.getByTestId('confirm-ok').click();
  const dialog = page.getByTestId('import-problems');
  await expect(dialog).toContainText('TopK (node "top_k") is not supported');
  await expect(dialog).toContainText('NonMaxSuppression (node "nms") is not supported');
  await page.getByTestId('import-problems-close').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
});

test('dropping an .onnx file on the window imports it', async ({ app: page }) => {
  const b64 = model('mlp_op13.onnx').toString('base64');
  const transfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    dt.items.add(new File([bytes], 'mlp_op13.onnx', { type: 'application/octet-stream' }));
    return dt;
  }, b64);
  await page.dispatchEvent('[data-testid="canvas"]', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('[data-testid="canvas"]', 'drop', { dataTransfer: transfer });
  // Input, three Dense, ReLU, Tanh, Softmax.
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await expect(nodeOf(page, 'Activation', 'softmax')).toHaveCount(1);
});
