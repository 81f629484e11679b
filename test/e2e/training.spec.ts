import type { Page } from '@playwright/test';
import { expect, loadTemplate, test } from './helpers';

/**
 * Training in browser mode (Web Worker engine): the acceptance path of the Training panel. Numbers are
 * read from the readouts' text and data-value attributes, which the panel writes on every frame.
 */

async function num(page: Page, id: string): Promise<number> {
  const v = await page.getByTestId(id).getAttribute('data-value');
  return v === null || v === '' ? NaN : Number(v);
}

/** Distinct colours in the decision canvas: a drawn heatmap with points has many, a blank one 1–2. */
async function decisionColours(page: Page): Promise<number> {
  return page.getByTestId('chart-decision-canvas').evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 16) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  });
}

test('XOR trains in the browser: live readouts, pause, step, reset, decision boundary', async ({ app: page }) => {
  test.setTimeout(90_000);
  await loadTemplate(page, 'xor-mlp');
  await expect(page.getByTestId('train-start')).toBeEnabled();
  expect(await decisionColours(page)).toBeLessThan(4);
  // Many epochs, so the run is still going when it is paused below (XOR itself needs far fewer).
  await page.getByTestId('train-epochs').fill('5000');
  await page.getByTestId('train-epochs').press('Enter');

  await page.getByTestId('train-start').click();
  await expect.poll(() => num(page, 'metric-epoch')).toBeGreaterThanOrEqual(2);
  const firstLoss = Number(await page.getByTestId('run-item').first().getAttribute('data-first-loss'));
  expect(firstLoss).toBeGreaterThan(0);
  const earlyLoss = await num(page, 'metric-loss');
  const earlyEpoch = await num(page, 'metric-epoch');

  // Accuracy (validation) reaches 0.95 within 30 s of training, and the loss has fallen meanwhile.
  await expect.poll(() => num(page, 'metric-accuracy'), { timeout: 30_000, intervals: [250] }).toBeGreaterThanOrEqual(0.95);
  // The run goes on (5000 epochs): the epoch keeps advancing and the loss stays below where it started.
  await expect.poll(() => num(page, 'metric-epoch')).toBeGreaterThan(earlyEpoch);
  await expect.poll(() => num(page, 'metric-loss')).toBeLessThan(earlyLoss);
  await expect(page.getByTestId('metric-accuracy')).toHaveText(/^0\.9[5-9]\d*$|^1$/);

  // The decision boundary has been painted: many colours, not a blank square.
  await expect.poll(() => decisionColours(page)).toBeGreaterThan(20);
  await page.screenshot({ path: '.tmp/e2e-training-xor.png' });

  // Pause: the epoch stops advancing.
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  const pausedEpoch = await num(page, 'metric-epoch');
  const pausedStep = await num(page, 'metric-step');
  await page.waitForTimeout(800);
  expect(await num(page, 'metric-epoch')).toBe(pausedEpoch);
  expect(await num(page, 'metric-step')).toBe(pausedStep);

  // Step: exactly one batch.
  await page.getByTestId('train-step').click();
  await expect.poll(() => num(page, 'metric-step')).toBe(pausedStep + 1);
  await page.waitForTimeout(500);
  expect(await num(page, 'metric-step')).toBe(pausedStep + 1);

  // Reset: back to epoch 0; training again from the same seed gives the same first loss. The attempt
  // before the reset stays in the run list.
  await page.getByTestId('train-reset').click();
  await expect(page.getByTestId('metric-epoch')).toHaveText('0');
  await expect(page.getByTestId('metric-step')).toHaveText('0');
  await page.getByTestId('train-step').click();
  await expect.poll(() => num(page, 'metric-step')).toBe(1);
  const live = page.locator('[data-testid="run-item"].active');
  expect(Number(await live.getAttribute('data-first-loss'))).toBe(firstLoss);
  await expect(page.getByTestId('run-item')).toHaveCount(2);
});

