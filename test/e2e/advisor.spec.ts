import { expect, loadTemplate, mod, nodeById, test } from './helpers';

test('the advisor names the node a rule is about; its fix removes the warning and Undo brings it back', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  const advisor = page.getByTestId('advisor');
  const items = advisor.getByTestId('advisor-item');
  // The template trains well: no advice, no marks.
  await expect(page.getByTestId('advisor-count')).toHaveText('0');
  await expect(page.getByTestId('node-advice')).toHaveCount(0);

  // A linear hidden activation makes the two Dense layers one linear map.
  const a1 = nodeById(page, 'a1');
  const a1View = page.getByTestId('node-a1');
  await a1.click();
  await page.getByTestId('inspector').getByTestId('param-fn').selectOption('linear');
  await expect(page.getByTestId('advisor-count')).toHaveText('1');
  await advisor.getByRole('button', { name: 'Advisor' }).click();
  const warning = advisor.locator('[data-testid="advisor-item"][data-rule="linear-stack"]');
  await expect(warning).toHaveCount(1);
  await expect(warning).toHaveAttribute('data-node-id', 'a1');
  await expect(warning).toContainText('a1');
  await expect(a1.getByTestId('node-advice')).toHaveAttribute('data-rules', 'linear-stack');
  await expect(page.getByTestId('node-advice')).toHaveCount(1);

  // One click fixes it, as an ordinary edit.
  await warning.getByTestId('advisor-fix').click();
  await expect(a1View).toHaveAttribute('data-fn', 'relu');
  await expect(items).toHaveCount(0);
  await expect(page.getByTestId('node-advice')).toHaveCount(0);

  await page.getByTestId('undo').click();
  await expect(a1View).toHaveAttribute('data-fn', 'linear');
  await expect(warning).toHaveCount(1);
  await expect(a1.getByTestId('node-advice')).toHaveCount(1);
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect(a1View).toHaveAttribute('data-fn', 'relu');
  await expect(items).toHaveCount(0);
});

test('zero init is flagged only on a layer with several units; the node name in a warning selects it', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await nodeById(page, 'd2').click();
  await page.getByTestId('inspector').getByTestId('param-init').selectOption('zeros');
  // One output unit: zero init is harmless there. Make the hidden layer zero instead.
  await expect(page.getByTestId('advisor-count')).toHaveText('0');
  await nodeById(page, 'd1').click();
  await page.getByTestId('inspector').getByTestId('param-init').selectOption('zeros');
  await page.getByTestId('advisor').getByRole('button', { name: 'Advisor' }).click();
  const zero = page.locator('[data-testid="advisor-item"][data-rule="zero-init"]');
  await expect(zero).toHaveAttribute('data-node-id', 'd1');
  await nodeById(page, 'a1').click();
  await zero.getByRole('button', { name: 'd1 (Dense)' }).click();
  await expect(nodeById(page, 'd1')).toHaveClass(/selected/);
});
