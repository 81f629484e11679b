import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, pickFile, test } from './helpers';
import { bigGraphText } from './perf-graph';

/**
 * A generated 300-node graph opens, pans and zooms without stutter. Frame times are the deltas between
 * requestAnimationFrame callbacks while the viewport animates (programmatic pans) and while the mouse
 * wheel zooms and a node is dragged (real input). Results go to .tmp/perf/editor-300.json; with
 * NETLOOM_RECORD_PERF=1 they also replace the "Editor: 300-node graph" section of docs/perf.md.
 */
interface Stats { frames: number; meanMs: number; p50Ms: number; p95Ms: number; maxMs: number; over50ms: number }

function stats(deltas: number[]): Stats {
  const s = [...deltas].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  const r = (v: number) => Math.round(v * 10) / 10;
  return { frames: s.length, meanMs: r(s.reduce((a, b) => a + b, 0) / s.length), p50Ms: r(q(0.5)), p95Ms: r(q(0.95)), maxMs: r(s.at(-1)!), over50ms: s.filter((d) => d > 50).length };
}

async function record(page: Page, action: () => Promise<void>): Promise<Stats> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __rec: boolean };
    w.__frames = [];
    w.__rec = true;
    let last = performance.now();
    const tick = (t: number) => {
      w.__frames.push(t - last);
      last = t;
      if (w.__rec) requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(tick);
    });
  });
  await action();
  const deltas = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __rec: boolean };
    w.__rec = false;
    return w.__frames;
  });
  return stats(deltas);
}

test('a 300-node graph opens, pans and zooms without stutter', async ({ app: page }) => {
  test.setTimeout(90_000);
  await page.goto('/?e2e');
  const text = bigGraphText();
  const t0 = Date.now();
  await pickFile(page, () => page.getByTestId('menu-open').click(), 'perf-300.json', text);
  await expect(page.locator('.react-flow__node')).toHaveCount(300, { timeout: 20_000 });
  await expect(page.locator('.react-flow__edge')).toHaveCount(299);
  await expect(page.getByTestId('problems-empty')).toBeVisible();
  const openMs = Date.now() - t0;

  type VP = { get(): { x: number; y: number; zoom: number }; set(v: object, d?: number): Promise<boolean>; fit(): Promise<boolean> };
  const vp = <T,>(fn: (v: VP) => T | Promise<T>) => page.evaluate(`(${fn.toString()})(window.__netloomViewport)`) as Promise<T>;

  // Programmatic pans: animated viewport moves across the whole graph at zoom 1 (many nodes on screen).
  const pan = await record(page, async () => {
    for (const [x, y] of [[0, 0], [-2500, 0], [-2500, -1200], [0, -1200], [0, 0]]) {
      await vp((v) => v.set({ x: 0, y: 0, zoom: 1 }, 0));
      await page.evaluate(([px, py]) => (window as unknown as { __netloomViewport: { set(v: object, d: number): Promise<boolean> } }).__netloomViewport.set({ x: px, y: py, zoom: 1 }, 600), [x, y]);
      await page.waitForTimeout(650);
    }
  });
  // Zoom: animated zoom from everything-visible to close-up and back, then real mouse-wheel zooming.
  const zoom = await record(page, async () => {
    await vp((v) => v.fit());
    await page.evaluate(() => (window as unknown as { __netloomViewport: { set(v: object, d: number): Promise<boolean> } }).__netloomViewport.set({ x: -800, y: -400, zoom: 1.6 }, 800));
    await page.waitForTimeout(850);
    await vp((v) => v.fit());
    const pane = (await page.locator('.react-flow__renderer').boundingBox())!;
    await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(30);
    }
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, 120);
      await page.waitForTimeout(30);
    }
  });
  // Dragging one node among 300: every frame is a document edit, so this exercises the whole pipeline.
  await vp((v) => v.set({ x: 0, y: 0, zoom: 1 }, 0));
  const node = (await page.locator('.react-flow__node[data-id="n3"]').boundingBox())!;
  const drag = await record(page, async () => {
    await page.mouse.move(node.x + 40, node.y + 12);
    await page.mouse.down();
    for (let i = 1; i <= 40; i++) await page.mouse.move(node.x + 40 + i * 5, node.y + 12 + i * 3);
    await page.mouse.up();
  });

  const result = { date: new Date().toISOString(), nodes: 300, edges: 299, openMs, pan, zoom, drag };
  console.log(JSON.stringify(result, null, 2));
  await mkdir('.tmp/perf', { recursive: true });
  await writeFile('.tmp/perf/editor-300.json', `${JSON.stringify(result, null, 2)}\n`);
  if (process.env.NETLOOM_RECORD_PERF === '1') await writePerfDoc(result);

  // "Without stutter": the median frame within 30 fps and no long freeze. The bounds are loose on
  // purpose: the test machine has no GPU and is shared; docs/perf.md records the actual numbers.
  for (const s of [pan, zoom]) {
    expect(s.frames).toBeGreaterThan(10);
    expect(s.p50Ms).toBeLessThan(34);
    expect(s.maxMs).toBeLessThan(1000);
  }
  expect(drag.p50Ms).toBeLessThan(120);
  expect(openMs).toBeLessThan(10_000);
});

async function writePerfDoc(r: { date: string; openMs: number; pan: Stats; zoom: Stats; drag: Stats }): Promise<void> {
  const path = 'docs/perf.md';
  let doc = '';
  try {
    doc = await readFile(path, 'utf8');
  } catch {
    doc = '# Performance\n';
  }
  const row = (name: string, s: Stats) => `| ${name} | ${s.frames} | ${s.meanMs} | ${s.p50Ms} | ${s.p95Ms} | ${s.maxMs} | ${s.over50ms} |`;
  const section = [
    '## Editor: 300-node graph',
    '',
    `Measured by \`test/e2e/perf.spec.ts\` (\`NETLOOM_RECORD_PERF=1 npm run test:e2e -- perf\`) on ${r.date.slice(0, 10)}:`,
    'headless Debian Chromium, `--disable-gpu` (software compositing), 1400×860 viewport, 2 cores.',
    'The graph is a generated 300-node, 299-edge chain (Input, 148 × Dense+Activation, Dense, Activation, Loss)',
    'laid out in a 20-column snake; every edge carries a shape label and every node its shape.',
    '',
    `Open (file chosen → 300 nodes drawn, validated): **${r.openMs} ms**.`,
    '',
    'Frame times are `requestAnimationFrame` deltas while the action runs (16.7 ms = 60 fps):',
    '',
    '| action | frames | mean ms | p50 ms | p95 ms | max ms | frames > 50 ms |',
    '|---|---|---|---|---|---|---|',
    row('pan (5 animated viewport moves at zoom 1)', r.pan),
    row('zoom (animated fit ↔ 1.6×, 24 wheel steps)', r.zoom),
    row('drag one node (40 moves, an undoable gesture)', r.drag),
    '',
    'The spec fails if a pan or zoom has a median frame ≥ 34 ms or any frame ≥ 1 s, or the drag a median ≥ 120 ms.',
    '',
  ].join('\n');
  const re = /## Editor: 300-node graph\n[\s\S]*?(?=\n## |$)/;
  doc = re.test(doc) ? doc.replace(re, section.trimEnd() + '\n') : `${doc.trimEnd()}\n\n${section}`;
  await writeFile(path, doc);
}
