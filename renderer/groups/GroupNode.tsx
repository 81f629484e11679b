import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useState, type KeyboardEvent } from 'react';
import { useServices } from '../app/context';
import { renameGroupTo, ungroup } from './group-model';
import type { GroupFlowNode } from './group-view';
import { toggleMakingRoom, withoutMembers } from './group-drag';
import { measuredSizes } from '../app/measured';
import './groups.css';

/**
 * A group on the canvas. Collapsed: one box with the group's name, how many nodes it holds, and a
 * port for every inner node an outside edge reaches. Expanded: a frame behind the members with the
 * same title bar. Dragging either moves all the members; the buttons collapse/expand, rename and
 * ungroup (each one undo step, saved with the file).
 */
function GroupNodeImpl({ data }: NodeProps<GroupFlowNode>) {
  const { store } = useServices();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(data.name);
  const commit = () => {
    setEditing(false);
    store.edit(renameGroupTo(data.groupId, draft));
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    e.stopPropagation();
    if (e.key === 'Enter') commit();
    else if (e.key === 'Escape') setEditing(false);
  };
  const count = `${data.count} node${data.count === 1 ? '' : 's'}`;
  return (
    <div
      className={`nl-grp ${data.collapsed ? 'collapsed' : 'expanded'}`}
      data-testid="group-node"
      data-group-id={data.groupId}
      data-collapsed={String(data.collapsed)}
      aria-label={`Group ${data.name}, ${count}, ${data.collapsed ? 'collapsed' : 'expanded'}`}
    >
      <div className="nl-grp-head">
        <button
          type="button" className="nl-grp-btn nodrag" data-testid="group-toggle"
          aria-label={data.collapsed ? `Expand group ${data.name}` : `Collapse group ${data.name}`}
          aria-expanded={!data.collapsed}
          title={data.collapsed ? 'Expand: show the nodes inside' : 'Collapse into one box'}
          onClick={() => {
            const st = store.getState();
            store.edit(toggleMakingRoom(data.groupId, measuredSizes), data.collapsed ? st.selection : withoutMembers(st.selection, st.graph, data.groupId));
          }}
        >{data.collapsed ? '▸' : '▾'}</button>
        {editing ? (
          <input
            className="nl-grp-name-input nodrag" data-testid="group-name-input" aria-label="Group name" autoFocus
            value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKey} onBlur={commit}
          />
        ) : (
          <span className="nl-grp-title" data-testid="group-title" title={data.name}>{data.name}</span>
        )}
        <span className="nl-grp-count" data-testid="group-count">{count}</span>
        <button
          type="button" className="nl-grp-btn nodrag" data-testid="group-rename" aria-label={`Rename group ${data.name}`} title="Rename"
          onClick={() => {
            setDraft(data.name);
            setEditing(true);
          }}
        >✎</button>
        <button
          type="button" className="nl-grp-btn nodrag" data-testid="group-ungroup" aria-label={`Ungroup ${data.name}`}
          title="Ungroup: keep the nodes, drop the group" onClick={() => store.edit(ungroup(data.groupId))}
        >✕</button>
      </div>
      {data.collapsed && (data.inputs.length > 0 || data.outputs.length > 0) && (
        <div className="nl-grp-ports">
          <div className="nl-grp-port-list in">{data.inputs.map((p) => <div key={p.id}>{p.label}</div>)}</div>
          <div className="nl-grp-port-list out">{data.outputs.map((p) => <div key={p.id}>{p.label}</div>)}</div>
        </div>
      )}
      {data.inputs.map((p, i) => (
        <Handle key={p.id} id={p.id} type="target" position={Position.Left} isConnectable={false} className="nl-handle"
          style={{ top: `${((i + 1) / (data.inputs.length + 1)) * 100}%` }} title={p.label} />
      ))}
      {data.outputs.map((p, i) => (
        <Handle key={p.id} id={p.id} type="source" position={Position.Right} isConnectable={false} className="nl-handle"
          style={{ top: `${((i + 1) / (data.outputs.length + 1)) * 100}%` }} title={p.label} />
      ))}
    </div>
  );
}

export const GroupNode = memo(GroupNodeImpl);
