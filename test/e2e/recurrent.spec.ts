import { expect, loadTemplate, nodeById, test } from './helpers';

test('the Embedding + LSTM template shows its sequence shapes and a Recurrent palette section', async ({ app: page }) => {
  const group = page.getByTestId('palette-group-Recurrent');
  for (const key of ['Embedding', 'SimpleRNN', 'LSTM', 'GRU']) await expect(group.getByTestId(`palette-item-${key}`)).toBeVisible();

  await loadTemplate(page, 'copy-first-lstm');
  await expect(page.getByTestId('problems-empty')).toBeVisible();
  const labels = page.locator('.react-flow__edge-text');
  for (const shape of ['[B, 30]', '[B, 30, 8]', '[B, 32]']) await expect(labels.filter({ hasText: shape }).first()).toBeVisible();

  // One-hot steps are vectors, not token ids: the Embedding says so, naming the shape it got.
  await page.getByTestId('inspector-tab-graph').click();
  await page.getByTestId('training-dataset-encoding').selectOption('one-hot');
  const emb = nodeById(page, 'emb');
  await expect(emb.getByTestId('node-error')).toHaveText('1');
  await expect(emb.getByTestId('node-problem')).toContainText('token ids [B, T]');
  await expect(page.getByTestId('problem-item').first()).toHaveAttribute('data-node-id', 'emb');
});
