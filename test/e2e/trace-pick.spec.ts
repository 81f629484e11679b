import type { Page } from '@playwright/test';
import { createNodeResources } from '../../cli/resources';
import { TrainingSession } from '../../core/session/session';
import { EXAMPLES_DIR, loadExample } from '../helpers/examples';
import { seriousViolations } from './axe';
import { expect, loadTemplate, test } from './helpers';

/**
 * Picking the traced example the way a learner would: a training point on the decision chart, a
 * digit in the training strip, a sequence in the list — each must trace exactly the row the row
 * field (and `netloom trace --example N`) means. And an open trace never shows stale values silently.
 */

/** Every node's values, walking forward from the first node (leaves the trace at the last node). */
async function forwardValues(page: Page): Promise<string[]> {
  const out: string[] = [(await page.getByTestId('trace-node-values').getAttribute('data-value'))!];
  while (await page.getByTestId('trace-forward').isEnabled()) {
    await page.getByTestId('trace-forward').click();
    await expect(page.getByTestId('trace-position')).toHaveAttribute('data-index', String(out.length));
    out.push((await page.getByTestId('trace-node-values').getAttribute('data-value'))!);
  }
  return out;
}

/** Back to the first node (forward phase): start the trace of the row field again. */
async function traceByRowField(page: Page, row: number): Promise<void> {
  await page.getByTestId('trace-example').fill(String(row));
  await page.getByTestId('trace-start').click();
  await expect(page.getByTestId('trace-position')).toHaveAttribute('data-example', String(row));
  await expect(page.getByTestId('trace-position')).toHaveAttribute('data-index', '0');
}

async function stepOnce(page: Page, expected: number): Promise<void> {
  await page.getByTestId('train-step').click();
  await expect(page.getByTestId('metric-step')).toHaveText(String(expected));
}

