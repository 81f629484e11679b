import type { ParamValues } from '../../core/catalog/types';
import { ACTIVATIONS } from '../../core/catalog/activations';
import { getNodeKind } from '../../core/catalog';
import { paramSpecsOf, withDefaults } from '../../core/catalog/params';
import type { GraphNode } from '../../core/graph/schema';
import { formatShape } from '../../core/util/tensor';
import { memo } from 'react';
import { useServices } from '../app/context';
import { useAnalysis } from '../hooks/useAnalysis';
import { setParam } from '../state/graph-edit';
import { ActivationPlot } from './ActivationPlot';
import { ParamField } from './ParamField';

/** Every param of the selected node with its range, what the node does, and (activations) its curve. */
function NodeInspectorImpl({ node }: { node: GraphNode }) {
  const { store } = useServices();
  const analysis = useAnalysis();
  const kind = getNodeKind(node.type);
  if (!kind) return <p className="nl-muted">Unknown node type “{node.type}”: it cannot be edited here.</p>;
  // Params resolved as far as they are valid, so an Activation shows its current fn's params.
  let values: ParamValues;
  try {
    values = withDefaults(kind, node.params);
  } catch {
    values = {};
  }
  const specs = paramSpecsOf(kind, values);
  const act = node.type === 'Activation' ? ACTIVATIONS[String(values.fn)] : undefined;
  const problems = analysis.problems.filter((p) => p.nodeId === node.id);
  const shape = analysis.shapes.get(node.id);
  const resolved = analysis.params.get(node.id);
  return (
    <div className="nl-inspector-node">
      <h2 className={`nl-kind cat-${kind.category}`}>{act ? act.title : kind.title}<span>{node.id}</span></h2>
      {shape && kind.outputs.length > 0 && <p className="nl-shape">Output shape <code>{formatShape(shape)}</code></p>}
      {problems.map((p) => <p key={p.code + p.message} className="nl-problem-inline">⚠ {p.message}</p>)}
      <section className="nl-section">
        {Object.keys(specs).length === 0 && <p className="nl-muted">This block has no parameters.</p>}
        {Object.entries(specs).map(([name, spec]) => (
          <ParamField
            key={`${node.id}:${name}`}
            name={name}
            spec={spec}
            value={node.params[name] ?? spec.default}
            onCommit={(v) => store.edit((g) => setParam(g, node.id, name, v))}
          />
        ))}
      </section>
      {act && resolved && <ActivationPlot act={act} params={resolved} />}
      <section className="nl-explain">
        <h3>What it does</h3>
        <p>{kind.explanation}</p>
        {act && (
          <>
            <h3>{act.title}</h3>
            <p>{act.explanation}</p>
          </>
        )}
        <h3>Ports</h3>
        <ul>
          {kind.inputs.map((p) => <li key={`in-${p.name}`}><code>{p.name}</code> in: {p.description}</li>)}
          {kind.outputs.map((p) => <li key={`out-${p.name}`}><code>{p.name}</code> out: {p.description}</li>)}
        </ul>
      </section>
    </div>
  );
}

/** Moving a node does not change what the inspector shows. */
export const NodeInspector = memo(NodeInspectorImpl, (a, b) =>
  a.node.id === b.node.id && a.node.type === b.node.type && a.node.params === b.node.params && a.node.label === b.node.label);
