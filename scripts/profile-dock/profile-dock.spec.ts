import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { CDPSession, Page } from '@playwright/test';
import { expect, loadTemplate, pickFile, test } from '../../test/e2e/helpers';

/**
 * What the main thread does while a run trains: long tasks (Long Tasks API), long animation frames
 * with the callbacks behind them, and optionally the thread CPU time of every task from a Chromium
 * trace — the figure that tells work (CPU) from descheduling (wall time minus CPU) on a loaded machine.
 * A measuring tool, never an assertion: see docs/perf.md ("Long tasks, round 4").
 */

const scenario = process.env.SCEN ?? 'circle';
const seconds = Number(process.env.SECS ?? 20);
const outDir = '.tmp/profile-dock';

interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }
interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }

async function open(page: Page): Promise<void> {
  if (scenario === 'circle') {
    const g = JSON.parse(await readFile('examples/xor-mlp.json', 'utf8')) as { name: string; training: { dataset: object; epochs: number } };
    g.name = 'Circle';
    g.training.dataset = { name: 'circle', samples: 400, noise: 0.1, validationSplit: 0.2 };
    g.training.epochs = 100_000;
    await pickFile(page, () => page.getByTestId('menu-import-json').click(), 'circle.json', JSON.stringify(g));
  } else if (scenario.startsWith('lessons/')) {
    await pickFile(page, () => page.getByTestId('menu-import-json').click(), 'lesson.json', await readFile(`examples/${scenario}.json`, 'utf8'));
  } else await loadTemplate(page, scenario);
}

async function observe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __lt: number[]; __fr: string[] };
    w.__lt = [];
    w.__fr = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__lt.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries() as unknown as { startTime: number; duration: number; scripts: { invoker: string; duration: number }[] }[]) {
        if (e.duration > 50) w.__fr.push(`${Math.round(e.startTime)} ms: ${Math.round(e.duration)} ms — ${e.scripts.map((s) => `${s.invoker} ${Math.round(s.duration)} ms`).join('; ')}`);
      }
    }).observe({ type: 'long-animation-frame' });
  });
}

/** Thread CPU time of the renderer main thread's tasks, from a trace. */
async function traceSummary(cdp: CDPSession): Promise<string> {
  const done = new Promise<{ stream: string }>((res) => cdp.once('Tracing.tracingComplete', (e) => res(e as { stream: string })));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  let text = '';
  for (;;) {
    const r = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += r.base64Encoded ? Buffer.from(r.data, 'base64').toString() : r.data;
    if (r.eof) break;
  }
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents ?? [];
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && main && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined);
  const cpu = tasks.map((t) => (t.tdur ?? 0) / 1000).sort((a, b) => b - a);
  const wall = tasks.map((t) => t.dur! / 1000).sort((a, b) => b - a);
  const over = (xs: number[], v: number) => xs.filter((x) => x > v).length;
  return `main-thread tasks ${tasks.length}; CPU total ${Math.round(cpu.reduce((s, x) => s + x, 0))} ms; CPU per task, largest: ${cpu.slice(0, 8).map((x) => x.toFixed(1)).join(', ')} ms; tasks over 10/20/50 ms CPU: ${over(cpu, 10)}/${over(cpu, 20)}/${over(cpu, 50)}; wall over 50 ms: ${over(wall, 50)} (largest ${wall.slice(0, 5).map(Math.round).join(', ')})`;
}

/** Self time per function over the whole run, from a sampled CPU profile. */
function profileSummary(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') return;
    const k = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
    self.set(k, (self.get(k) ?? 0) + profile.timeDeltas[i]! / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `  ${v.toFixed(1)} ms ${k}`).join('\n');
}

test(`profile the dock: ${scenario}`, async ({ app: page }) => {
  test.setTimeout((seconds + 120) * 1000);
  await open(page);
  if (process.env.EPOCHS) {
    await page.getByTestId('train-epochs').fill(process.env.EPOCHS);
    await page.getByTestId('train-epochs').press('Enter');
  }
  await expect(page.getByTestId('train-start')).toBeEnabled();
  await observe(page);
  const cdp = await page.context().newCDPSession(page);
  if (process.env.PROF) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  if (process.env.TRACE) {
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'disabled-by-default-devtools.timeline', 'devtools.timeline', 'v8'] }, transferMode: 'ReturnAsStream' });
  }
  await page.getByTestId('train-start').click();
  const until = Date.now() + seconds * 1000;
  await expect.poll(async () => Date.now() >= until || (await page.getByTestId('run-state').textContent()) === 'done', { timeout: (seconds + 60) * 1000, intervals: [500] }).toBe(true);
  const epoch = await page.getByTestId('metric-epoch').getAttribute('data-value');
  const tasks = await page.evaluate(() => (window as unknown as { __lt: number[] }).__lt);
  const frames = await page.evaluate(() => (window as unknown as { __fr: string[] }).__fr);
  const heapMb = await page.evaluate(() => Math.round(((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN) / 2 ** 20));
  const lines = [JSON.stringify({ scenario, window: `${process.env.PW ?? 1400}×${process.env.PH ?? 900}`, seconds, epoch: Number(epoch), heapMb, longTasks: tasks.length, maxMs: Math.max(0, ...tasks), durations: tasks })];
  if (process.env.TRACE) lines.push(await traceSummary(cdp));
  if (process.env.PROF) {
    const { profile } = await cdp.send('Profiler.stop');
    lines.push(`CPU profile, self time:\n${profileSummary(profile as unknown as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] })}`);
  }
  lines.push(`long animation frames:\n${frames.join('\n')}`);
  console.log(lines.slice(0, 2).join('\n'));
  await mkdir(outDir, { recursive: true });
  await writeFile(`${outDir}/${scenario.replace('/', '_')}-${process.env.TAG ?? 'run'}.txt`, `${lines.join('\n')}\n`);
});
