import { readFile } from 'node:fs/promises';
import { ProblemError } from '../../core/graph/problem';
import { TrainingSession } from '../../core/session/session';
import { traceExample, traceToJson } from '../../core/trace';
import { assignWeights, decodeWeightsFor } from '../../core/weights';
import { createNodeResources } from '../resources';
import { CliError, loadGraphFile, problemLines, type Output } from '../io';

export interface TraceFlags {
  json: boolean;
  /** A NetLoom weights file (safetensors); without it, the seed's initial weights. */
  weights?: string;
  /** Row of the training split, as in the exported data file (default 0). */
  example?: number;
}

/**
 * `netloom trace g.json --example N --json`: one example through the network — every node's output
 * and loss gradient, every parameter's value and gradient, and the loss — at the given weights.
 */
export async function traceCommand(file: string, flags: TraceFlags, io: Output): Promise<number> {
  const { graph, baseDir } = await loadGraphFile(file);
  let session: TrainingSession;
  try {
    session = await TrainingSession.create(graph, { resources: createNodeResources(baseDir), diagnostics: false, gridSize: 0, statsEvery: 0 });
  } catch (e) {
    if (e instanceof ProblemError) throw new CliError(problemLines(e.problems));
    throw new CliError(`training.dataset: ${(e as Error).message}`);
  }
  if (flags.weights) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(flags.weights);
    } catch (e) {
      throw new CliError(`--weights ${flags.weights}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    try {
      assignWeights(session.trainer.exec.params, decodeWeightsFor(session.plan, bytes));
    } catch (e) {
      throw new CliError(`--weights ${flags.weights}: ${(e as Error).message}`);
    }
  }
  const example = flags.example ?? 0;
  const rows = session.data.train.count;
  if (example >= rows) throw new CliError(`--example ${example}: the training split has ${rows} rows (0–${rows - 1})`, 2);
  const trace = traceToJson(traceExample(session.trainer.exec, session.data.train, example));
  if (flags.json) {
    const { example: n, loss, nodes } = trace;
    io.out(`${JSON.stringify({ example: n, loss, input: trace.input, target: trace.target, nodes })}\n`);
    return 0;
  }
  const fmt = (xs: (number | null)[] | null) => (xs === null ? '—' : `[${xs.slice(0, 8).map((v) => (v === null ? 'NaN' : Number(v.toPrecision(4)))).join(', ')}${xs.length > 8 ? `, … ${xs.length} values` : ''}]`);
  io.out(`example ${trace.example} of the training split: input ${fmt(trace.input)}, target ${fmt(trace.target)}, loss ${trace.loss}\n`);
  for (const n of trace.nodes) {
    io.out(`${n.id} (${n.type}): output ${fmt(n.output)}  gradient ${fmt(n.gradOutput)}\n`);
    for (const [name, p] of Object.entries(n.params)) io.out(`  ${name} [${p.shape.join('×')}]: value ${fmt(p.value)}  gradient ${fmt(p.grad)}\n`);
  }
  return 0;
}
