import { expect, exportJson, loadTemplate, test } from './helpers';

/**
 * The learning-rate schedule control in the Training dock: it shows the template's schedule, switching
 * the kind fills in that kind's numbers, edits reach the saved graph, "constant" removes the field, and
 * a run with a schedule trains to the end.
 */
test('the LR schedule control edits training.schedule and a scheduled run finishes', async ({ app: page }) => {
  await loadTemplate(page, 'lenet5-mnist');
  await expect(page.getByTestId('train-schedule')).toHaveValue('cosine');
  await expect(page.locator('#train-schedule-warmup')).toHaveValue('0.25');
  await page.getByTestId('inspector-tab-graph').click();
  await expect(page.getByTestId('graph-training-summary')).toContainText('learning rate 0.01 (cosine schedule)');

  await loadTemplate(page, 'xor-mlp');
  await expect(page.getByTestId('train-schedule')).toHaveValue('constant');
  await expect(page.locator('#train-schedule-every')).toHaveCount(0);
  expect((await exportJson(page)).json).not.toHaveProperty('training.schedule');

  await page.getByTestId('train-schedule').selectOption('step');
  await expect(page.locator('#train-schedule-gamma')).toHaveValue('0.1');
  await page.locator('#train-schedule-every').fill('20');
  await page.locator('#train-schedule-every').press('Enter');
  expect((await exportJson(page)).json).toHaveProperty('training.schedule', { type: 'step', everyEpochs: 20, gamma: 0.1 });

  await page.getByTestId('train-schedule').selectOption('cosine');
  await page.locator('#train-schedule-warmup').fill('2');
  await page.locator('#train-schedule-warmup').press('Enter');
  expect((await exportJson(page)).json).toHaveProperty('training.schedule', { type: 'cosine', warmupEpochs: 2 });

  await page.getByTestId('train-epochs').fill('5');
  await page.getByTestId('train-epochs').press('Enter');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('run-state')).toHaveText('done');

  await page.getByTestId('train-schedule').selectOption('constant');
  expect((await exportJson(page)).json).not.toHaveProperty('training.schedule');
});
