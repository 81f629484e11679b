import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/**
 * Shared steps for the editor specs. Every test fails if the page throws or logs a CSP violation:
 * browser mode must run under the strict policy.
 */
export const test = base.extend<{ app: Page }>({
  app: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) errors.push(`console: ${m.text()}`);
    });
    // The first-launch start screen is covered by lessons.spec.ts; here the editor opens as it did before.
    await page.addInitScript(() => localStorage.setItem('netloom.start-screen.closed', '1'));
    await page.goto('/');
    await expect(page.getByTestId('canvas')).toBeVisible();
    // The minimap floats over the canvas corner; with it off, clicks on nodes there are not intercepted.
    await page.getByTestId('toggle-minimap').click();
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    await use(page);
    expect(errors, 'page errors / CSP violations').toEqual([]);
  },
});
export { expect };

export const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

export function nodeOf(page: Page, type: string, fn?: string): Locator {
  const inner = fn ? `[data-node-type="${type}"][data-fn="${fn}"]` : `[data-node-type="${type}"]`;
  return page.locator(`.react-flow__node:has(${inner})`);
}

export function nodeById(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/**
 * Pan the canvas (by dragging empty pane, as a person would) until the node is inside the visible
 * canvas. Fit view never zooms out below readable text, so on a wide graph some nodes start off-screen.
 */
export async function revealNode(page: Page, node: Locator): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const box = (await node.boundingBox())!;
    const margin = 24;
    const inside = box.x >= pane.x + margin && box.x + box.width <= pane.x + pane.width - margin &&
      box.y >= pane.y + margin && box.y + box.height <= pane.y + pane.height - margin;
    if (inside) return;
    // A point of bare pane to grab: nodes, edges and panels on top of it would take the drag instead.
    const grab = await page.evaluate(({ x, y, w, h }) => {
      for (const gy of [0.9, 0.75, 0.1, 0.6, 0.25]) {
        for (const gx of [0.5, 0.3, 0.7, 0.15, 0.85]) {
          const px = x + w * gx, py = y + h * gy;
          if (document.elementFromPoint(px, py)?.classList.contains('react-flow__pane')) return { px, py };
        }
      }
      return null;
    }, { x: pane.x, y: pane.y, w: pane.width, h: pane.height });
    if (!grab) throw new Error('no empty pane to drag the view with');
    const clamp = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v));
    const dx = clamp(pane.x + pane.width / 2 - (box.x + box.width / 2), pane.width * 0.4);
    const dy = clamp(pane.y + pane.height / 2 - (box.y + box.height / 2), pane.height * 0.4);
    await page.mouse.move(grab.px, grab.py);
    await page.mouse.down();
    await page.mouse.move(grab.px + dx, grab.py + dy, { steps: 8 });
    await page.mouse.up();
  }
  throw new Error('could not pan the node into view');
}

/**
 * Click a node on the canvas. Nodes may move between the pan that reveals one and the click: a neighbour
 * that grows (a badge or live preview arriving with a run's last frame) pushes the nodes it crowds aside,
 * possibly out of the window, where Playwright cannot scroll them back. So reveal, try the click briefly,
 * and reveal again if the node moved away meanwhile.
 */
export async function clickNode(page: Page, node: Locator): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    await revealNode(page, node);
    try {
      await node.click({ timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** HTML5 drag from the palette onto the canvas at (x, y) relative to the canvas. */
export async function dropFromPalette(page: Page, key: string, x: number, y: number): Promise<void> {
  await page.getByTestId(`palette-item-${key}`).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

/**
 * Select an edge by clicking it. Right after a template opens the view may still be settling, so a click
 * can miss the moving edge: click again until it is selected (waits on state, not time).
 */
export async function selectEdge(page: Page, id: string): Promise<void> {
  const edge = page.locator(`.react-flow__edge[data-id="${id}"]`);
  await expect(async () => {
    await edge.click({ force: true });
    await expect(edge).toHaveClass(/selected/, { timeout: 1_000 });
  }).toPass();
}

/** Drag a wire from a node's output handle to a target node's input handle (named for multi-port nodes). */
export async function wire(page: Page, from: Locator, to: Locator, targetHandle?: string): Promise<void> {
  const src = from.locator('.react-flow__handle.source').first();
  const dst = targetHandle ? to.locator(`.react-flow__handle.target[data-handleid="${targetHandle}"]`) : to.locator('.react-flow__handle.target').first();
  const a = (await src.boundingBox())!;
  const b = (await dst.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Set a numeric or text param in the inspector and apply it (Enter). */
export async function setParam(page: Page, name: string, value: string): Promise<void> {
  const field = page.getByTestId('inspector').getByTestId(`param-${name}`);
  await field.fill(value);
  await field.press('Enter');
}

export async function loadTemplate(page: Page, id: string): Promise<void> {
  await openAndFrame(page, () => page.getByTestId('menu-template').selectOption(id).then(() => undefined));
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
}

/** Click Export JSON and return the downloaded file's parsed content. */
export async function exportJson(page: Page): Promise<{ name: string; text: string; json: unknown }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('menu-export-json').click()]);
  const text = await readFile((await download.path())!, 'utf8');
  return { name: download.suggestedFilename(), text, json: JSON.parse(text) };
}

/** Answer the browser file picker opened by `trigger` with a file of the given name and text. */
export async function pickFile(page: Page, trigger: () => Promise<void>, name: string, text: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), trigger()]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** Click on empty canvas (to clear the selection) at a spot relative to the pane. */
export async function clickEmptyCanvas(page: Page, x = 20, y = 20): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x, y } });
}

/**
 * Run `open` (a template, an import) and wait until the canvas has framed the new document: clicks
 * right after an opening could land while its fit view moves the graph.
 */
export async function openAndFrame(page: Page, open: () => Promise<void>): Promise<void> {
  const canvas = page.getByTestId('canvas');
  const before = await canvas.getAttribute('data-framed');
  await open();
  await expect.poll(async () => {
    const now = await canvas.getAttribute('data-framed');
    return now !== null && now !== before;
  }).toBe(true);
}
