import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, loadTemplate, test } from './helpers';

/**
 * Every template opens with each wire's shape label in the gap between the nodes it joins, never
 * over a node (issue 14: "edge labels never hide under nodes"; the layout leaves room for the widest
 * label between layers, and the templates' stored positions come from that layout).
 */
const templates = readdirSync('examples').filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

for (const id of templates) {
  test(`${id}: no shape label overlaps a node`, async ({ app: page }) => {
    await loadTemplate(page, id);
    expect(await labelOverlaps(page)).toEqual([]);
  });
}

/** Each wire's shape label against every node's box on screen: the ones that overlap by more than a pixel. */
async function labelOverlaps(page: Page): Promise<string[]> {
  const labels = page.locator('.nl-edge-label');
  await expect.poll(() => labels.count()).toBeGreaterThan(0);
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
    const out: string[] = [];
    for (const l of document.querySelectorAll('.nl-edge-label')) {
      const a = l.getBoundingClientRect();
      for (const b of nodes) {
        const ix = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const iy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        // A pixel of touching is not hiding; more than that is.
        if (ix > 1 && iy > 1) out.push(`${l.textContent} over a node by ${Math.round(ix)}×${Math.round(iy)} px`);
      }
    }
    return out;
  });
}

// The lessons keep their own stored positions (laid out with the editor's layout, like the templates):
// opened as a learner opens one (Help ▸ Lessons), in the smallest supported window, where the lesson
// panel leaves the canvas least room (checked by hand at 1400×900 too: node and label sizes do not
// depend on the window, only the zoom does).
const lessons = readdirSync('examples/lessons').filter((f) => f.endsWith('.json'))
  .map((f) => (JSON.parse(readFileSync(`examples/lessons/${f}`, 'utf8')) as { 'x-lesson': { id: string } })['x-lesson'].id);

for (const id of lessons) {
  test(`lesson ${id} at 1280×720: no shape label overlaps a node`, async ({ app: page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('menu-help').click();
    await page.getByTestId('lessons-open').click();
    await page.getByTestId('lessons-dialog').locator(`[data-testid="lesson-item"][data-lesson-id="${id}"]`).click();
    await expect(page.getByTestId('lesson-panel')).toBeVisible();
    expect(await labelOverlaps(page)).toEqual([]);
  });
}
