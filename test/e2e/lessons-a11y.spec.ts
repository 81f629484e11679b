import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';

/** WCAG A/AA violations inside one part of the page (the rest of the editor is checked elsewhere). */
async function violations(page: Page, selector: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa']).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('start screen, lesson panel and activation explorer have no WCAG A/AA violations', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('start-screen')).toBeVisible();
  expect(await violations(page, '[data-testid="start-screen"]')).toEqual([]);
  await page.getByTestId('start-screen').locator('[data-lesson-id="softmax"]').click();
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  await page.getByTestId('lesson-answer-1').click();
  expect(await violations(page, '[data-testid="lesson-panel"]')).toEqual([]);
  await page.getByTestId('menu-help').click();
  await page.getByTestId('explorer-open').click();
  await page.getByTestId('explorer-fn-elu').check();
  expect(await violations(page, '[data-testid="explorer-view"]')).toEqual([]);
});
