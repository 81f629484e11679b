import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import { ONNX_INPUT, ONNX_OUTPUT } from '../../core/exporters/onnx';
import { parseGraphText } from '../../core/graph/io';
import { TrainingSession } from '../../core/session/session';
import { assignWeights, decodeWeightsFor } from '../../core/weights';
import { createNodeResources } from '../../cli/resources';
import { expect, loadTemplate, test } from './helpers';

/**
 * Trained weights leave the app: Save weights writes the selected run's weights (a reset run's are
 * the initial ones, so the files differ), Load weights starts a run from a file and the read-outs show
 * the trained accuracy again, and an ONNX export after training carries the trained weights —
 * onnxruntime-node gives the same predictions as NetLoom's engine with those weights.
 */
async function num(page: Page, id: string): Promise<number> {
  const v = await page.getByTestId(id).getAttribute('data-value');
  return v === null || v === '' ? NaN : Number(v);
}

async function bytesOf(d: Download): Promise<Uint8Array> {
  return new Uint8Array(await readFile((await d.path())!));
}

async function saveWeights(page: Page): Promise<{ name: string; bytes: Uint8Array }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('weights-save').click()]);
  return { name: d.suggestedFilename(), bytes: await bytesOf(d) };
}

test('train, save weights, reset, save again, load: files differ and the trained accuracy returns; ONNX carries them', async ({ app: page }) => {
  test.setTimeout(120_000);
  await loadTemplate(page, 'xor-mlp');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('run-state')).toHaveText('done', { timeout: 60_000 });
  const trainedAcc = await num(page, 'metric-accuracy');
  expect(trainedAcc).toBeGreaterThanOrEqual(0.9);

  const trained = await saveWeights(page);
  expect(trained.name).toBe('xor.safetensors');
  await expect(page.getByTestId('runs-message')).toContainText('trained weights');

  await page.getByTestId('train-reset').click();
  await expect.poll(() => num(page, 'metric-step')).toBe(0);
  const initial = await saveWeights(page);
  expect(Buffer.from(initial.bytes).equals(Buffer.from(trained.bytes))).toBe(false);

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('weights-load').click()]);
  await chooser.setFiles({ name: 'xor.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from(trained.bytes) });
  await expect(page.getByTestId('runs-message')).toContainText('Loaded xor.safetensors');
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  expect(await num(page, 'metric-step')).toBe(0);
  await expect.poll(() => num(page, 'metric-accuracy')).toBe(trainedAcc);

  // ONNX export of the selected (loaded) run: the dialog says the weights are trained ones.
  await page.getByTestId('menu-export-other').selectOption('onnx');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-note')).toContainText('trained weights');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-save').click()]);
  expect(download.suggestedFilename()).toBe('xor.onnx');
  const model = await bytesOf(download);

  // NetLoom's own predictions with the saved weights, on a few points of the plane.
  const parsed = parseGraphText(await readFile('examples/xor-mlp.json', 'utf8'));
  if (!parsed.ok) throw new Error('example does not parse');
  const session = await TrainingSession.create(parsed.graph, { resources: createNodeResources('examples') });
  assignWeights(session.trainer.exec.params, decodeWeightsFor(session.plan, trained.bytes));
  const inputs = Float32Array.from([3.2, 2.8, -2.4, 3.6, -2, -3.2, 2.8, -1.6, 4, 4.4, -3.6, 1.2]);
  const expected = session.predict(inputs, 6);
  const ort_ = await ort.InferenceSession.create(model);
  const out = (await ort_.run({ [ONNX_INPUT]: new ort.Tensor('float32', inputs, [6, 2]) }))[ONNX_OUTPUT]!.data as Float32Array;
  const maxDiff = Math.max(...Array.from(out, (v, i) => Math.abs(v - expected[i]!)));
  expect(maxDiff).toBeLessThan(1e-4);
  // And those are a trained XOR's answers: same-sign quadrants high, the others low.
  expect(out[0]!).toBeGreaterThan(0.5);
  expect(out[1]!).toBeLessThan(0.5);
  await expect(dialog).toHaveCount(0); // Save closes the dialog

  // With no run selected (another template), the export says plainly that the weights are initial.
  await loadTemplate(page, 'nalu-add');
  await page.getByTestId('menu-export-other').selectOption('pytorch');
  await expect(dialog.getByTestId('export-note')).toContainText('initial weights');
  await expect(dialog.getByTestId('export-file-main')).toHaveText('nalu_learns_addition.py');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('menu-export-other').selectOption('keras');
  await expect(dialog.getByTestId('export-file-main')).toHaveText('nalu_learns_addition_keras.py');
});
