import type { DatasetInfo } from '../catalog/types';
import { parseCsv, type CsvTable } from './csv-parse';
import { DatasetParamError } from './params';
import { allocRows, type Rows } from './split';

/** More distinct targets than this almost always means a numeric column meant for regression. */
const MAX_CLASSES = 100;

export type CsvTask = 'classification' | 'regression';

export interface CsvColumns {
  /** Comma-separated feature column names; empty means every column except the target. */
  features: string;
  /** Target column name; empty means the last column. */
  target: string;
  task: CsvTask;
}

export interface CsvData {
  info: DatasetInfo;
  rows: Rows;
  /** For classification, the original target values in class-index order. */
  classNames?: string[];
}

function columnIndex(table: CsvTable, name: string, param: string): number {
  const c = table.header.indexOf(name);
  if (c < 0) throw new DatasetParamError(param, `column "${name}" not in the header (columns: ${table.header.join(', ')})`);
  return c;
}

/** Strict number parsing: `Number('')` is 0 and `Number('0x1f')` is 31, neither of which a CSV means. */
function parseNumber(cell: string): number | null {
  const s = cell.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

function numberAt(table: CsvTable, r: number, c: number): number {
  const rec = table.records[r]!;
  const v = parseNumber(rec.cells[c]!);
  if (v === null) throw new Error(`row ${rec.row}, column "${table.header[c]}": ${JSON.stringify(rec.cells[c])} is not a number`);
  return v;
}

/**
 * Classes are the distinct target values in sorted order — numerically when they are all numbers
 * (so 2 sorts before 10), otherwise as text — which makes 0/1 columns keep their meaning.
 */
function classOrder(values: string[]): string[] {
  const distinct = [...new Set(values)];
  const numeric = distinct.map(parseNumber);
  if (numeric.every((v) => v !== null)) return distinct.map((s, i) => [s, numeric[i]!] as const).sort((a, b) => a[1] - b[1]).map((p) => p[0]);
  return distinct.sort();
}

function selectColumns(table: CsvTable, cols: CsvColumns): { features: number[]; target: number } {
  const target = cols.target.trim() === '' ? table.header.length - 1 : columnIndex(table, cols.target.trim(), 'target');
  const names = cols.features.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const features = names.length === 0
    ? table.header.map((_, c) => c).filter((c) => c !== target)
    : names.map((n) => columnIndex(table, n, 'features'));
  if (features.includes(target)) throw new DatasetParamError('features', `includes the target column "${table.header[target]}"`);
  if (features.length === 0) throw new DatasetParamError('features', `leaves no input columns: the file has only the target column "${table.header[target]}"`);
  return { features, target };
}

/** Turn CSV text into rows, as described by `cols`. Errors name the param, or the row and column. */
export function csvData(text: string, cols: CsvColumns): CsvData {
  const table = parseCsv(text);
  const { features, target } = selectColumns(table, cols);
  const count = table.records.length;
  const rows = allocRows(count, features.length, 1);
  for (let r = 0; r < count; r++) {
    features.forEach((c, f) => (rows.inputs[r * features.length + f] = numberAt(table, r, c)));
  }
  const featureNames = features.map((c) => table.header[c]!);
  const targetName = table.header[target]!;

  if (cols.task === 'regression') {
    for (let r = 0; r < count; r++) rows.targets[r] = numberAt(table, r, target);
    return { info: { inputShape: [features.length], target: { kind: 'regression', size: 1 }, featureNames }, rows };
  }
  const raw = table.records.map((rec) => rec.cells[target]!.trim());
  const classNames = classOrder(raw);
  if (classNames.length < 2) {
    throw new Error(`column "${targetName}" has only one value (${JSON.stringify(classNames[0])}); classification needs at least 2 — or set task to regression`);
  }
  if (classNames.length > MAX_CLASSES) {
    throw new Error(`column "${targetName}" has ${classNames.length} distinct values, more than ${MAX_CLASSES} classes — if it is a measurement, set task to regression`);
  }
  const index = new Map(classNames.map((name, i) => [name, i]));
  raw.forEach((v, r) => (rows.targets[r] = index.get(v)!));
  const info: DatasetInfo = {
    inputShape: [features.length],
    target: classNames.length === 2 ? { kind: 'binary' } : { kind: 'classes', classes: classNames.length },
    featureNames,
  };
  return { info, rows, classNames };
}
