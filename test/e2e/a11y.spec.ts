import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, loadTemplate, test } from './helpers';

/**
 * Accessibility: an axe-core scan of the editor, the training dock (with a run's charts drawn) and
 * the dialogs finds no serious or critical violation; every control is reachable by keyboard with a
 * visible focus ring.
 */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include);
  const r = await builder.analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

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
  for (let i = 0; i < 160; i++) {
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
  for (const id of ['menu-new', 'panel-toggle-dock', 'palette-search', 'train-start', 'speed-control']) expect([...reached], id).toContain(id);
});
