import { useEffect, useState } from 'react';
import type { ParamSpec } from '../../core/catalog/types';
import { DATASETS, textParamsOf } from '../../core/datasets';
import type { Graph, TrainingConfig } from '../../core/graph/schema';
import { useDoc, useServices } from '../app/context';
import { ParamField } from './ParamField';

const OPTIMIZERS = ['sgd', 'rmsprop', 'adam', 'adamw'] as const;
const SPECS: Record<'lr' | 'batchSize' | 'epochs' | 'seed', ParamSpec> = {
  lr: { kind: 'number', default: 0.1, min: 0, minExclusive: true, description: 'learning rate: how big each step is' },
  batchSize: { kind: 'int', default: 10, min: 1, max: 65536, description: 'examples per weight update' },
  epochs: { kind: 'int', default: 100, min: 1, max: 1_000_000, description: 'passes over the training data' },
  seed: { kind: 'int', default: 1, min: -2147483648, max: 2147483647, description: 'same seed, same run: data, initial weights and shuffling' },
};

/** The graph's name and its training basics (a fuller training panel comes later). */
export function GraphSettings() {
  const { store } = useServices();
  const name = useDoc((s) => s.graph.name);
  const t = useDoc((s) => s.graph.training);
  const editTraining = (next: TrainingConfig) => store.edit((g: Graph) => ({ ...g, training: next }));
  const dataset = DATASETS[t.dataset.name];
  const textParams = dataset ? textParamsOf(dataset) : {};
  return (
    <div className="nl-graph-settings">
      <h2>Graph</h2>
      <NameField value={name} onCommit={(name) => store.edit((g) => ({ ...g, name }))} />
      <h2>Training</h2>
      <div className="nl-field">
        <label htmlFor="training-dataset"><span className="nl-field-name">dataset</span></label>
        <select
          id="training-dataset"
          data-testid="training-dataset"
          value={t.dataset.name}
          onChange={(e) => editTraining({ ...t, dataset: { name: e.target.value } })}
        >
          {!dataset && <option value={t.dataset.name}>{t.dataset.name === 'none' ? 'none (prediction only)' : `${t.dataset.name} (unknown)`}</option>}
          {Object.values(DATASETS).map((d) => <option key={d.name} value={d.name}>{d.title}</option>)}
        </select>
        {dataset && <div className="nl-field-help">{dataset.explanation}</div>}
      </div>
      {dataset && Object.entries(dataset.params).map(([name, spec]) => (
        <ParamField
          key={`${t.dataset.name}:${name}`}
          name={name}
          spec={spec}
          testId={`training-dataset-${name}`}
          value={t.dataset[name] ?? spec.default}
          onCommit={(v) => editTraining({ ...t, dataset: { ...t.dataset, [name]: v } })}
        />
      ))}
      {Object.entries(textParams).map(([name, spec]) => (
        <div className="nl-field" key={`${t.dataset.name}:${name}`}>
          <label><span className="nl-field-name">{name}</span></label>
          <TextCommit testId={`training-dataset-${name}`} value={String(t.dataset[name] ?? spec.default)} onCommit={(v) => editTraining({ ...t, dataset: { ...t.dataset, [name]: v } })} />
          <div className="nl-field-help">{spec.description}</div>
        </div>
      ))}
      <div className="nl-field">
        <label htmlFor="training-optimizer"><span className="nl-field-name">optimizer</span></label>
        <select
          id="training-optimizer"
          data-testid="training-optimizer"
          value={t.optimizer.type}
          onChange={(e) => editTraining({ ...t, optimizer: { type: e.target.value as TrainingConfig['optimizer']['type'], lr: t.optimizer.lr } })}
        >
          {OPTIMIZERS.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      </div>
      <ParamField name="lr" spec={SPECS.lr} testId="training-lr" value={t.optimizer.lr} onCommit={(v) => editTraining({ ...t, optimizer: { ...t.optimizer, lr: v as number } })} />
      <ParamField name="batch size" spec={SPECS.batchSize} testId="training-batchSize" value={t.batchSize} onCommit={(v) => editTraining({ ...t, batchSize: v as number })} />
      <ParamField name="epochs" spec={SPECS.epochs} testId="training-epochs" value={t.epochs} onCommit={(v) => editTraining({ ...t, epochs: v as number })} />
      <ParamField name="seed" spec={SPECS.seed} testId="training-seed" value={t.seed} onCommit={(v) => editTraining({ ...t, seed: v as number })} />
    </div>
  );
}

function NameField({ value, onCommit }: { value: string; onCommit: (v: string) => void }) {
  return (
    <div className="nl-field">
      <label htmlFor="graph-name"><span className="nl-field-name">name</span></label>
      <TextCommit id="graph-name" testId="graph-name" value={value} onCommit={(v) => v.trim() && onCommit(v.trim())} />
    </div>
  );
}

/** A text box applied on Enter or blur: one undo entry per edit, not per keystroke. */
function TextCommit({ value, onCommit, testId, id }: { value: string; onCommit: (v: string) => void; testId: string; id?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => text !== value && onCommit(text);
  return (
    <input
      id={id}
      data-testid={testId}
      type="text"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}
