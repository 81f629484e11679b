import { useState } from 'react';
import { ACTIVATION_LIST } from '../../core/catalog/activations';
import type { Graph } from '../../core/graph/schema';
import type { TrainingController } from './controller';
import { activationNodes } from './graph-variants';

/**
 * "Run variants side by side": the same graph with one Activation node's function swapped, one run
 * per function, all training at once in their own workers, then overlaid in the compare view.
 */
interface Props {
  controller: TrainingController;
  graph: Graph;
  blocked?: string | null;
  /** Called after the runs started (the panel then shows the compare view). */
  onStarted?: () => void;
}

export function VariantsForm({ controller: c, graph, blocked, onStarted }: Props) {
  const nodes = activationNodes(graph);
  const [nodeId, setNodeId] = useState('');
  const node = nodes.find((n) => n.id === nodeId) ?? nodes[0];
  const [picked, setPicked] = useState<string[] | null>(null);
  // Default pair: what the node has now against a contrasting function.
  const fns = picked ?? (node ? [node.fn, node.fn === 'relu' ? 'sigmoid' : 'relu'] : []);
  if (!node) return <p className="nl-tr-help">Add an Activation node to compare activation functions side by side.</p>;
  const toggle = (fn: string, on: boolean) => setPicked(on ? [...fns.filter((f) => f !== fn), fn] : fns.filter((f) => f !== fn));
  return (
    <div className="nl-tr-variants" data-testid="variants">
      <label>Swap <select data-testid="variants-node" value={node.id} onChange={(e) => { setNodeId(e.target.value); setPicked(null); }}>
        {nodes.map((n) => <option key={n.id} value={n.id}>{n.label} ({n.fn})</option>)}
      </select></label>
      <div className="nl-tr-fns">
        {ACTIVATION_LIST.filter((a) => a.fn !== 'softmax').map((a) => (
          <label key={a.fn} title={a.explanation}>
            <input type="checkbox" data-testid={`variant-fn-${a.fn}`} checked={fns.includes(a.fn)} onChange={(e) => toggle(a.fn, e.target.checked)} />
            {a.fn}
          </label>
        ))}
      </div>
      <button
        type="button"
        className="nl-tr-btn primary"
        data-testid="variants-run"
        disabled={fns.length < 2 || blocked != null}
        title={blocked ?? `Train ${fns.length} runs at once, one per function`}
        onClick={() => {
          c.startVariants(graph, node.id, fns);
          onStarted?.();
        }}
      >
        Run {fns.length} side by side
      </button>
    </div>
  );
}
