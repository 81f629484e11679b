import { useEffect, useState } from 'react';
import { useDoc } from '../app/context';
import { GraphSettings } from './GraphSettings';
import { NodeInspector } from './NodeInspector';
import './Inspector.css';

/** Right-hand panel: the selected node, or the graph's name (training is set up in the dock). */
export function Inspector() {
  const selection = useDoc((s) => s.selection);
  // The node object changes while it is dragged; NodeInspector ignores position changes (memo).
  const single = useDoc((s) => (s.selection.nodes.size === 1 ? s.graph.nodes.find((n) => s.selection.nodes.has(n.id)) : undefined));
  const [tab, setTab] = useState<'node' | 'graph'>('graph');
  // Selecting blocks brings their tab forward; clearing the selection shows the graph's settings.
  const key = single ? `one:${single.id}` : `many:${selection.nodes.size}`;
  useEffect(() => setTab(selection.nodes.size > 0 ? 'node' : 'graph'), [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <aside className="nl-inspector" data-testid="inspector" aria-label="Inspector">
      <div className="nl-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'node'} data-testid="inspector-tab-node" onClick={() => setTab('node')}>Block</button>
        <button type="button" role="tab" aria-selected={tab === 'graph'} data-testid="inspector-tab-graph" onClick={() => setTab('graph')}>Graph</button>
      </div>
      <div className="nl-inspector-body">
        {tab === 'graph' && <GraphSettings />}
        {tab === 'node' && single && <NodeInspector node={single} />}
        {tab === 'node' && !single && (
          <p className="nl-muted">
            {selection.nodes.size > 1 ? `${selection.nodes.size} blocks selected.` : 'Select a block to see and edit its parameters.'}
          </p>
        )}
      </div>
    </aside>
  );
}
