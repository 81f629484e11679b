import type { DatasetInfo } from '../../core/catalog/types';
import { describeCsvText } from '../../core/datasets';
import { parseCsv } from '../../core/datasets/csv-parse';

export interface CsvPreview {
  header: string[];
  /** The first rows, as text. */
  rows: string[][];
  rowCount: number;
  info: DatasetInfo | null;
  /** Why the file cannot be used with these settings (names the row, column or param), or null. */
  error: string | null;
}

/** Parse for the preview table and check the column mapping the way training will. */
export function previewCsv(text: string, params: Record<string, unknown>, maxRows = 6): CsvPreview {
  let header: string[] = [];
  let rows: string[][] = [];
  let rowCount = 0;
  try {
    const table = parseCsv(text);
    header = table.header;
    rows = table.records.slice(0, maxRows).map((r) => r.cells);
    rowCount = table.records.length;
  } catch (e) {
    return { header, rows, rowCount, info: null, error: (e as Error).message };
  }
  try {
    const info = describeCsvText(text, params as Record<string, string | number | boolean>);
    return { header, rows, rowCount, info, error: null };
  } catch (e) {
    return { header, rows, rowCount, info: null, error: (e as Error).message };
  }
}
