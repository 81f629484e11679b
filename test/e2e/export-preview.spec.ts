import { readFile } from 'node:fs/promises';
import { expect, loadTemplate, test } from './helpers';

test('Export ▸ PyTorch previews the code, copies it, and saves the script with its weights and data', async ({ app: page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await loadTemplate(page, 'xor-mlp');
  await page.getByTestId('menu-export-other').selectOption('pytorch');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  const preview = dialog.getByTestId('export-preview');
  // The module mirrors the graph: attribute names come from node ids.
  await expect(preview).toContainText('nn.Module');
  await expect(preview).toContainText('self.d1');
  await expect(dialog.getByTestId('export-file-weights')).toBeVisible();
  await expect(dialog.getByTestId('export-file-data')).toBeVisible();

  await dialog.getByTestId('export-copy').click();
  await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await preview.textContent());

  const names: string[] = [];
  let script = '';
  page.on('download', async (d) => {
    names.push(d.suggestedFilename());
    if (d.suggestedFilename().endsWith('.py')) script = await readFile((await d.path())!, 'utf8');
  });
  await dialog.getByTestId('export-save').click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => names.length).toBe(3);
  expect(names.some((n) => n.endsWith('.safetensors'))).toBe(true);
  expect(names.some((n) => n.endsWith('.npz'))).toBe(true);
  await expect.poll(() => script).toBe(copied);
});

test('Export ▸ ONNX shows a binary model that can be saved but not copied', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await page.getByTestId('menu-export-other').selectOption('onnx');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-preview')).toContainText(/binary file, [\d,]+ bytes/);
  await expect(dialog.getByTestId('export-copy')).toBeDisabled();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-save').click()]);
  expect(download.suggestedFilename()).toMatch(/\.onnx$/);
});
