import { useMemo } from 'react';
import { describeCatalog } from '../../core/catalog/describe';
import type { ParamSpec } from '../../core/catalog/types';
import { getDataset } from '../../core/datasets';
import type { DatasetRef } from '../../core/graph/schema';
import { CommitInput } from './CommitInput';
import { CsvDataset } from './CsvDataset';
import type { TrainingController } from './controller';

interface Props {
  controller: TrainingController;
  dataset: DatasetRef;
  onChange: (next: DatasetRef) => void;
}

/** The dataset and its params, straight from the dataset catalog (so new datasets appear here by themselves). */
export function DatasetPicker({ controller, dataset, onChange }: Props) {
  const catalog = useMemo(() => describeCatalog().datasets, []);
  const kind = getDataset(dataset.name);
  const entry = catalog.find((d) => d.name === dataset.name);
  const setParam = (name: string, v: unknown) => {
    const next: DatasetRef = { ...dataset };
    if (v === undefined) delete next[name];
    else next[name] = v;
    onChange(next);
  };
  return (
    <div className="nl-tr-dataset">
      <h4><label htmlFor="tr-dataset" data-testid="training-dataset">Data</label></h4>
      <select
        id="tr-dataset"
        data-testid="dataset-select"
        aria-label="Dataset"
        value={dataset.name}
        // Another dataset's params mean nothing here: start from its defaults.
        onChange={(e) => onChange({ name: e.target.value })}
      >
        {!entry && <option value={dataset.name}>{dataset.name === 'none' ? 'none (prediction only)' : `${dataset.name} (unknown)`}</option>}
        {catalog.map((d) => <option key={d.name} value={d.name}>{d.title}</option>)}
      </select>
      {entry && <p className="nl-tr-help">{entry.explanation}</p>}
      {kind && dataset.name === 'csv' ? (
        <CsvDataset controller={controller} dataset={dataset} specs={kind.params} onChange={onChange} />
      ) : kind ? (
        <div className="nl-tr-grid">
          {Object.entries(kind.params).map(([name, spec]) => (
            <ParamRow key={name} name={name} spec={spec} value={dataset[name]} onChange={(v) => setParam(name, v)} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

export function ParamRow({ name, spec, value, onChange }: { name: string; spec: ParamSpec; value: unknown; onChange: (v: unknown) => void }) {
  const id = `dataset-param-${name}`;
  // `training-dataset-<name>`: the id the Graph tab's copy of this field had.
  const label = <label htmlFor={id} data-testid={`training-dataset-${name}`} title={spec.description}>{name}</label>;
  if (spec.kind === 'enum') {
    return (
      <>
        {label}
        <select id={id} data-testid={id} value={typeof value === 'string' ? value : spec.default} onChange={(e) => onChange(e.target.value)}>
          {spec.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      </>
    );
  }
  if (spec.kind === 'boolean') {
    return (
      <>
        {label}
        <input id={id} data-testid={id} type="checkbox" checked={typeof value === 'boolean' ? value : spec.default} onChange={(e) => onChange(e.target.checked)} />
      </>
    );
  }
  // Datasets have no list or padding params; those kinds belong to layers.
  if (spec.kind === 'ints' || spec.kind === 'padding') return null;
  const max = 'max' in spec ? spec.max : undefined;
  const min = 'min' in spec ? spec.min : undefined;
  return (
    <>
      {label}
      <CommitInput
        id={id}
        kind={spec.kind}
        value={typeof value === 'number' ? value : spec.default}
        title={spec.description}
        {...(min !== undefined ? { min } : {})}
        {...(max !== undefined ? { max } : {})}
        onCommit={onChange}
      />
    </>
  );
}
