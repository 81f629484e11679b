import { useMemo, useState } from 'react';
import type { ParamSpec } from '../../core/catalog/types';
import type { DatasetRef } from '../../core/graph/schema';
import type { TrainingController } from './controller';
import { previewCsv } from './csv-preview';
import { ParamRow } from './DatasetPicker';

interface Props {
  controller: TrainingController;
  dataset: DatasetRef;
  specs: Record<string, ParamSpec>;
  onChange: (next: DatasetRef) => void;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Your own CSV: pick the file, map its columns (the target, the feature columns, the task), and see
 * the first rows and any problem before training. The text is kept by the controller and sent with
 * each run, since a browser worker cannot read files by path.
 */
export function CsvDataset({ controller, dataset, specs, onChange }: Props) {
  const path = str(dataset.path);
  const [loaded, setLoaded] = useState(0);
  const [readError, setReadError] = useState<string | null>(null);
  const text = path ? controller.files.get(path) : undefined;
  const preview = useMemo(() => (text === undefined ? null : previewCsv(text, dataset)), [text, dataset, loaded]);
  const header = preview?.header ?? [];
  const target = str(dataset.target) || header[header.length - 1] || '';
  const chosen = str(dataset.features).split(',').map((s) => s.trim()).filter((s) => s !== '');
  const features = chosen.length > 0 ? chosen : header.filter((h) => h !== target);

  const set = (patch: Record<string, unknown>) => {
    const next: DatasetRef = { ...dataset };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') delete next[k];
      else next[k] = v;
    }
    onChange(next);
  };
  const toggleFeature = (name: string, on: boolean) => {
    const list = header.filter((h) => h !== target && (h === name ? on : features.includes(h)));
    // All of them is the default: store nothing, so adding a column to the file keeps working.
    set({ features: list.length === header.length - 1 ? undefined : list.join(',') });
  };

  return (
    <div className="nl-tr-csv">
      <label className="nl-tr-file" data-testid="training-dataset-path">
        <span>{path ? `File: ${path}` : 'Choose a CSV file…'}</span>
        <input
          type="file"
          accept=".csv,text/csv"
          data-testid="csv-file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            try {
              controller.setFile(file.name, await file.text());
              setReadError(null);
              setLoaded((n) => n + 1);
              if (file.name !== path) set({ path: file.name, target: undefined, features: undefined });
            } catch (err) {
              setReadError(`could not read ${file.name}: ${(err as Error).message}`);
            }
          }}
        />
      </label>
      {readError && <div className="nl-tr-error" data-testid="csv-error">{readError}</div>}
      {path && text === undefined && <p className="nl-tr-help">Choose the file again to preview it (the browser cannot reopen “{path}” by itself).</p>}
      {preview && (
        <>
          {header.length > 0 && (
            <div className="nl-tr-grid">
              <label htmlFor="csv-target" data-testid="training-dataset-target">target</label>
              <select id="csv-target" data-testid="csv-target" value={target} onChange={(e) => set({ target: e.target.value, features: undefined })}>
                {header.map((h) => <option key={h} value={h}>{h}</option>)}
              </select>
              {Object.entries(specs).map(([name, spec]) => (
                <ParamRow key={name} name={name} spec={spec} value={dataset[name]} onChange={(v) => set({ [name]: v })} />
              ))}
            </div>
          )}
          {header.length > 1 && (
            <fieldset className="nl-tr-features" data-testid="training-dataset-features">
              <legend>Input columns</legend>
              {header.filter((h) => h !== target).map((h) => (
                <label key={h}>
                  <input type="checkbox" data-testid={`csv-feature-${h}`} checked={features.includes(h)} onChange={(e) => toggleFeature(h, e.target.checked)} /> {h}
                </label>
              ))}
            </fieldset>
          )}
          {preview.error ? (
            <div className="nl-tr-error" data-testid="csv-error" role="alert">{preview.error}</div>
          ) : preview.info && (
            <p className="nl-tr-help" data-testid="csv-info">
              {preview.rowCount} rows · {preview.info.inputShape.join('×')} inputs ·{' '}
              {preview.info.target.kind === 'classes' ? `${preview.info.target.classes} classes` : preview.info.target.kind === 'binary' ? '2 classes' : `predicts ${preview.info.target.size} value(s)`}
            </p>
          )}
          {header.length > 0 && (
            <div className="nl-tr-table-wrap">
              <table className="nl-tr-table" data-testid="csv-preview">
                <thead><tr>{header.map((h) => <th key={h} className={h === target ? 'target' : features.includes(h) ? '' : 'unused'}>{h}</th>)}</tr></thead>
                <tbody>
                  {preview.rows.map((r, i) => (
                    <tr key={i}>{r.map((cell, j) => <td key={j} className={header[j] === target ? 'target' : features.includes(header[j]!) ? '' : 'unused'}>{cell}</td>)}</tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
