import { useReactFlow } from '@xyflow/react';
import { useSyncExternalStore } from 'react';
import type { Problem } from '../../core/graph/problem';
import type { Graph } from '../../core/graph/schema';
import { useDoc, useServices } from '../app/context';
import { panels, togglePanel } from '../app/panels';
import { useAnalysis } from '../hooks/useAnalysis';
import { measuredSizes } from '../app/measured';
import { DEFAULT_NODE_SIZE } from '../state/layout';
import { problemWords } from './problem-words';
import './ProblemsPanel.css';

/**
 * Every problem analysis found, in plain words with the node's title (the JSON path in a details
 * line); clicking one selects its node (or edge) and brings it into view. With no problems it is a
 * one-line badge, so the canvas keeps the room; the Problems toggle folds the list away too.
 */
export function ProblemsPanel() {
  const { store } = useServices();
  const analysis = useAnalysis();
  const graph = useDoc((s) => s.graph);
  const flow = useReactFlow();
  const open = useSyncExternalStore(panels.subscribe, () => panels.get().problems);
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

  const expanded = open && problems.length > 0;
  return (
    <section className={`nl-problems${expanded ? '' : ' compact'}`} data-testid="problems" aria-label="Problems">
      <h2>
        <button type="button" className="nl-problems-toggle" aria-expanded={expanded} disabled={problems.length === 0} onClick={() => togglePanel('problems')} title={problems.length === 0 ? 'No problems' : expanded ? 'Fold the list away' : 'Show the problems'}>
          {problems.length > 0 && <span aria-hidden="true">{expanded ? '▾' : '▸'} </span>}Problems
        </button>
        <span className={`nl-count${errors ? ' bad' : ' good'}`} data-testid="problems-count">{problems.length}</span>
        {problems.length === 0 && <span className="nl-ok" data-testid="problems-empty">✓ No problems — this network is ready to train.</span>}
        {problems.length > 0 && !expanded && <span className="nl-problems-first">{firstLine(problems[0]!, graph)}</span>}
      </h2>
      {expanded && (
        <ul>
          {problems.map((p, i) => {
            const w = problemWords(p, graph);
            return (
              <li key={`${i}:${p.path}:${p.code}`}>
                <button
                  type="button"
                  className={`nl-problem ${p.severity}`}
                  data-testid="problem-item"
                  data-node-id={p.nodeId}
                  data-code={p.code}
                  onClick={() => reveal(p)}
                >
                  <span className="nl-sev" aria-label={p.severity}>{p.severity === 'error' ? '✕' : '!'}</span>
                  <span className="nl-problem-body">
                    <span><b>{w.where}</b>: {w.text}</span>
                    <span className="nl-problem-details" data-testid="problem-details">{w.details}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function firstLine(p: Problem, graph: Graph): string {
  const w = problemWords(p, graph);
  return `${w.where}: ${w.text}`;
}
