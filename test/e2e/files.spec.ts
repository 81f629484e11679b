import { readFile } from 'node:fs/promises';
import { expect, exportJson, loadTemplate, nodeById, pickFile, setParam, test } from './helpers';

const fixture = (name: string) => readFile(new URL(`../fixtures/malformed/${name}`, import.meta.url), 'utf8');

test('export JSON and re-import it: equal to the original', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await nodeById(page, 'd1').click();
  await setParam(page, 'units', '6');
  const first = await exportJson(page);
  expect(first.name).toBe('XOR.json');
  const original = JSON.parse(await readFile(new URL('../../examples/xor-mlp.json', import.meta.url), 'utf8'));
  original.nodes[1].params.units = 6;
  expect(first.json).toEqual(original);

  // Start over, then import the downloaded file.
  await page.getByTestId('menu-new').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await pickFile(page, () => page.getByTestId('menu-import-json').click(), first.name, first.text);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await expect(nodeById(page, 'd1')).toContainText('units 6');
  const again = await exportJson(page);
  expect(again.json).toEqual(first.json);
  expect(again.text).toBe(first.text);
});

test('open a malformed file: its problems are listed and the current graph is kept', async ({ app: page }) => {
  await loadTemplate(page, 'xor-mlp');
  await expect(page.getByTestId('doc-title')).toHaveText('XOR.json');
  for (const name of ['node-without-id.json', 'not-json.json']) {
    await pickFile(page, () => page.getByTestId('menu-open').click(), name, await fixture(name));
    const dialog = page.getByTestId('import-problems');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(name);
    await expect(dialog.getByTestId('import-problem').first()).toBeVisible();
    if (name === 'not-json.json') await expect(dialog).toContainText('not valid JSON');
    else await expect(dialog).toContainText('nodes[');
    await dialog.getByTestId('import-problems-close').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('.react-flow__node')).toHaveCount(6);
    await expect(page.getByTestId('doc-title')).toHaveText('XOR.json');
  }
});

test('open a graph without positions: it is laid out; Save downloads it and clears the unsaved marker', async ({ app: page }) => {
  const original = JSON.parse(await readFile(new URL('../../examples/xor-mlp.json', import.meta.url), 'utf8'));
  for (const n of original.nodes) delete n.position;
  await pickFile(page, () => page.getByTestId('menu-open').click(), 'bare.json', JSON.stringify(original));
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  const xs = await Promise.all(['in', 'd1', 'a1', 'd2', 'a2', 'loss'].map(async (id) => (await nodeById(page, id).boundingBox())!.x));
  expect(xs).toEqual([...xs].sort((a, b) => a - b));
  // Positions were added, so the document is unsaved.
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  await expect(page).toHaveTitle('● bare.json — NetLoom');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
  expect(download.suggestedFilename()).toBe('bare.json');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  await expect(page).toHaveTitle('bare.json — NetLoom');
});
