import { useEffect } from 'react';
import type { GraphGroup } from '../../core/graph/groups';
import { useDoc, useServices } from '../app/context';
import { isTextEntry } from '../state/shortcuts';
import { groupNodes } from './group-model';

const MAC = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/**
 * Shown while two or more nodes are selected: make them a group (it opens expanded, named
 * "Group N"; rename it from its title bar). Nodes already in a group move to the new one.
 * Ctrl+G (Cmd+G on macOS) does the same from the keyboard.
 */
export function GroupBar({ groups }: { groups: readonly GraphGroup[] }) {
  const { store } = useServices();
  const selected = useDoc((s) => s.selection.nodes);
  // Nodes hidden inside a collapsed group are not on screen, so they are not offered.
  const hidden = new Set(groups.filter((g) => g.collapsed).flatMap((g) => g.nodes));
  // Read, not subscribed: the bar follows the selection, and a drag (a graph change) must not re-render it.
  const known = new Set(store.getState().graph.nodes.map((n) => n.id));
  const chosen = new Set([...selected].filter((id) => !hidden.has(id) && known.has(id)));
  const enough = chosen.size >= 2;
  const create = () => store.edit(groupNodes(chosen), { nodes: new Set(), edges: new Set() });

  useEffect(() => {
    if (!enough) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'g' || !(MAC ? e.metaKey : e.ctrlKey) || e.shiftKey || e.altKey || isTextEntry(e.target)) return;
      e.preventDefault();
      create();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!enough) return null;
  return (
    <div className="nl-grp-bar" data-testid="group-bar">
      <span>{chosen.size} nodes selected</span>
      <button type="button" className="nl-btn" data-testid="group-create" title={`Group the selected nodes (${MAC ? '⌘' : 'Ctrl+'}G); a group can be collapsed into one box`}
        onClick={create}>
        Group selection
      </button>
    </div>
  );
}
