import { seriousViolations } from './axe';
import { expect, loadTemplate, test } from './helpers';

/**
 * Accessibility: an axe-core scan of the editor, the training dock (with a run's charts drawn) and
 * the dialogs finds no serious or critical violation; every control is reachable by keyboard with a
 * visible focus ring.
 */
test('axe: editor, training dock and dialogs have no serious or critical violation', async ({ app: page }) => {
  test.setTimeout(90_000);
  await loadTemplate(page, 'xor-mlp');
  expect(await seriousViolations(page), 'editor with a template').toEqual([]);

  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('run-state')).toHaveText('done', { timeout: 60_000 });
  for (const tab of ['live', 'layers', 'validation', 'compare']) {
    await page.getByTestId(`training-tab-${tab}`).click();
    expect(await seriousViolations(page, '[data-testid="training-panel"]'), `dock, ${tab} tab`).toEqual([]);
  }

  // Dialogs: an export preview, and the discard prompt.
  await page.getByTestId('menu-export-other').selectOption('pytorch');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  expect(await seriousViolations(page), 'export dialog').toEqual([]);
  await page.getByTestId('export-dialog').getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('train-epochs').fill('7');
  await page.getByTestId('train-epochs').press('Enter');
  await page.getByTestId('menu-new').click();
  await expect(page.getByTestId('confirm-dialog')).toBeVisible();
  expect(await seriousViolations(page), 'confirm dialog').toEqual([]);
  await page.getByTestId('confirm-cancel').click();
});

test('keyboard: Tab reaches the toolbar, panels, palette and dock controls, each with a visible focus ring', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  const reached = new Set<string>();
  const wanted = ['menu-new', 'panel-toggle-dock', 'palette-search', 'train-start', 'speed-control'];
  // Focus starts at the template picker, past menu-new: walk until the order wraps round to it (the
  // palette alone has dozens of entries), checking the ring of everything on the way.
  for (let i = 0; i < 400 && !wanted.every((id) => reached.has(id)); i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      return { id: el.dataset.testid ?? el.getAttribute('aria-label') ?? el.tagName, ring };
    });
    if (!info) continue;
    expect(info.ring, `focus ring on ${info.id}`).toBe(true);
    reached.add(info.id);
  }
  for (const id of wanted) expect([...reached], id).toContain(id);
});