test('XOR paused: clicking a training point traces that row; the trace refreshes when the run moves on', async ({ app: page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await loadTemplate(page, 'xor-mlp');
  await stepOnce(page, 1);
  // Not in pick mode yet: a click on the chart would draw. The Pick button switches clicks to picking.
  await expect(page.getByTestId('trace-pick-layer')).toHaveAttribute('data-picking', 'false');
  await page.getByTestId('trace-pick-toggle').click();
  await expect(page.getByTestId('trace-pick-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('trace-pick-layer')).toHaveAttribute('data-picking', 'true');
  const drawnBefore = await page.getByTestId('draw-count').textContent();

  // A point with no other within 5 px, so "nearest to the click" has one answer.
  const points = page.getByTestId('trace-pick-point');
  const centres = await points.evaluateAll((els) => els.map((e) => {
    const b = e.getBoundingClientRect();
    return { i: Number((e as SVGElement).dataset.index), x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }));
  expect(centres.length).toBeGreaterThan(50);
  const lonely = centres.filter((p) => p.i > 0 && centres.every((q) => q === p || Math.hypot(q.x - p.x, q.y - p.y) > 5));
  expect(lonely.length).toBeGreaterThan(0);
  const target = lonely[Math.floor(lonely.length / 2)]!;
  // Slightly off the centre: the nearest point within a few pixels is picked.
  await page.mouse.click(target.x + 1, target.y - 1);
  const position = page.getByTestId('trace-position');
  await expect(position).toHaveAttribute('data-example', String(target.i));
  await expect(page.getByTestId('trace-picked')).toHaveAttribute('data-index', String(target.i));
  await expect(page.getByTestId('trace-example')).toHaveValue(String(target.i));
  // Picking did not draw a point.
  await expect(page.getByTestId('draw-count')).toHaveText(drawnBefore!);

  // The row as the worker holds it is the row the CLI counts: the Input node shows that row's numbers.
  const session = await TrainingSession.create(loadExample('xor-mlp'), { resources: createNodeResources(EXAMPLES_DIR), diagnostics: false, gridSize: 0, statsEvery: 0 });
  const row = Array.from(session.data.train.inputs.subarray(2 * target.i, 2 * target.i + 2));
  const input = JSON.parse((await page.getByTestId('trace-node-values').getAttribute('data-value'))!) as number[];
  expect(input).toEqual(row);
  const picked = await forwardValues(page);
  await page.screenshot({ path: '.tmp/e2e-trace-pick-xor-1280.png' });
  expect(await seriousViolations(page), 'picking on the chart, trace open').toEqual([]);

  // The same row typed into the row field gives the same values, node for node.
  await traceByRowField(page, target.i);
  expect(await forwardValues(page)).toEqual(picked);

  // Picking another point while a trace is open keeps the place in the network (the last node).
  const other = lonely.find((p) => p.i !== target.i) ?? lonely[0]!;
  const lastIndex = String(picked.length - 1);
  await page.mouse.click(other.x, other.y);
  await expect(position).toHaveAttribute('data-example', String(other.i));
  await expect(position).toHaveAttribute('data-index', lastIndex);

  // Step: the open trace is taken again at the new weights, at the same node.
  await stepOnce(page, 2);
  await expect(position).toHaveAttribute('data-step', '2');
  await expect(position).toHaveAttribute('data-index', lastIndex);
  await expect(position).toHaveAttribute('data-example', String(other.i));
  const refreshedLast = await page.getByTestId('trace-node-values').getAttribute('data-value');
  await traceByRowField(page, other.i);
  const fresh = await forwardValues(page);
  expect(fresh.at(-1)).toEqual(refreshedLast);

  // Resume (slowed down, so the run is still going when Pause lands): the trace says its values are
  // from an earlier step; pause again and it is refreshed.
  await page.getByTestId('speed-control').selectOption('3');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('trace')).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('trace-stale')).toContainText('from step 2');
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  await expect(page.getByTestId('trace')).toHaveAttribute('data-stale', 'false');
  const stepNow = await page.getByTestId('metric-step').textContent();
  await expect(position).toHaveAttribute('data-step', stepNow!);
  await expect(page.getByTestId('trace-stale')).toHaveCount(0);

  // Choosing a drawing class hands clicks back to drawing.
  await page.getByTestId('draw-class-1').click();
  await expect(page.getByTestId('trace-pick-toggle')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('trace-pick-layer')).toHaveAttribute('data-picking', 'false');
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.screenshot({ path: '.tmp/e2e-trace-pick-xor-1400.png' });
});

test('shapes: clicking a training picture traces that row', async ({ app: page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await loadTemplate(page, 'shapes-cnn');
  await stepOnce(page, 1);
  const tiles = page.getByTestId('trace-pick-image');
  await expect(tiles).toHaveCount(24);
  await tiles.nth(5).click();
  const position = page.getByTestId('trace-position');
  await expect(position).toHaveAttribute('data-example', '5');
  await expect(tiles.nth(5)).toHaveAttribute('aria-pressed', 'true');
  const session = await TrainingSession.create(loadExample('shapes-cnn'), { resources: createNodeResources(EXAMPLES_DIR), diagnostics: false, gridSize: 0, statsEvery: 0 });
  const size = session.data.train.inputs.length / session.data.train.count;
  const input = JSON.parse((await page.getByTestId('trace-node-values').getAttribute('data-value'))!) as number[];
  expect(input).toEqual(Array.from(session.data.train.inputs.subarray(5 * size, 6 * size)));
  await expect(tiles.nth(5)).toHaveAttribute('data-label', String(session.data.train.targets[5]));
  const picked = await forwardValues(page);
  await page.screenshot({ path: '.tmp/e2e-trace-pick-shapes-1400.png' });
  expect(await seriousViolations(page), 'picture strip, trace open').toEqual([]);
  await traceByRowField(page, 5);
  expect(await forwardValues(page)).toEqual(picked);
});

test('copy-first: clicking a training sequence traces that row', async ({ app: page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await loadTemplate(page, 'copy-first-gru');
  await stepOnce(page, 1);
  const seqs = page.getByTestId('trace-pick-sequence');
  await expect(seqs).toHaveCount(24);
  const session = await TrainingSession.create(loadExample('copy-first-gru'), { resources: createNodeResources(EXAMPLES_DIR), diagnostics: false, gridSize: 0, statsEvery: 0 });
  const size = session.data.train.inputs.length / session.data.train.count;
  const row = Array.from(session.data.train.inputs.subarray(3 * size, 4 * size));
  // The tokens are shown as text: the ids as stored, or the set position of each one-hot step.
  const shape = session.plan.dataset.inputShape;
  const ids = shape.length === 1 ? row : Array.from({ length: shape[0]! }, (_, t) => row.slice(t * shape[1]!, (t + 1) * shape[1]!).indexOf(1));
  await expect(seqs.nth(3)).toContainText(ids.join(' '));
  await expect(seqs.nth(3)).toContainText(`→ ${session.data.train.targets[3]}`);
  await seqs.nth(3).click();
  await expect(page.getByTestId('trace-position')).toHaveAttribute('data-example', '3');
  const input = JSON.parse((await page.getByTestId('trace-node-values').getAttribute('data-value'))!) as number[];
  expect(input).toEqual(row);
  const picked = await forwardValues(page);
  await page.screenshot({ path: '.tmp/e2e-trace-pick-sequence-1280.png' });
  expect(await seriousViolations(page), 'sequence list, trace open').toEqual([]);
  await traceByRowField(page, 3);
  expect(await forwardValues(page)).toEqual(picked);
});

test('MNIST: a picture in the validation grid traces that validation row, labelled as such', async ({ app: page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await loadTemplate(page, 'mnist-mlp');
  await page.getByTestId('dataset-param-samples').fill('500');
  await page.getByTestId('dataset-param-samples').press('Enter');
  await page.getByTestId('train-epochs').fill('1000');
  await page.getByTestId('train-epochs').press('Enter');
  await page.getByTestId('training-tab-validation').click();
  // Slow enough that the run is still going when Pause lands, after the first epoch drew the grid.
  await page.getByTestId('speed-control').selectOption('10');
  await page.getByTestId('train-start').click();
  const grid = page.getByTestId('validation-examples');
  await expect(grid).toHaveAttribute('data-count', /\d+/, { timeout: 60_000 });
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  const tile = grid.getByTestId('trace-pick-validation').nth(2);
  const row = Number(await tile.getAttribute('data-row'));
  await tile.click();
  const position = page.getByTestId('trace-position');
  await expect(position).toHaveAttribute('data-split', 'validation');
  await expect(position).toHaveAttribute('data-example', String(row));
  await expect(position).toContainText(`validation row ${row}`);
  await expect(tile).toHaveClass(/traced/);
  const graph = loadExample('mnist-mlp');
  graph.training.dataset = { ...graph.training.dataset, samples: 500 };
  const session = await TrainingSession.create(graph, { resources: createNodeResources(EXAMPLES_DIR), diagnostics: false, gridSize: 0, statsEvery: 0 });
  const v = session.data.validation;
  const input = JSON.parse((await page.getByTestId('trace-node-values').getAttribute('data-value'))!) as number[];
  expect(input).toEqual(Array.from(v.inputs.subarray(row * 784, (row + 1) * 784)));
  await expect(tile).toHaveAttribute('data-actual', String(v.targets[row]));
  await page.screenshot({ path: '.tmp/e2e-trace-pick-validation-1280.png' });
  expect(await seriousViolations(page), 'validation grid as buttons, trace open').toEqual([]);
});
