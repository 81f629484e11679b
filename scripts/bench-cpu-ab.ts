#!/usr/bin/env -S npx tsx
// A/B of training speed by CPU time, for a machine other work shares: wall-clock figures move 2× between
// identical runs under load, this process's CPU time (process.cpuUsage) only by a few per cent.
// Usage: npx tsx scripts/bench-cpu-ab.ts [--base DIR] (--workload W6 | --example copy-first-gru)...
//   DIR is another checkout's root (e.g. `git archive <commit> | tar -x -C DIR`); its core/ is loaded into
//   the same process and the two alternate window by window, so both see the same load. Without --base
//   only this tree is measured. Per side: 7 windows of ≥ 0.7 CPU-s after a warm-up, median samples / CPU-s.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { enableRelaxedSimd } from '../cli/wasm-features';

enableRelaxedSimd();
const here = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const base = args.includes('--base') ? resolve(args[args.indexOf('--base') + 1]!) : null;
const targets: { kind: 'workload' | 'example'; name: string }[] = [];
args.forEach((a, i) => {
  if (a === '--workload' || a === '--example') targets.push({ kind: a.slice(2) as 'workload' | 'example', name: args[i + 1]! });
});
const WINDOWS = 7, WINDOW_CPU_MS = 700;

interface Side { label: string; step(): void; samplesPerStep: number }

async function side(root: string, label: string, t: (typeof targets)[number]): Promise<Side> {
  const load = (p: string) => import(pathToFileURL(resolve(root, p)).href);
  if (t.kind === 'workload') {
    const { buildWorkload } = await load('core/bench/workloads.ts');
    const { compileWorkload, freshTrainer } = await load('core/bench/protocol.ts');
    const w = buildWorkload(t.name);
    const trainer = freshTrainer(w, compileWorkload(w));
    return { label, samplesPerStep: w.graph.training.batchSize, step: () => { trainer.trainBatch(); trainer.endOfEpoch(); } };
  }
  const { parseGraphText } = await load('core/graph/io.ts');
  const { compileGraph } = await load('core/compiler/compile.ts');
  const { getDataset, resolveDatasetParams } = await load('core/datasets/index.ts');
  const { Trainer } = await load('core/engine/trainer.ts');
  const parsed = parseGraphText(readFileSync(resolve(here, 'examples', `${t.name}.json`), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const graph = parsed.graph;
  const resolved = resolveDatasetParams(graph.training.dataset);
  if ('error' in resolved) throw new Error(resolved.error.message);
  const noFiles = { readText: async () => '', mnistDigits: async () => [] };
  const data = await getDataset(graph.training.dataset.name).load(resolved.params, graph.training.seed, noFiles);
  const compiled = compileGraph(graph, { datasetInfo: data.info });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  const trainer = new Trainer(compiled.plan, data, graph.training);
  return { label, samplesPerStep: graph.training.batchSize, step: () => { trainer.trainBatch(); trainer.endOfEpoch(); } };
}

const cpuMs = (since: NodeJS.CpuUsage) => { const d = process.cpuUsage(since); return (d.user + d.system) / 1000; };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function windowRate(s: Side): number {
  const c0 = process.cpuUsage();
  let steps = 0, used = 0;
  while (used < WINDOW_CPU_MS) {
    for (let i = 0; i < 5; i++) s.step();
    steps += 5;
    used = cpuMs(c0);
  }
  return (steps * s.samplesPerStep) / (used / 1000);
}

for (const t of targets) {
  const sides = [await side(here, 'this tree', t)];
  if (base) sides.unshift(await side(base, `base (${base})`, t));
  for (const s of sides) { const c0 = process.cpuUsage(); while (cpuMs(c0) < 1000) s.step(); }
  const rates = sides.map(() => [] as number[]);
  for (let w = 0; w < WINDOWS; w++) sides.forEach((s, i) => rates[i]!.push(windowRate(s)));
  const line = sides.map((s, i) => `${s.label}: ${Math.round(median(rates[i]!))} samples/CPU-s [${rates[i]!.map(Math.round).join(', ')}]`);
  const gain = base ? `  → ${((median(rates[1]!) / median(rates[0]!) - 1) * 100).toFixed(1)} %` : '';
  console.log(`${t.kind} ${t.name}: ${line.join(' | ')}${gain}`);
}
