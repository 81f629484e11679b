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

test('the Layers tab shows the LSTM\'s hidden state over time while it trains', async ({ app: page }) => {
  test.setTimeout(90_000);
  await loadTemplate(page, 'copy-first-lstm');
  await page.getByTestId('train-start').click();
  await page.getByTestId('training-tab-layers').click();
  const view = page.getByTestId('chart-hidden-state');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('hidden-state-node')).toHaveValue('rnn');
  await expect(view).toHaveAttribute('data-steps', '30', { timeout: 30_000 });
  await expect(view).toHaveAttribute('data-units', '32');
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
});
