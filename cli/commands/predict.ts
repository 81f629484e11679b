import { readFile, writeFile } from 'node:fs/promises';
import { describeDataset, resolveDatasetParams } from '../../core/datasets';
import { compileForPrediction, predict, PredictInputError } from '../../core/inference/predict';
import { ProblemError } from '../../core/graph/problem';
import { decodeArrayFile, encodeNpy, NpyError } from '../../core/util/npy';
import { createNodeResources } from '../resources';
import { CliError, loadGraphFile, problemLines, type Output } from '../io';
import { weightsPathBeside } from './import';

export interface PredictFlags {
  input?: string;
  output?: string;
  weights?: string;
}

/**
 * `netloom predict graph.json --input x.npy [--weights FILE] [-o y.npy]`: the graph in evaluation mode
 * on a batch. Weights from --weights, else `<graph>.safetensors` beside the graph, else the seed's
 * initial weights; which one is said on stderr. Without -o the rows are printed.
 */
export async function predictCommand(file: string, flags: PredictFlags, io: Output): Promise<number> {
  if (!flags.input) throw new CliError('netloom predict: which inputs? give --input x.npy (or a .npz with one array)', 2);
  const { graph, baseDir } = await loadGraphFile(file);
  const ds = resolveDatasetParams(graph.training.dataset);
  const datasetInfo = !('error' in ds) && graph.training.dataset.name === 'csv'
    ? await describeDataset('csv', ds.params, createNodeResources(baseDir)).catch((e: Error) => {
      throw new CliError(`training.dataset: ${e.message}`);
    })
    : undefined;
  let plan;
  try {
    plan = compileForPrediction(graph, datasetInfo ? { datasetInfo } : {});
  } catch (e) {
    if (e instanceof ProblemError) throw new CliError(problemLines(e.problems));
    throw e;
  }
  const weights = await findWeights(file, flags.weights, io, graph.training.seed);
  const input = await decodeArrayFile(await readBytes(flags.input, '--input'), flags.input).catch((e: Error) => {
    throw new CliError(`--input ${flags.input}: ${e.message}`);
  });
  let y;
  try {
    y = predict(plan, graph, input, weights);
  } catch (e) {
    if (e instanceof PredictInputError || e instanceof NpyError) throw new CliError(`--input ${flags.input}: ${e.message}`);
    throw new CliError(`${flags.weights ?? 'weights'}: ${(e as Error).message}`);
  }
  io.err(`prediction: output of node "${y.node}", shape (${y.shape.join(', ')})\n`);
  if (flags.output) {
    try {
      await writeFile(flags.output, encodeNpy(y.shape, y.data));
    } catch (e) {
      throw new CliError(`${flags.output}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    io.err(`wrote ${flags.output}\n`);
    return 0;
  }
  const row = y.data.length / Math.max(1, y.shape[0]!);
  for (let i = 0; i < y.shape[0]!; i++) io.out(`${Array.from(y.data.subarray(i * row, (i + 1) * row), (v) => String(v)).join(' ')}\n`);
  return 0;
}

async function findWeights(graphFile: string, explicit: string | undefined, io: Output, seed: number): Promise<Uint8Array | undefined> {
  if (explicit) {
    const bytes = await readBytes(explicit, '--weights');
    io.err(`weights: ${explicit}\n`);
    return bytes;
  }
  const beside = weightsPathBeside(graphFile);
  try {
    const bytes = await readFile(beside);
    io.err(`weights: ${beside} (beside the graph)\n`);
    return bytes;
  } catch {
    io.err(`weights: none given and no ${beside}; using the initial weights of seed ${seed}\n`);
    return undefined;
  }
}

async function readBytes(path: string, flag: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${flag} ${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (e as Error).message})`}`);
  }
}
