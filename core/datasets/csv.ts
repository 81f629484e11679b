import type { DatasetInfo, ParamSpec, ParamValues } from '../catalog/types';
import { csvData, type CsvColumns, type CsvTask } from './csv-table';
import { settleParams, text, num, VALIDATION_SPLIT, type DatasetKindWithText, type TextParamSpec } from './params';
import { toLoaded } from './split';
import type { ResourceLoader } from './types';

/**
 * Thrown by `csv.describe()`: the shape of a CSV dataset depends on the file, and describe() is
 * synchronous with no file access. Hosts that can read the file call `describeCsvText` (or
 * `describeDataset` in the index) instead; validators can recognise this error and skip shape checks.
 */
export class DatasetNeedsFileError extends Error {
  constructor(readonly path: string) {
    super(`the CSV dataset's shape depends on the file${path ? ` "${path}"` : ''}: read it and call describeCsvText(text, params) (or load the dataset) first`);
    this.name = 'DatasetNeedsFileError';
  }
}

const PARAMS: Record<string, ParamSpec> = {
  task: {
    kind: 'enum',
    default: 'classification',
    options: ['classification', 'regression'],
    description: 'classification: the target column holds labels (text or numbers); regression: it holds a number to predict',
  },
  validationSplit: VALIDATION_SPLIT,
};

const TEXT_PARAMS: Record<string, TextParamSpec> = {
  path: { kind: 'text', default: '', required: true, description: 'the CSV file, relative to the graph file' },
  features: { kind: 'text', default: '', description: 'comma-separated input column names; empty uses every column except the target' },
  target: { kind: 'text', default: '', description: 'the column to predict; empty uses the last column' },
};

function columnsOf(p: ParamValues): CsvColumns {
  return { features: text(p, 'features'), target: text(p, 'target'), task: text(p, 'task') as CsvTask };
}

/** The DatasetInfo for this CSV text and these params. Errors name the param, or the row and column. */
export function describeCsvText(csvText: string, params: ParamValues): DatasetInfo {
  return csvData(csvText, columnsOf(settleParams(PARAMS, params, TEXT_PARAMS))).info;
}

/** The DatasetInfo of the file the params name, read through `resources`. */
export async function describeCsvFile(params: ParamValues, resources: ResourceLoader): Promise<DatasetInfo> {
  const p = settleParams(PARAMS, params, TEXT_PARAMS);
  return describeCsvText(await resources.readText(text(p, 'path')), p);
}

export const csvDataset: DatasetKindWithText = {
  name: 'csv',
  title: 'Your CSV file',
  explanation:
    'Your own table: one row per example, a header row naming the columns. Pick the column to predict; ' +
    'the other numeric columns become the inputs. Text labels are fine for classification.',
  params: PARAMS,
  textParams: TEXT_PARAMS,
  describe(params) {
    const p = settleParams(PARAMS, params, TEXT_PARAMS);
    throw new DatasetNeedsFileError(text(p, 'path'));
  },
  async load(params, seed, resources) {
    const p = settleParams(PARAMS, params, TEXT_PARAMS);
    const path = text(p, 'path');
    const csvText = await resources.readText(path);
    try {
      const { info, rows } = csvData(csvText, columnsOf(p));
      return toLoaded(info, rows, num(p, 'validationSplit'), seed);
    } catch (e) {
      // Name the file too: a graph may be run from elsewhere, and "row 7" alone does not say of what.
      if (e instanceof Error) e.message = `${path}: ${e.message}`;
      throw e;
    }
  },
};
