import { readdirSync } from 'node:fs';
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
    const labels = page.locator('.nl-edge-label');
    await expect.poll(() => labels.count()).toBeGreaterThan(0);
    const overlaps = await page.evaluate(() => {
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
    expect(overlaps).toEqual([]);
  });
}
