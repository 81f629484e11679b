import { adviseGraph, targetRange, type AdvisorFacts, type AdvisorWarning } from '../../core/advisor';
import type { DatasetInfo } from '../../core/catalog/types';
import { describeDataset, getDataset, resolveDatasetParams } from '../../core/datasets';
import { analyzeGraph } from '../../core/graph/analyze';
import { ProblemError } from '../../core/graph/problem';
import type { Graph } from '../../core/graph/schema';
import { TrainingSession } from '../../core/session/session';
import { deriveSeed } from '../../core/util/rng';
import { createNodeResources } from '../resources';
import { CliError, loadGraphFile, problemLines, type Output } from '../io';

export interface AdviseFlags {
  json: boolean;
  /** Also train this many epochs and add the run-time diagnostics. */
  run?: number;
}

/**
 * `netloom advise g.json`: the advisor's warnings, exit 0 (they are advice, not errors). A graph with
 * errors is refused like `validate` does (exit 1): fix those first. With --run N it trains N epochs
 * and adds what the run-time diagnostics saw.
 */
export async function adviseCommand(file: string, flags: AdviseFlags, io: Output): Promise<number> {
  const { graph, baseDir } = await loadGraphFile(file);
  const resources = createNodeResources(baseDir);
  const resolved = resolveDatasetParams(graph.training.dataset);
  let datasetInfo: DatasetInfo | undefined;
  if (!('error' in resolved) && graph.training.dataset.name === 'csv') {
    try {
      datasetInfo = await describeDataset('csv', resolved.params, resources);
    } catch (e) {
      throw new CliError(`training.dataset: ${(e as Error).message}`);
    }
  }
  const errors = analyzeGraph(graph, datasetInfo ? { datasetInfo } : {}).problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new CliError(problemLines(errors));
  const facts = await measureFacts(graph, resolved, resources);
  const warnings = adviseGraph(graph, { facts, ...(datasetInfo ? { datasetInfo } : {}) });
  if (flags.run !== undefined) warnings.push(...(await runDiagnostics(graph, flags.run, resources)));
  if (flags.json) io.out(`${JSON.stringify(warnings.map(({ rule, node, message, fix }) => ({ rule, node, message, fix })), null, 2)}\n`);
  else io.out(warnings.length === 0 ? 'no warnings\n' : warnings.map(formatWarning).join(''));
  return 0;
}

/** The regression targets' range, read from the data (cheap for the generated sets; skipped for classes). */
async function measureFacts(graph: Graph, resolved: ReturnType<typeof resolveDatasetParams>, resources: ReturnType<typeof createNodeResources>): Promise<AdvisorFacts> {
  if ('error' in resolved) return {};
  const kind = getDataset(graph.training.dataset.name)!;
  try {
    const info = graph.training.dataset.name === 'csv' ? await describeDataset('csv', resolved.params, resources) : kind.describe(resolved.params);
    if (info.target.kind !== 'regression') return {};
    const data = await kind.load(resolved.params, deriveSeed(graph.training.seed, 'data'), resources);
    const range = targetRange(data.train.targets);
    return range ? { targetRange: range } : {};
  } catch (e) {
    throw new CliError(`training.dataset: ${(e as Error).message}`);
  }
}

async function runDiagnostics(graph: Graph, epochs: number, resources: ReturnType<typeof createNodeResources>): Promise<AdvisorWarning[]> {
  let session: TrainingSession;
  try {
    session = await TrainingSession.create(graph, { resources, epochs, statsEvery: 1, gridSize: 0, batchEvents: false, sliceMs: 200 });
  } catch (e) {
    if (e instanceof ProblemError) throw new CliError(problemLines(e.problems));
    throw new CliError(`training.dataset: ${(e as Error).message}`);
  }
  const found: AdvisorWarning[] = [];
  session.on((e) => {
    if (e.type === 'diagnostic') found.push({ rule: e.rule, node: e.node, message: e.message, fix: e.fix });
  });
  await session.start();
  return found;
}

function formatWarning(w: AdvisorWarning): string {
  const where = w.node === null ? '' : ` (node "${w.node}")`;
  return `warning ${w.rule}${where}: ${w.message}\n${w.fix ? `  fix: ${w.fix.label}\n` : ''}`;
}
