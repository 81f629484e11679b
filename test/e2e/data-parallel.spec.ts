import type { Page } from '@playwright/test';
import { expect, loadTemplate, test } from './helpers';

/**
 * Browser mode is cross-origin isolated (scripts/serve-web.mjs sends COOP/COEP), so SharedArrayBuffer
 * exists, and its CSP allows WebAssembly ('wasm-unsafe-eval'), so the wasm kernels run: a large enough
 * run then trains data-parallel, its worker starting a nested helper worker.
 */
async function num(page: Page, id: string): Promise<number> {
  const v = await page.getByTestId(id).getAttribute('data-value');
  return v === null || v === '' ? NaN : Number(v);
}

test('the page is cross-origin isolated, so SharedArrayBuffer is available', async ({ app: page }) => {
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
});

test('an MNIST MLP run trains on two workers (a data-parallel helper) and finishes', async ({ app: page }) => {
  test.setTimeout(120_000);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await loadTemplate(page, 'mnist-mlp');
  const samples = page.getByTestId('dataset-param-samples');
  await samples.fill('500');
  await samples.press('Enter');
  await expect(samples).toHaveValue('500');
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-epochs').press('Enter');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('run-item').first()).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('run-error')).toBeHidden();
  // run-state is written in the same draw as the read-outs; the runs list can say "done" a draw earlier.
  await expect(page.getByTestId('run-state')).toHaveText('done');
  // 400 training images in batches of 32: every batch trained, the helper's halves included.
  expect(await num(page, 'metric-step')).toBe(13);
  await expect.poll(() => workers.some((u) => u.includes('parallel-helper-worker'))).toBe(true);
});