test('space, "." and R drive training from the keyboard, but not while typing', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  // Long enough that space-to-run is still running at the next space, however fast the engine is.
  await page.getByTestId('train-epochs').fill('1000000');
  await page.getByTestId('train-epochs').press('Enter');
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('.');
  await expect.poll(() => num(page, 'metric-step')).toBe(1);
  await page.keyboard.press('.');
  await expect.poll(() => num(page, 'metric-step')).toBe(2);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('run-state')).toHaveText('running');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  // Typing a dot into a settings field is just typing.
  const step = await num(page, 'metric-step');
  await page.getByTestId('train-lr').focus();
  await page.keyboard.press('.');
  expect(await num(page, 'metric-step')).toBe(step);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('r');
  await expect(page.getByTestId('metric-step')).toHaveText('0');
});

test('two activation variants train side by side and are overlaid in the compare view', async ({ app: page }) => {
  test.setTimeout(90_000);
  await loadTemplate(page, 'xor-mlp');
  // Slowed to 10 steps a second, so both are certainly seen running at once however fast the engine is
  // (at full speed the first one can finish before the second worker has started); then full speed to finish.
  await page.getByTestId('speed-control').selectOption('10');
  const epochs = page.getByTestId('train-epochs');
  await epochs.fill('400');
  await epochs.press('Enter');
  await page.getByTestId('variants-node').selectOption('a1');
  await page.getByTestId('variant-fn-tanh').check();
  await page.getByTestId('variant-fn-relu').check();
  await page.getByTestId('variant-fn-sigmoid').check();
  await page.getByTestId('variant-fn-tanh').uncheck();
  await page.getByTestId('variants-run').click();

  const items = page.getByTestId('run-item');
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: 'a1: relu' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'a1: sigmoid' })).toHaveCount(1);
  // Both run at the same time in their own workers…
  await expect(page.locator('[data-testid="run-item"][data-state="running"]')).toHaveCount(2, { timeout: 60_000 });
  // …and both finish.
  await page.getByTestId('speed-control').selectOption('max');
  await expect(page.locator('[data-testid="run-item"][data-state="done"]')).toHaveCount(2, { timeout: 60_000 });

  const compare = page.getByTestId('runs-compare');
  await expect(compare).toBeVisible();
  const ids = (await compare.getAttribute('data-runs'))!.split(',');
  expect(ids).toHaveLength(2);
  await expect(compare.locator('.nl-tr-legend')).toHaveText([/a1: relu/, /a1: sigmoid/]);
  // Each compared run drew its curves: the plot canvas is not blank.
  const inked = await compare.locator('canvas').first().evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
  expect(inked).toBeGreaterThan(500);
  await page.screenshot({ path: '.tmp/e2e-training-compare.png' });
});

