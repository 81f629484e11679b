import { describeDataset, resolveDatasetParams } from '../../core/datasets';
import { compileGraph } from '../../core/compiler/compile';
import type { Plan } from '../../core/compiler/plan';
import { formatShape } from '../../core/util/tensor';
import { createNodeResources } from '../resources';
import { CliError, loadGraphFile, problemLines, type Output } from '../io';

/** Compile a graph file into a plan, reading a CSV dataset's file when there is one. */
export async function compileFile(file: string): Promise<Plan> {
  const { graph, baseDir } = await loadGraphFile(file);
  const ds = resolveDatasetParams(graph.training.dataset);
  const datasetInfo = !('error' in ds) && graph.training.dataset.name === 'csv'
    ? await describeDataset('csv', ds.params, createNodeResources(baseDir)).catch((e: Error) => {
      throw new CliError(`training.dataset: ${e.message}`);
    })
    : undefined;
  const r = compileGraph(graph, datasetInfo ? { datasetInfo } : {});
  if (!r.ok) throw new CliError(problemLines(r.problems));
  return r.plan;
}

/** `netloom compile g.json [--json]`: the plan as a readable op list, or as JSON. */
export async function compileCommand(file: string, json: boolean, io: Output): Promise<number> {
  const plan = await compileFile(file);
  if (json) {
    io.out(`${JSON.stringify(plan, null, 2)}\n`);
    return 0;
  }
  const t = (i: number) => `t${i}${formatShape(plan.tensors[i]!.shape)}`;
  const lines = [
    `plan "${plan.name}": batch ${plan.batchSize}, ${plan.ops.length} ops, ${plan.tensors.length} tensors, ` +
      `${plan.params.reduce((s, p) => s + p.size, 0)} parameters in ${plan.params.length} tensors`,
    `task ${plan.task}, loss ${plan.lossFn}, target ${plan.target.encoding} of size ${plan.target.size}`,
    '',
    'ops (forward order):',
    ...plan.ops.map((op, i) => {
      const fn = op.type === 'Activation' ? `(${op.params.fn})` : '';
      const ins = op.inputs.map(t).join(', ');
      const ps = op.paramIds.map((p) => `${plan.params[p]!.name}${formatShape(plan.params[p]!.shape, false)}`).join(' ');
      const attrs = Object.keys(op.attrs).length ? ` ${JSON.stringify(op.attrs)}` : '';
      return `  ${String(i).padStart(3)}  ${op.node.padEnd(12)} ${(op.type + fn).padEnd(22)} ${ins || '(data)'} → ${op.output === plan.lossTensor ? 'loss' : t(op.output)}` +
        `${ps ? `  params ${ps}` : ''}${op.backward ? '' : '  [no backward]'}${attrs}`;
    }),
    '',
    'parameters:',
    ...plan.params.map((p) => `  ${p.node}.${p.name} ${formatShape(p.shape, false)} init ${p.init}${p.decay ? '' : ' (no decay)'}`),
  ];
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
