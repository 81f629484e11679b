import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { getDataset, resolveDatasetParams } from '../../core/datasets';
import type { LoadedDataset } from '../../core/datasets/types';
import { EXPORTERS, ExportError, type ExportFile } from '../../core/exporters';
import { NO_DATASET } from '../../core/graph/inference';
import type { Graph } from '../../core/graph/schema';
import { deriveSeed } from '../../core/util/rng';
import { createNodeResources } from '../resources';
import { CliError, loadGraphFile, type Output } from '../io';

export interface ExportFlags {
  to?: string;
  output?: string;
  /** A NetLoom weights file the export starts from (default: the seed's initial weights). */
  loadWeights?: string;
}

/**
 * `netloom export g.json --to json|pytorch|keras|onnx [-o FILE] [--load-weights W]`.
 * The main file goes to FILE (or stdout for text); the weights and data files an export needs are
 * written beside FILE under their own names, which the generated script refers to.
 */
export async function exportCommand(file: string, flags: ExportFlags, io: Output): Promise<number> {
  const targets = Object.keys(EXPORTERS).join(', ');
  if (!flags.to) throw new CliError(`--to is required (one of ${targets})`);
  const exporter = EXPORTERS[flags.to];
  if (!exporter) throw new CliError(`unknown export target "${flags.to}" (one of ${targets})`);
  if (exporter.binary && !flags.output) throw new CliError(`--to ${flags.to} writes a binary file: give it a name with -o FILE`);
  const { graph, baseDir } = await loadGraphFile(file);
  const weights = flags.loadWeights ? await readWeights(flags.loadWeights) : undefined;
  // A CSV dataset's shape is only known from its file, so every target needs it loaded then.
  const needsData = exporter.wantsDataset || graph.training.dataset.name === 'csv';
  const dataset = needsData ? await loadDataset(graph, baseDir) : undefined;
  let files: ExportFile[];
  try {
    files = exporter.export(graph, { ...(weights ? { weights } : {}), ...(dataset ? { dataset } : {}) });
  } catch (e) {
    if (e instanceof ExportError) throw new CliError(e.message);
    throw new CliError(`${flags.loadWeights && /weights|tensor/.test((e as Error).message) ? `--load-weights ${flags.loadWeights}: ` : ''}${(e as Error).message}`);
  }
  const main = files.find((f) => f.role === 'main');
  if (!main) throw new CliError(`the ${flags.to} exporter produced nothing`);
  if (!flags.output) {
    io.out(typeof main.contents === 'string' ? main.contents : Buffer.from(main.contents).toString('base64'));
    const others = files.filter((f) => f !== main).map((f) => f.name);
    if (others.length) io.err(`note: without -o only the main file is printed; ${others.join(' and ')} are not written\n`);
    return 0;
  }
  const dir = dirname(flags.output);
  await mkdir(dir, { recursive: true });
  for (const f of files) {
    const path = f === main ? flags.output : join(dir, f.name);
    try {
      await writeFile(path, f.contents);
    } catch (e) {
      throw new CliError(`${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    if (f !== main) io.err(`wrote ${path}\n`);
  }
  return 0;
}

async function readWeights(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new CliError(`--load-weights ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** The same rows a training run uses: same params, same seed stream as TrainingSession.create. */
async function loadDataset(graph: Graph, baseDir: string): Promise<LoadedDataset> {
  if (graph.training.dataset.name === NO_DATASET) {
    throw new CliError('training.dataset: the graph has no dataset (it runs for prediction only); add a Loss and choose a dataset to export training code');
  }
  const resolved = resolveDatasetParams(graph.training.dataset);
  if ('error' in resolved) throw new CliError(`${resolved.error.path}: ${resolved.error.message}`);
  try {
    return await getDataset(graph.training.dataset.name)!.load(resolved.params, deriveSeed(graph.training.seed, 'data'), createNodeResources(baseDir));
  } catch (e) {
    throw new CliError(`training.dataset: ${(e as Error).message}`);
  }
}
