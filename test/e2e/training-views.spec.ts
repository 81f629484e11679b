import type { Page } from '@playwright/test';
import { expect, loadTemplate, pickFile, test } from './helpers';
import { canvasColours } from './canvas-colours';

/**
 * Training views in browser mode beyond the XOR acceptance path: a CSV file picked in the browser,
 * MNIST loaded inside the worker, and the Layers / Validation / Attention tabs and the node previews.
 * Everything is polled (no sleeps, no timing thresholds): a loaded 2-core machine only makes it slower.
 */

async function num(page: Page, id: string): Promise<number> {
  const v = await page.getByTestId(id).getAttribute('data-value');
  return v === null || v === '' ? NaN : Number(v);
}

async function setEpochs(page: Page, n: number): Promise<void> {
  await page.getByTestId('train-epochs').fill(String(n));
  await page.getByTestId('train-epochs').press('Enter');
}

/** 200 rows of two features in [-1, 1] and a 0/1 label on the side of the line x1 + x2 = 0 (a margin kept). */
/** Press Train and wait until the run has finished `epochs` epochs (the way every view here starts). */
async function trainUntilEpoch(page: Page, epochs: number, timeout = 30_000): Promise<void> {
  await page.getByTestId('train-start').click();
  await expect.poll(() => num(page, 'metric-epoch'), { timeout }).toBeGreaterThanOrEqual(epochs);
}

function separableCsv(rows = 200): string {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed / 2147483648) * 2 - 1;
  };
  const lines = ['x1,x2,label'];
  while (lines.length <= rows) {
    const x1 = rand();
    const x2 = rand();
    if (Math.abs(x1 + x2) < 0.15) continue;
    lines.push(`${x1.toFixed(3)},${x2.toFixed(3)},${x1 + x2 > 0 ? 1 : 0}`);
  }
  return lines.join('\n') + '\n';
}

