import { readFile } from 'node:fs/promises';
import { createNodeResources } from '../../cli/resources';
import { TrainingSession } from '../../core/session/session';
import { traceExample } from '../../core/trace';
import { assignWeights, decodeWeightsFor } from '../../core/weights';
import { EXAMPLES_DIR, loadExample } from '../helpers/examples';
import { expect, loadTemplate, test } from './helpers';

type Shown = { id: string; phase: string; value: number[] };

async function shown(page: import('@playwright/test').Page): Promise<Shown> {
  const v = page.getByTestId('trace-node-values');
  return { id: (await v.getAttribute('data-node-id'))!, phase: (await v.getAttribute('data-phase'))!, value: JSON.parse((await v.getAttribute('data-value'))!) as number[] };
}

function expectClose(actual: number[], expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]!), `${what}[${i}]`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(expected[i]!))));
}

test('XOR paused after one step: forward then back through every node, values equal a trace at the same weights', async ({ app: page }) => {
  test.setTimeout(90_000);
  await loadTemplate(page, 'xor-mlp');
  // Nothing to step through before a run is paused.
  await expect(page.getByTestId('trace-start')).toHaveCount(0);
  await page.getByTestId('train-step').click();
  await expect(page.getByTestId('metric-step')).toHaveText('1');
  await page.getByTestId('trace-example').fill('5');
  await expect(page.getByTestId('trace-start')).toBeEnabled();
  await page.getByTestId('trace-start').click();
  await expect(page.getByTestId('trace-position')).toHaveAttribute('data-index', '0');

  let weightsShown: number[] = [];
  const forward: Shown[] = [await shown(page)];
  while (await page.getByTestId('trace-forward').isEnabled()) {
    const before = forward.length;
    await page.getByTestId('trace-forward').click();
    await expect(page.getByTestId('trace-position')).toHaveAttribute('data-index', String(before));
    forward.push(await shown(page));
    if (forward.at(-1)!.id === 'd1') {
      // A Dense node shows its weight matrix, and (2D data) each unit's output over the input plane.
      const w = page.locator('[data-testid="trace-param"][data-param="W"]');
      await expect(w.locator('canvas')).toHaveCount(1);
      weightsShown = JSON.parse((await w.getAttribute('data-value'))!) as number[];
      await expect(page.getByTestId('trace-unit-maps')).toHaveAttribute('data-units', '8');
    }
    // The canvas highlights the node the example is at.
    await expect(page.getByTestId(`node-${forward.at(-1)!.id}`).getByTestId('trace-current')).toHaveAttribute('data-phase', 'forward');
  }
  const backward: Shown[] = [];
  while (await page.getByTestId('trace-backward').isEnabled()) {
    await page.getByTestId('trace-backward').click();
    await expect(page.getByTestId('trace-position')).toHaveAttribute('data-phase', 'backward');
    const s = await shown(page);
    await expect(page.getByTestId(`node-${s.id}`).getByTestId('trace-current')).toHaveAttribute('data-phase', 'backward');
    backward.push(s);
    if (backward.length > 20) break;
  }

  // The reference: the same graph, the run's weights (saved from the app), the same row, in Node.
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('weights-save').click()]);
  const bytes = new Uint8Array(await readFile((await d.path())!));
  const session = await TrainingSession.create(loadExample('xor-mlp'), { resources: createNodeResources(EXAMPLES_DIR), diagnostics: false, gridSize: 0, statsEvery: 0 });
  assignWeights(session.trainer.exec.params, decodeWeightsFor(session.plan, bytes));
  const ref = traceExample(session.trainer.exec, session.data.train, 5);

  expect(forward.map((s) => s.id)).toEqual(ref.nodes.map((n) => n.id));
  expect(backward.map((s) => s.id)).toEqual(ref.nodes.map((n) => n.id).reverse());
  expectClose(weightsShown, ref.nodes.find((n) => n.id === 'd1')!.params.W!.value, 'd1.W');
  ref.nodes.forEach((n, i) => {
    expectClose(forward[i]!.value, n.output, `${n.id} output`);
    const back = backward[ref.nodes.length - 1 - i]!;
    expectClose(back.value, n.gradOutput ?? [], `${n.id} gradient`);
  });
});
