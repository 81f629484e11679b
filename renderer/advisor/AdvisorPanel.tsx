import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { applyFix, FixError, type Fix } from '../../core/advisor';
import { useDoc, useServices } from '../app/context';
import { measuredSizes } from '../app/measured';
import { DEFAULT_NODE_SIZE } from '../state/layout';
import { useStoreKey, useTrainingController } from '../training/hooks';
import { adviceItems, type AdviceItem } from './advice';
import './advisor.css';

/**
 * The graph advisor beside Problems: warnings about a graph that is valid but will probably train
 * badly (recomputed on every edit — the advisor is pure and cheap), then what the active run's
 * layer statistics showed. Each names its node (a click selects and reveals it) and offers its
 * one-click fix where there is one; a fix is an ordinary edit, so Undo takes it back.
 */
export function AdvisorPanel() {
  const { store } = useServices();
  const graph = useDoc((s) => s.graph);
  const flow = useReactFlow();
  const c = useTrainingController();
  // Re-render when the active run reports a new diagnostic (not on every frame).
  const diagKey = useStoreKey(c, () => `${c.store.activeId}#${c.store.active()?.diagnostics?.length ?? 0}`);
  // Folded to its one-line badge at first, so advice never takes the canvas's room unasked.
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const items = useMemo(() => adviceItems(graph, c.store.active()?.diagnostics ?? []), [graph, diagKey, c]);

  const nameOf = (id: string | null) => {
    if (id === null) return 'Whole graph';
    const n = graph.nodes.find((x) => x.id === id);
    return n ? `${n.label ?? n.id} (${n.type})` : id;
  };
  const reveal = (id: string | null) => {
    const node = id !== null ? store.getState().graph.nodes.find((n) => n.id === id) : undefined;
    if (!node) return;
    store.select({ nodes: new Set([node.id]), edges: new Set() });
    if (node.position) {
      const size = measuredSizes.get(node.id) ?? DEFAULT_NODE_SIZE;
      void flow.setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 250 });
    }
  };
  const fix = (f: Fix) => {
    try {
      const next = applyFix(store.getState().graph, f);
      store.edit(() => next);
      setFailure(null);
    } catch (e) {
      setFailure(e instanceof FixError ? e.message : `The fix could not be applied: ${String(e)}`);
    }
  };

  const expanded = open && items.length > 0;
  return (
    <section className={`nl-advisor${expanded ? '' : ' compact'}`} data-testid="advisor" aria-label="Advisor" data-count={items.length}>
      <h2>
        <button type="button" className="nl-advisor-toggle" aria-expanded={expanded} disabled={items.length === 0} onClick={() => setOpen(!open)} title={expanded ? 'Fold the advice away' : 'Show the advice'}>
          {items.length > 0 && <span aria-hidden="true">{expanded ? '▾' : '▸'} </span>}Advisor
        </button>
        <span className={`nl-count${items.length ? ' warn' : ' good'}`} data-testid="advisor-count">{items.length}</span>
        {items.length === 0 && <span className="nl-advisor-ok">No advice: nothing here looks likely to train badly.</span>}
        {items.length > 0 && !expanded && <span className="nl-advisor-first">{nameOf(items[0]!.node)}: {items[0]!.message}</span>}
      </h2>
      {failure && <p className="nl-advisor-failure" role="alert" data-testid="advisor-failure">{failure}</p>}
      {expanded && (
        <ul>
          {items.map((w: AdviceItem) => (
            <li key={`${w.source}:${w.rule}:${w.node ?? ''}`} className="nl-advice" data-testid="advisor-item" data-rule={w.rule} data-node-id={w.node ?? ''} data-source={w.source}>
              <span className="nl-advice-mark" aria-hidden="true">{w.source === 'run' ? '◷' : '!'}</span>
              <span className="nl-advice-body">
                <button type="button" className="nl-advice-where" onClick={() => reveal(w.node)} disabled={w.node === null} title={w.node === null ? undefined : 'Show this node'}>
                  {nameOf(w.node)}
                </button>
                {w.source === 'run' && <span className="nl-advice-when"> · seen while training{w.epoch !== undefined ? ` (epoch ${w.epoch})` : ''}</span>}
                <span className="nl-advice-text">{w.message}</span>
                <span className="nl-advice-rule">{w.rule}</span>
              </span>
              {w.fix && (
                <button type="button" className="nl-advice-fix" data-testid="advisor-fix" onClick={() => fix(w.fix!)} title="Apply this fix (Undo takes it back)">
                  {w.fix.label}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
