import type { DatasetInfo, ParamValues } from '../catalog/types';
import { arithmeticDataset } from './arithmetic';
import { circleDataset } from './circle';
import { csvDataset, describeCsvFile } from './csv';
import { gaussiansDataset } from './gaussians';
import { mnistDataset } from './mnist';
import { planeDataset } from './plane';
import { resolveDatasetParams as resolveWith, type ResolvedDatasetParams } from './resolve';
import { sequenceDataset } from './sequence';
import { shapesDataset } from './shapes';
import { sineDataset } from './sine';
import { spiralDataset } from './spiral';
import type { DatasetKind, ResourceLoader } from './types';
import { xorDataset } from './xor';
import { irisDataset } from './iris';
import { parityDataset } from './parity';
import { balancedParensDataset } from './balanced-parens';
import { countTokensDataset } from './count-tokens';
import { copyFirstDataset } from './copy-first';

export type { DataSplit, DatasetKind, LoadedDataset, ResourceLoader } from './types';
export type { DatasetParamProblem, ResolvedDatasetParams } from './resolve';
export { DatasetParamError, textParamsOf, type TextParamSpec } from './params';
export { DatasetNeedsFileError, describeCsvFile, describeCsvText } from './csv';

/** In the order a learner meets them: toy classification, regression, real data, special-purpose. */
export const DATASETS: Record<string, DatasetKind> = {
  xor: xorDataset,
  circle: circleDataset,
  gaussians: gaussiansDataset,
  spiral: spiralDataset,
  plane: planeDataset,
  sine: sineDataset,
  mnist: mnistDataset,
  shapes: shapesDataset,
  arithmetic: arithmeticDataset,
  sequence: sequenceDataset,
  csv: csvDataset,
  iris: irisDataset,
  parity: parityDataset,
  'balanced-parens': balancedParensDataset,
  'count-tokens': countTokensDataset,
  'copy-first': copyFirstDataset,
};

export function getDataset(name: string): DatasetKind | undefined {
  return Object.hasOwn(DATASETS, name) ? DATASETS[name] : undefined;
}

export function datasetNames(): string[] {
  return Object.keys(DATASETS);
}

/** Fill defaults and validate a graph's `training.dataset`; see resolve.ts. */
export function resolveDatasetParams(ref: Record<string, unknown>, basePath = 'training.dataset'): ResolvedDatasetParams {
  return resolveWith(ref, DATASETS, basePath);
}

/**
 * The DatasetInfo for resolved params, reading the file when the dataset needs one (csv). For hosts
 * that can do I/O; the synchronous `describe()` throws DatasetNeedsFileError for csv.
 */
export async function describeDataset(name: string, params: ParamValues, resources: ResourceLoader): Promise<DatasetInfo> {
  const kind = getDataset(name);
  if (!kind) throw new Error(`unknown dataset "${name}" (known: ${datasetNames().join(', ')})`);
  if (kind === csvDataset) return describeCsvFile(params, resources);
  return kind.describe(params);
}
