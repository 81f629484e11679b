import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, pickFile, test } from './helpers';

/**
 * A long run must never freeze the page: the circle graph set to 100,000 epochs trains for 30 s
 * (≈ 1,700 epochs/s on a quiet machine). Main-thread long tasks are recorded with the Long Tasks API
 * from the moment Train is pressed and attached (figures in docs/perf.md): none may last over 100 ms
 * (issue 14's acceptance; the target on a quiet machine is none over 50 ms). The page must not throw,
 * the JS heap stays under 200 MB, and the loss chart's drawn series still starts at epoch 1 and
 * reaches the current epoch.
 */

async function num(page: Page, id: string): Promise<number> {
  const v = await page.getByTestId(id).getAttribute('data-value');
  return v === null || v === '' ? NaN : Number(v);
}

async function circleGraph(): Promise<string> {
  const g = JSON.parse(await readFile('examples/xor-mlp.json', 'utf8')) as { name: string; training: { dataset: object; epochs: number } };
  g.name = 'Circle';
  g.training.dataset = { name: 'circle', samples: 400, noise: 0.1, validationSplit: 0.2 };
  g.training.epochs = 100_000;
  return JSON.stringify(g);
}

// Tagged @alone: `npm run test:e2e` runs it after the rest of the suite, by itself, so the suite's
// second browser and its training workers do not compete with it for the machine's two cores.
test('a 100,000-epoch run keeps the page responsive, the heap bounded and the whole curve drawn', { tag: '@alone' }, async ({ app: page }, testInfo) => {
  test.setTimeout(120_000);
  await pickFile(page, () => page.getByTestId('menu-import-json').click(), 'circle.json', await circleGraph());
  await expect(page.getByTestId('train-start')).toBeEnabled();
  // The measurement is of the run: let the import's own work (framing the graph once its nodes are
  // measured) finish, and a frame be drawn, before the observers start.
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-framed', /^[1-9]\d*$/);
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
    // Long animation frames name the callbacks behind each long frame: what to look at when one fails.
    const x = window as unknown as { __frames: string[] };
    x.__frames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { startTime: number; duration: number; blockingDuration: number; scripts: { invoker: string; sourceFunctionName: string; duration: number }[] }[]) {
        if (e.blockingDuration > 0) x.__frames.push(`${Math.round(e.startTime)} ms: ${Math.round(e.duration)} ms, blocking ${Math.round(e.blockingDuration)}: ${e.scripts.map((s) => `${s.invoker} ${s.sourceFunctionName} ${Math.round(s.duration)} ms`).join('; ')}`);
      }
    }).observe({ type: 'long-animation-frame' });
  });
  await page.getByTestId('train-start').click();
  const seconds = Number(process.env.NETLOOM_LONG_RUN_S ?? 30);
  const until = Date.now() + seconds * 1000;
  // Poll the state, not the clock alone: every poll is a round trip the page must answer.
  await expect.poll(async () => Date.now() >= until && (await num(page, 'metric-epoch')) > 0, { timeout: (seconds + 30) * 1000, intervals: [500] }).toBe(true);
  const epoch = await num(page, 'metric-epoch');
  const span = await page.getByTestId('chart-loss').evaluate((el) => ({ from: Number(el.getAttribute('data-x-from')), to: Number(el.getAttribute('data-x-to')), points: Number(el.getAttribute('data-points')) }));
  const heapMb = await page.evaluate(() => {
    const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return m ? m.usedJSHeapSize / 2 ** 20 : NaN;
  });
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  const frames = await page.evaluate(() => (window as unknown as { __frames: string[] }).__frames);
  const figures = {
    seconds, epoch, heapMb: Math.round(heapMb), chart: span,
    longTasks: tasks.length, maxMs: Math.round(Math.max(0, ...tasks)), totalMs: Math.round(tasks.reduce((s, d) => s + d, 0)),
  };
  console.log(`long run: ${JSON.stringify(figures)}`);
  await testInfo.attach('long-run.json', { body: JSON.stringify({ ...figures, durations: tasks, longFrames: frames }, null, 2), contentType: 'application/json' });
  if (figures.maxMs > Number(process.env.NETLOOM_LONG_RUN_PRINT_MS ?? 100)) console.log(`long frames:\n${frames.join('\n')}`);
  await page.screenshot({ path: '.tmp/e2e-long-run.png' });

  expect(epoch).toBeGreaterThan(100);
  expect(heapMb).toBeLessThan(200);
  expect(span.from).toBeLessThanOrEqual(1);
  // The chart is redrawn a few times a second: its last point is at most a little behind the readout.
  expect(span.to).toBeGreaterThan(epoch * 0.9);
  expect(span.points).toBeLessThan(20_000);
  expect(figures.maxMs, `longest main-thread task (all: ${JSON.stringify(tasks.map(Math.round))})`).toBeLessThanOrEqual(100);
});