test('the UI stays responsive while the spiral trains (long tasks measured on the main thread)', async ({ app: page }, testInfo) => {
  test.setTimeout(90_000);
  await loadTemplate(page, 'spiral-tanh');
  await page.getByTestId('train-epochs').fill('100000');
  await page.getByTestId('train-epochs').press('Enter');
  // Only training is measured: start observing once the template is drawn and Train is ready.
  await expect(page.getByTestId('train-start')).toBeEnabled();
  await expect(page.locator('.nl-edge-label').first()).toBeVisible();
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  await page.getByTestId('train-start').click();
  const seconds = 12;
  const started = Date.now();
  // Meanwhile a person looks around: the other views mount and draw while frames keep coming. Each
  // tab opens once its quarter of the time has passed and the run has moved on since the last one
  // (polled state, never a sleep), so a slow machine stretches the test instead of failing it.
  let seen = 0;
  for (const [i, tab] of ['layers', 'validation', 'live', null].entries()) {
    await expect.poll(async () => {
      const epoch = await num(page, 'metric-epoch');
      return Date.now() - started >= ((i + 1) * seconds * 1000) / 4 && epoch > seen;
    }, { timeout: 60_000, intervals: [250] }).toBe(true);
    seen = await num(page, 'metric-epoch');
    if (tab) await page.getByTestId(`training-tab-${tab}`).click();
  }
  const epochs = await num(page, 'metric-epoch');
  await page.screenshot({ path: '.tmp/e2e-training-spiral.png' });
  await page.getByTestId('train-pause').click();
  // run-state is written in the same draw as the read-outs (the run list re-renders separately and
  // can say "paused" a frame before the epoch read-out catches up — the old flake).
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  await expect(page.getByTestId('run-item').first()).toHaveAttribute('data-state', 'paused');
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  const figures = {
    seconds: Math.round((Date.now() - started) / 1000), epochs,
    longTasks: tasks.length,
    over50ms: tasks.length, // a long task is by definition over 50 ms
    maxMs: Math.round(Math.max(0, ...tasks)),
    totalMs: Math.round(tasks.reduce((s, d) => s + d, 0)),
  };
  console.log(`training responsiveness: ${JSON.stringify(figures)}`);
  await testInfo.attach('long-tasks.json', { body: JSON.stringify({ ...figures, durations: tasks }, null, 2), contentType: 'application/json' });
  // What must hold whatever the machine: training went on while the person clicked through the views,
  // the observer really measured, and Pause took effect. The long-task figures themselves are
  // performance, recorded in docs/perf.md (target: none over 50 ms) and never asserted: on a shared
  // 2-core machine they depend on what else runs (e.g. the other Playwright worker).
  expect(epochs).toBeGreaterThan(5);
  expect(Array.isArray(tasks)).toBe(true);
  // Paused means the worker acknowledged it: the charts show the paused step, and after another view
  // is opened and drawn the read-out still says the same epoch (no frame slipped in after the pause).
  const pausedAt = await num(page, 'metric-epoch');
  const step = await page.getByTestId('metric-step').getAttribute('data-value');
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-step', step!);
  await page.getByTestId('training-tab-layers').click();
  await page.getByTestId('training-tab-live').click();
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-step', step!);
  expect(await num(page, 'metric-epoch')).toBe(pausedAt);
});

test('editing the graph during a run asks to stop or keep the snapshot; runs save and reopen', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  // A run that cannot finish during the test, however fast the engine: it is stopped, never done.
  await page.getByTestId('train-epochs').fill('1000000');
  await page.getByTestId('train-epochs').press('Enter');
  await page.getByTestId('train-start').click();
  await expect.poll(() => num(page, 'metric-epoch')).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('snapshot-prompt')).toHaveCount(0);
  await page.getByTestId('train-lr').fill('0.05');
  await page.getByTestId('train-lr').press('Enter');
  await expect(page.getByTestId('snapshot-prompt')).toBeVisible();
  await page.getByTestId('snapshot-keep').click();
  await expect(page.getByTestId('snapshot-prompt')).toHaveCount(0);
  await expect(page.getByTestId('run-state')).toHaveText('running');
  await page.getByTestId('train-lr').fill('0.2');
  await page.getByTestId('train-lr').press('Enter');
  await page.getByTestId('snapshot-stop').click();
  await expect(page.getByTestId('run-state')).toHaveText('stopped');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('runs-save').click()]);
  expect(download.suggestedFilename()).toBe('XOR.runs.json');
  const text = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
  const saved = JSON.parse(text) as { runs: { id: string; graph: { training: { optimizer: { lr: number } } } }[] };
  // The run kept the graph it started with, not the edits made during it.
  expect(saved.runs[0]!.graph.training.optimizer.lr).toBe(0.1);

  await page.locator('[data-testid="run-item"] button[aria-label="Remove"]').click();
  await expect(page.getByTestId('run-item')).toHaveCount(0);
  await page.getByTestId('runs-file').setInputFiles({ name: 'XOR.runs.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('runs-message')).toHaveText('Opened 1 run');
  await expect(page.getByTestId('run-item')).toHaveCount(1);
  await expect(page.getByTestId('run-item')).toHaveAttribute('data-run-id', saved.runs[0]!.id);
});
