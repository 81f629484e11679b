import { useDoc, useServices } from '../app/context';
import { groupNodes } from './group-model';
import type { GraphGroup } from '../../core/graph/groups';

/**
 * Shown while two or more nodes are selected: make them a group (it opens expanded, named
 * "Group N"; rename it from its title bar). Nodes already in a group move to the new one.
 */
export function GroupBar({ groups }: { groups: readonly GraphGroup[] }) {
  const { store } = useServices();
  const selected = useDoc((s) => s.selection.nodes);
  // Nodes hidden inside a collapsed group are not on screen, so they are not offered.
  const hidden = new Set(groups.filter((g) => g.collapsed).flatMap((g) => g.nodes));
  // Read, not subscribed: the bar follows the selection, and a drag (a graph change) must not re-render it.
  const known = new Set(store.getState().graph.nodes.map((n) => n.id));
  const chosen = new Set([...selected].filter((id) => !hidden.has(id) && known.has(id)));
  if (chosen.size < 2) return null;
  return (
    <div className="nl-grp-bar" data-testid="group-bar">
      <span>{chosen.size} nodes selected</span>
      <button type="button" className="nl-btn" data-testid="group-create" title="Group the selected nodes (they can then be collapsed into one box)"
        onClick={() => store.edit(groupNodes(chosen), { nodes: new Set(), edges: new Set() })}>
        Group selection
      </button>
    </div>
  );
}
