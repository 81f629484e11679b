import { expect, type Page, type Route } from '@playwright/test';
import type { FixStep } from '../../core/lessons';
import type { Graph } from '../../core/graph/schema';
import { clickNode, dropFromPalette, nodeById, nodeOf, revealNode, wire } from './helpers';

/**
 * Refuse every request that does not go to the app's own origin, and remember it: the app must work
 * in an offline classroom, so any such request is a failure (checked by the caller).
 */
export async function guardOffline(page: Page, baseURL: string): Promise<string[]> {
  const origin = new URL(baseURL).origin;
  const refused: string[] = [];
  await page.context().route('**/*', (route: Route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    refused.push(url);
    return route.abort('blockedbyclient');
  });
  return refused;
}

/** Training settings a fix may change, and the Training panel field that changes each. */
const TRAINING_FIELDS: Record<string, string> = {
  'optimizer.lr': 'train-lr', batchSize: 'train-batch', epochs: 'train-epochs', seed: 'train-seed',
};

/** Click Train and wait until that new run (not an earlier one) has ended; returns its final state. */
export async function trainToEnd(page: Page): Promise<string> {
  const active = page.locator('[data-testid="run-item"].active');
  const before = (await active.count()) ? await active.getAttribute('data-run-id') : null;
  await page.getByTestId('train-start').click();
  // A new run shows once its worker has started, which on a loaded machine (the whole suite on two
  // cores) can take several seconds: wait on the state, generously, not on the time.
  await expect.poll(async () => ((await active.count()) ? active.getAttribute('data-run-id') : null), { timeout: 60_000 }).not.toBe(before);
  await expect(active).toHaveAttribute('data-state', /^(done|error|stopped)$/, { timeout: 90_000 });
  return (await active.getAttribute('data-state'))!;
}

/** Set one param of the selected node in the inspector: a select for choices, a field otherwise. */
async function setInspectorParam(page: Page, name: string, value: string | number | boolean): Promise<void> {
  const field = page.getByTestId('inspector').getByTestId(`param-${name}`);
  await expect(field).toBeVisible();
  const tag = await field.evaluate((el) => el.tagName);
  if (tag === 'SELECT') await field.selectOption(String(value));
  else if ((await field.getAttribute('type')) === 'checkbox') await field.setChecked(value === true);
  else {
    await field.fill(String(value));
    await field.press('Enter');
  }
  await expect(field).toHaveValue(String(value));
}

/**
 * Perform a lesson's fix in the editor the way a learner would: select the node and set its params in
 * the inspector, or delete it, drop the new type from the palette in its place and wire it up.
 */
export async function performFix(page: Page, graph: Graph, steps: readonly FixStep[]): Promise<void> {
  for (const step of steps) {
    if ('node' in step) {
      await clickNode(page, nodeById(page, step.node));
      for (const [name, value] of Object.entries(step.params)) await setInspectorParam(page, name, value);
    } else if ('replace' in step) {
      const old = nodeById(page, step.replace);
      await revealNode(page, old);
      const pane = (await page.locator('.react-flow__pane').boundingBox())!;
      const box = (await old.boundingBox())!;
      await old.click();
      await page.keyboard.press('Delete');
      await expect(old).toHaveCount(0);
      await dropFromPalette(page, step.type, box.x - pane.x + box.width / 2, box.y - pane.y + box.height / 2 + 60);
      const added = nodeOf(page, step.type).last();
      await added.click();
      for (const [name, value] of Object.entries(step.params)) await setInspectorParam(page, name, value);
      for (const e of graph.edges.filter((x) => x.target === step.replace)) await wire(page, nodeById(page, e.source), added);
      for (const e of graph.edges.filter((x) => x.source === step.replace)) await wire(page, added, nodeById(page, e.target));
    } else {
      for (const [path, value] of Object.entries(step.training)) {
        const id = TRAINING_FIELDS[path];
        if (!id) throw new Error(`no training field for ${path} in this spec`);
        const field = page.getByTestId(id);
        await field.fill(String(value));
        await field.press('Enter');
        await expect(field).toHaveValue(String(value));
      }
    }
  }
  await expect(page.getByTestId('problems-empty')).toBeVisible();
}
