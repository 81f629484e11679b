import { useReactFlow } from '@xyflow/react';
import { formatProblem, type Problem } from '../../core/graph/problem';
import { useServices } from '../app/context';
import { useAnalysis } from '../hooks/useAnalysis';
import { measuredSizes } from '../app/measured';
import { DEFAULT_NODE_SIZE } from '../state/layout';
import './ProblemsPanel.css';

/** Every problem analysis found; clicking one selects its node (or edge) and brings it into view. */
export function ProblemsPanel() {
  const { store } = useServices();
  const analysis = useAnalysis();
  const flow = useReactFlow();
  const problems = analysis.problems;
  const errors = problems.filter((p) => p.severity === 'error').length;

  const reveal = (p: Problem) => {
    const g = store.getState().graph;
    const nodeId = p.nodeId ?? (p.edgeId !== undefined ? g.edges.find((e) => e.id === p.edgeId)?.target : undefined);
    const node = nodeId !== undefined ? g.nodes.find((n) => n.id === nodeId) : undefined;
    store.select({ nodes: new Set(p.nodeId !== undefined && node ? [node.id] : []), edges: new Set(p.edgeId !== undefined ? [p.edgeId] : []) });
    if (node?.position) {
      const size = measuredSizes.get(node.id) ?? DEFAULT_NODE_SIZE;
      void flow.setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 250 });
    }
  };

  return (
    <section className="nl-problems" data-testid="problems" aria-label="Problems">
      <h2>
        Problems <span className={`nl-count${errors ? ' bad' : ' good'}`} data-testid="problems-count">{problems.length}</span>
      </h2>
      {problems.length === 0 ? (
        <p className="nl-ok" data-testid="problems-empty">✓ No problems — this network is ready to train.</p>
      ) : (
        <ul>
          {problems.map((p, i) => (
            <li key={`${i}:${p.path}:${p.code}`}>
              <button
                type="button"
                className={`nl-problem ${p.severity}`}
                data-testid="problem-item"
                data-node-id={p.nodeId}
                data-code={p.code}
                onClick={() => reveal(p)}
              >
                <span className="nl-sev">{p.severity === 'error' ? '✕' : '!'}</span>
                {formatProblem(p)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
