import { describeDataset, resolveDatasetParams } from '../../core/datasets';
import { analyzeGraph } from '../../core/graph/analyze';
import type { DatasetInfo } from '../../core/catalog/types';
import { createNodeResources } from '../resources';
import { CliError, loadGraphFile, problemLines, type Output } from '../io';

/** `netloom validate g.json`: `ok`, or one line per problem and exit 1. */
export async function validateCommand(file: string, io: Output): Promise<number> {
  const { graph, baseDir } = await loadGraphFile(file);
  let datasetInfo: DatasetInfo | undefined;
  // A CSV dataset's shape comes from its file: read it so shapes are checked too.
  const ds = resolveDatasetParams(graph.training.dataset);
  if (!('error' in ds) && graph.training.dataset.name === 'csv') {
    try {
      datasetInfo = await describeDataset('csv', ds.params, createNodeResources(baseDir));
    } catch (e) {
      throw new CliError(`training.dataset: ${(e as Error).message}`);
    }
  }
  const a = analyzeGraph(graph, datasetInfo ? { datasetInfo } : {});
  const errors = a.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new CliError(problemLines(errors));
  for (const w of a.problems.filter((p) => p.severity === 'warning')) io.err(`warning: ${problemLines([w])}\n`);
  io.out('ok\n');
  return 0;
}
