import type { Page } from '@playwright/test';
import { expect, loadTemplate, pickFile, test } from './helpers';

/**
 * Run controls a teacher relies on: Pause freezes every read-out and chart at the acknowledged step,
 * the speed control slows a run down to watchable, Step on a finished run says what it will do, and
 * Import picks the file before it asks to discard anything.
 */
async function num(page: Page, id: string): Promise<number> {
  const v = await page.getByTestId(id).getAttribute('data-value');
  return v === null || v === '' ? NaN : Number(v);
}

/**
 * Every change to the read-outs and the loss chart during `ms` milliseconds, recorded in the page by a
 * MutationObserver: the observation window itself, not a wait for some state.
 */
async function changesDuring(page: Page, ms: number): Promise<string[]> {
  return page.evaluate(async (window_) => {
    const changes: string[] = [];
    const watched = ['metric-epoch', 'metric-step', 'metric-loss', 'metric-batch-loss', 'chart-loss', 'chart-gradients'];
    const obs = new MutationObserver((list) => {
      for (const m of list) changes.push(`${(m.target as HTMLElement).dataset.testid ?? (m.target.parentElement as HTMLElement | null)?.dataset.testid}: ${m.type} ${m.attributeName ?? ''}`);
    });
    for (const id of watched) {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (el) obs.observe(el, { attributes: true, attributeFilter: ['data-value', 'data-points', 'data-x-to'], childList: true, characterData: true, subtree: true });
    }
    await new Promise((r) => setTimeout(r, window_));
    obs.disconnect();
    return changes;
  }, ms);
}

test('Pause holds every read-out and chart for 2 s, 20 times in a row', async ({ app: page }) => {
  test.setTimeout(180_000);
  await loadTemplate(page, 'xor-mlp');
  await page.getByTestId('train-epochs').fill('1000000');
  await page.getByTestId('train-epochs').press('Enter');
  await page.getByTestId('train-start').click();
  for (let round = 1; round <= 20; round++) {
    const before = await num(page, 'metric-step');
    // Training really goes on between pauses (whatever the speed of the machine).
    await expect.poll(() => num(page, 'metric-step')).toBeGreaterThan(before);
    await page.getByTestId('train-pause').click();
    // run-state is written in the same draw as the read-outs: once it says paused, they are final.
    await expect(page.getByTestId('run-state')).toHaveText('paused');
    const epoch = await num(page, 'metric-epoch');
    const step = await num(page, 'metric-step');
    // The charts redraw a few times a second: they show the acknowledged step too, then hold it.
    for (const chart of ['chart-loss', 'chart-gradients']) await expect(page.getByTestId(chart)).toHaveAttribute('data-step', String(step));
    const changes = await changesDuring(page, 2000);
    expect(changes, `round ${round}: nothing moves while paused`).toEqual([]);
    expect(await num(page, 'metric-epoch')).toBe(epoch);
    expect(await num(page, 'metric-step')).toBe(step);
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('run-state')).toHaveText('running');
  }
  await page.getByTestId('train-stop').click();
});

test('the speed control slows a run to a few steps a second and back to full speed', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await page.getByTestId('train-epochs').fill('100000');
  await page.getByTestId('train-epochs').press('Enter');
  await page.getByTestId('speed-control').selectOption('3');
  await page.getByTestId('train-start').click();
  await expect.poll(() => num(page, 'metric-step')).toBeGreaterThanOrEqual(2);
  const from = await num(page, 'metric-step');
  await changesDuring(page, 2000);
  const to = await num(page, 'metric-step');
  // An upper bound only (a loaded machine can be slower, never faster): 3 a second for 2 s, plus
  // the batch that may be due at each end.
  expect(to - from).toBeLessThanOrEqual(8);
  await page.getByTestId('speed-control').selectOption('max');
  await expect.poll(() => num(page, 'metric-step'), { timeout: 15_000 }).toBeGreaterThan(to + 200);
  await page.getByTestId('train-stop').click();
});

test('Step on a finished run says it starts a new run; Import picks the file before asking', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await page.getByTestId('train-epochs').fill('2');
  await page.getByTestId('train-epochs').press('Enter');
  await expect(page.getByTestId('train-step')).toHaveText('Step');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('run-state')).toHaveText('done');
  await expect(page.getByTestId('train-step')).toHaveText('Step (new run)');
  await expect(page.getByTestId('train-step')).toHaveAttribute('title', /starts a new run/);

  // The document is dirty (epochs edited). The picker opens first, with no question asked yet.
  const text = JSON.stringify({ ...JSON.parse(await (await import('node:fs/promises')).readFile('examples/nalu-add.json', 'utf8')) });
  await pickFile(page, async () => {
    await page.getByTestId('menu-import-json').click();
    await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);
  }, 'nalu-add.json', text);
  await expect(page.getByTestId('confirm-dialog')).toBeVisible();
  await page.getByTestId('confirm-ok').click();
  await expect(page.locator('[data-node-type="NALU"]')).toHaveCount(1);
});