test('a CSV file picked in the browser previews, maps its target, trains; a bad cell is named and blocks training', async ({ app: page }) => {
  test.setTimeout(90_000);
  await loadTemplate(page, 'xor-mlp');
  await page.getByTestId('dataset-select').selectOption('csv');
  const csv = separableCsv();
  await page.getByTestId('csv-file').setInputFiles({ name: 'line.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

  // The preview: the header and the first rows, and what training will see.
  const table = page.getByTestId('csv-preview');
  await expect(table.locator('thead th')).toHaveText(['x1', 'x2', 'label']);
  const firstRow = csv.split('\n')[1]!.split(',');
  await expect(table.locator('tbody tr').first().locator('td')).toHaveText(firstRow);
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(1);
  await expect(page.getByTestId('csv-info')).toContainText('200 rows');
  await expect(page.getByTestId('csv-info')).toContainText('2 classes');

  // Map the target explicitly (here: the last column, which is also the default) — the inputs follow.
  await page.getByTestId('csv-target').selectOption('label');
  await expect(page.getByTestId('csv-target')).toHaveValue('label');
  await expect(page.getByTestId('csv-feature-x1')).toBeChecked();
  await expect(page.getByTestId('csv-feature-x2')).toBeChecked();
  await expect(page.getByTestId('csv-feature-label')).toHaveCount(0);
  await expect(page.getByTestId('csv-error')).toHaveCount(0);

  // Far more epochs than needed, so the run is still going when it is stopped below.
  await setEpochs(page, 100_000);
  await expect(page.getByTestId('train-start')).toBeEnabled();
  await trainUntilEpoch(page, 2);
  await expect(page.getByTestId('run-error')).toBeHidden();
  // A line is easy for the XOR MLP: validation accuracy climbs to ≥ 0.9.
  await expect.poll(() => num(page, 'metric-accuracy'), { timeout: 40_000, intervals: [250] }).toBeGreaterThanOrEqual(0.9);
  await page.getByTestId('train-stop').click();
  await expect(page.getByTestId('run-state')).toHaveText('stopped');

  // The same file with a word in row 6 (the 5th data row), column x2.
  const lines = csv.split('\n');
  const cells = lines[5]!.split(',');
  cells[1] = 'abc';
  lines[5] = cells.join(',');
  await page.getByTestId('csv-file').setInputFiles({ name: 'line.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  const error = page.getByTestId('csv-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('row 6');
  await expect(error).toContainText('"x2"');
  await expect(error).toContainText('"abc" is not a number');
  await expect(page.getByTestId('csv-info')).toHaveCount(0);

  // Training does not start: Train is disabled and says why, and no run is added.
  const runsBefore = await page.getByTestId('run-item').count();
  const start = page.getByTestId('train-start');
  await expect(start).toBeDisabled();
  await expect(page.getByTestId('train-blocked')).toContainText('row 6, column "x2": "abc" is not a number');
  await expect(start).toHaveAttribute('title', /row 6, column "x2"/);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  // Nor from the keyboard: `.` and Space start nothing (the readouts still show the stopped run).
  const stepBefore = await num(page, 'metric-step');
  await page.keyboard.press('.');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('run-item')).toHaveCount(runsBefore);
  await expect(page.getByTestId('run-state')).toHaveText('stopped');
  expect(await num(page, 'metric-step')).toBe(stepBefore);

  // Picking the corrected file (same name) lifts the block.
  await page.getByTestId('csv-file').setInputFiles({ name: 'line.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('csv-error')).toHaveCount(0);
  await expect(page.getByTestId('train-blocked')).toHaveCount(0);
  await expect(start).toBeEnabled();
});

test('MNIST trains in the browser: the digit files load in the worker and a small run finishes', async ({ app: page }) => {
  test.setTimeout(120_000);
  await loadTemplate(page, 'mnist-mlp');
  await expect(page.getByTestId('dataset-select')).toHaveValue('mnist');
  const samples = page.getByTestId('dataset-param-samples');
  await samples.fill('500');
  await samples.press('Enter');
  await expect(samples).toHaveValue('500');
  await setEpochs(page, 1);
  await page.getByTestId('train-start').click();
  const run = page.getByTestId('run-item').first();
  await expect(run).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('run-error')).toBeHidden();
  expect(await num(page, 'metric-epoch')).toBe(1);
  // 400 training images in batches of 32.
  expect(await num(page, 'metric-step')).toBe(13);
  await expect(page.getByTestId('metric-accuracy')).toHaveText(/^(0(\.\d+)?|1)$/);
  const acc = await num(page, 'metric-accuracy');
  expect(acc).toBeGreaterThanOrEqual(0);
  expect(acc).toBeLessThanOrEqual(1);
  // Ten classes in the confusion matrix, one count per validation image (500 × 0.2).
  await page.getByTestId('training-tab-validation').click();
  const canvas = page.getByTestId('chart-validation-canvas');
  await expect(canvas).toHaveAttribute('data-classes', '10');
  await expect(canvas).toHaveAttribute('data-total', '100');
});

test('Layers and Validation views and node previews show what XOR is doing', async ({ app: page }) => {
  test.setTimeout(90_000);
  await loadTemplate(page, 'xor-mlp');
  await setEpochs(page, 5000);
  await trainUntilEpoch(page, 3);

  // Layers: one histogram per node, drawn, with mean / spread and for tanh the saturated share.
  await page.getByTestId('training-tab-layers').click();
  const a1 = page.getByTestId('histogram-a1');
  await expect(a1).toBeVisible();
  await expect(page.getByTestId('histogram-d1')).toBeVisible();
  await expect.poll(() => canvasColours(a1.locator('canvas'))).toBeGreaterThan(4);
  await expect(a1.locator('.nl-tr-hist-info')).toHaveText(/mean -?\d+\.\d{3} · std \d+\.\d{3} · \d+% saturated/);

  // The activation nodes on the canvas carry their live histogram and the saturated percentage.
  const health = page.locator('.react-flow__node[data-id="a1"]').getByTestId('node-live-health');
  await expect(health).toHaveText(/^\d+% saturated$/);
  await expect(page.locator('.react-flow__node[data-id="a2"]').getByTestId('node-live-health')).toHaveText(/^\d+% saturated$/);
  await expect.poll(() => canvasColours(page.locator('.react-flow__node[data-id="a1"] .nl-node-live-hist'))).toBeGreaterThan(2);

  // Validation: a 2×2 confusion matrix that accounts for every validation example (400 × 0.2).
  await page.getByTestId('training-tab-validation').click();
  await expect(page.getByTestId('chart-confusion')).toBeVisible();
  const canvas = page.getByTestId('chart-validation-canvas');
  await expect(canvas).toHaveAttribute('data-classes', '2');
  await expect(canvas).toHaveAttribute('data-total', '80');
  await expect.poll(() => canvasColours(canvas)).toBeGreaterThan(4);
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
});

const PLANE_GRAPH = {
  format: 'netloom-graph',
  version: 1,
  name: 'Plane',
  nodes: [
    { id: 'in', type: 'Input', params: {}, position: { x: 0, y: 100 } },
    { id: 'd1', type: 'Dense', params: { units: 1 }, position: { x: 200, y: 100 } },
    { id: 'loss', type: 'Loss', params: { fn: 'mse' }, position: { x: 400, y: 100 } },
  ],
  edges: [
    { id: 'e1', source: 'in', target: 'd1' },
    { id: 'e2', source: 'd1', target: 'loss' },
  ],
  training: {
    dataset: { name: 'plane', samples: 200, validationSplit: 0.2 },
    optimizer: { type: 'sgd', lr: 0.01 },
    batchSize: 10,
    // Far more epochs than the test needs: with the wasm kernels a 5000-epoch run ends before Pause.
    epochs: 1000000,
    seed: 1,
  },
};

test('a regression graph shows target against prediction in the Validation tab', async ({ app: page }) => {
  await pickFile(page, () => page.getByTestId('menu-import-json').click(), 'plane.json', JSON.stringify(PLANE_GRAPH));
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await expect(page.getByTestId('dataset-select')).toHaveValue('plane');
  await expect(page.getByTestId('train-start')).toBeEnabled();
  await trainUntilEpoch(page, 2);
  await page.getByTestId('training-tab-validation').click();
  await expect(page.getByTestId('chart-regression')).toBeVisible();
  await expect(page.getByTestId('chart-confusion')).toHaveCount(0);
  await expect(page.getByTestId('chart-regression')).toContainText('prediction vs target');
  const canvas = page.getByTestId('chart-validation-canvas');
  // One dot per validation example (200 × 0.2), drawn.
  await expect(canvas).toHaveAttribute('data-total', '40');
  await expect(canvas).not.toHaveAttribute('data-classes', /.*/);
  await expect.poll(() => canvasColours(canvas)).toBeGreaterThan(4);
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
});

test('the attention template draws its attention heatmap', async ({ app: page }) => {
  test.setTimeout(90_000);
  await loadTemplate(page, 'attention-sequence');
  await setEpochs(page, 1000);
  await trainUntilEpoch(page, 2, 45_000);
  await page.getByTestId('training-tab-attention').click();
  const view = page.getByTestId('chart-attention');
  await expect(view).toBeVisible();
  await expect(view).not.toContainText('no SelfAttention node');
  await expect(page.getByTestId('attention-node')).not.toHaveValue('');
  await expect.poll(() => canvasColours(view.locator('canvas')), { timeout: 15_000 }).toBeGreaterThan(8);
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
});
