/**
 * Times the ONNX import of a ~600-node model and its auto-layout, for docs/perf.md (a figure, not a
 * timed test). The model is made by NetLoom's own exporter from a generated graph of residual MLP
 * blocks (Dense → relu → Dense → Add → LayerNorm), so it has the shape of a deep zoo model:
 * MatMul + Add pairs, activations, LayerNormalization and residual Adds, ~900 ONNX ops.
 *   npx tsx scripts/bench-onnx-import.ts [blocks=120] [--groups | --collapsed]
 * With --groups each block is put in a group (x-groups, expanded), with --collapsed in a collapsed one,
 * to time the group-aware layout (renderer/groups/group-layout.ts).
 */
import { exportOnnx } from '../core/exporters/onnx';
import { parseGraphObject } from '../core/graph/io';
import { importOnnx } from '../core/importers/onnx';
import { layoutGraph } from '../renderer/state/layout';
import { withGroups } from '../core/graph/groups';

const blocks = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 120);
const grouping = process.argv.includes('--collapsed') ? 'collapsed' : process.argv.includes('--groups') ? 'expanded' : 'none';
const width = 32;
const nodes: { id: string; type: string; params: Record<string, unknown> }[] = [{ id: 'in', type: 'Input', params: {} }];
const edges: { id: string; source: string; target: string; targetHandle?: string }[] = [];
const link = (source: string, target: string, targetHandle?: string) => edges.push({ id: `e${edges.length}`, source, target, ...(targetHandle ? { targetHandle } : {}) });
nodes.push({ id: 'stem', type: 'Dense', params: { units: width } });
link('in', 'stem');
let prev = 'stem';
for (let b = 0; b < blocks; b++) {
  const ids = [`b${b}_fc1`, `b${b}_relu`, `b${b}_fc2`, `b${b}_add`, `b${b}_norm`];
  nodes.push({ id: ids[0]!, type: 'Dense', params: { units: width } }, { id: ids[1]!, type: 'Activation', params: { fn: 'relu' } },
    { id: ids[2]!, type: 'Dense', params: { units: width } }, { id: ids[3]!, type: 'Add', params: {} }, { id: ids[4]!, type: 'LayerNorm', params: {} });
  link(prev, ids[0]!);
  link(ids[0]!, ids[1]!);
  link(ids[1]!, ids[2]!);
  link(ids[2]!, ids[3]!, 'a');
  link(prev, ids[3]!, 'b');
  link(ids[3]!, ids[4]!);
  prev = ids[4]!;
}
nodes.push({ id: 'head', type: 'Dense', params: { units: 10 } }, { id: 'loss', type: 'Loss', params: { fn: 'mse' } });
link(prev, 'head');
link('head', 'loss');
const parsed = parseGraphObject({
  format: 'netloom-graph', version: 1, name: 'deep residual MLP', nodes, edges,
  training: { dataset: { name: 'none' }, optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 10, epochs: 1, seed: 1 },
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
// The exporter needs a dataset-free graph to know its input: give the Input a shape.
(parsed.graph.nodes[0] as { shape?: number[] }).shape = [64];
const [file] = exportOnnx({ ...parsed.graph, nodes: parsed.graph.nodes.filter((n) => n.type !== 'Loss'), edges: parsed.graph.edges.filter((e) => e.target !== 'loss') });
const bytes = file!.contents as Uint8Array;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// Wall time, and CPU time of this process (less sensitive to other work on a shared machine).
const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};
const importMs: number[] = [];
const importCpu: number[] = [];
let imported;
for (let i = 0; i < 7; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  imported = importOnnx(bytes);
  importCpu.push(cpuMs(c0));
  importMs.push(performance.now() - t0);
}
if (!imported?.ok) throw new Error(JSON.stringify(imported?.problems.slice(0, 5)));
// The five nodes of each block (after the Input and the stem) as one group.
const toLayout = grouping === 'none' ? imported.graph : (() => {
  const ids = imported.graph.nodes.map((n) => n.id);
  const groups = [];
  for (let i = 2, k = 1; i + 5 <= ids.length - 1; i += 5, k++) groups.push({ id: `g${k}`, name: `block ${k}`, nodes: ids.slice(i, i + 5), collapsed: grouping === 'collapsed' });
  return withGroups(imported.graph, groups);
})();
const layoutMs: number[] = [];
const layoutCpu: number[] = [];
for (let i = 0; i < 4; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await layoutGraph(toLayout);
  layoutCpu.push(cpuMs(c0));
  layoutMs.push(performance.now() - t0);
}
console.log(JSON.stringify({
  onnxBytes: bytes.length,
  netloomNodes: imported.graph.nodes.length,
  grouping,
  edges: imported.graph.edges.length,
  importMedianMs: Math.round(median(importMs)),
  // The first layout in a process pays for ELK's start-up and JIT warm-up; later ones do not.
  layoutFirstMs: Math.round(layoutMs[0]!),
  layoutFirstCpuMs: Math.round(layoutCpu[0]!),
  layoutWarmMedianCpuMs: Math.round(median(layoutCpu.slice(1))),
  layoutMedianMs: Math.round(median(layoutMs)),
  totalMs: Math.round(median(importMs) + median(layoutMs)),
  importCpuMs: Math.round(median(importCpu)),
  layoutCpuMs: Math.round(median(layoutCpu)),
  loadAverage: (await import('node:os')).loadavg()[0]!.toFixed(1),
}));
