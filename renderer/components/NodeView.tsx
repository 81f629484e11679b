import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useServices, useValue } from '../app/context';
import type { FlowNode } from '../state/flow-convert';
import { NodeLivePreview } from '../training/NodeLivePreview';
import { NodeAdviceMark } from '../advisor/NodeAdviceMark';
import { NodeTraceMark } from '../trace/NodeTraceMark';
import './NodeView.css';

/**
 * One network block on the canvas: category colour, title, key params, output shape, and the
 * problems analysis found for it. While a connection is dragged, ports that cannot take it are dimmed
 * with the reason.
 */
function NodeViewImpl({ id, data, selected }: NodeProps<FlowNode>) {
  const { connecting } = useServices();
  // A string key, so the node re-renders only when its own ports' verdicts change.
  const verdict = useValue(connecting, (m) => (m ? data.inputs.map((p) => m.get(`${id}#${p}`) ?? '').join('\u0001') : null));
  const reasons = verdict === null ? [] : verdict.split('\u0001');
  const refused = verdict !== null && (data.inputs.length === 0 || reasons.every((r) => r !== ''));
  const reason = verdict !== null && data.inputs.length > 0 ? reasons.find((r) => r !== '') : undefined;
  const hasError = data.problems.length > 0;
  const multi = data.inputs.length > 1;
  return (
    <div
      className={`nl-node cat-${data.category}${selected ? ' selected' : ''}${hasError ? ' has-error' : ''}${refused ? ' refused' : ''}`}
      data-node-type={data.type}
      data-testid={`node-${id}`}
      {...(data.fn !== undefined ? { 'data-fn': data.fn } : {})}
    >
      <div className="nl-node-head">
        <span className="nl-node-title">{data.label ?? data.title}</span>
        <span className="nl-node-sub">{data.subtitle}</span>
        {hasError && (
          <span className="nl-node-badge" data-testid="node-error" title={data.problems.join('\n')}>
            {data.problems.length}
          </span>
        )}
      </div>
      {data.summary.length > 0 && (
        <div className="nl-node-params">
          {data.summary.map((line) => <div key={line}>{line}</div>)}
        </div>
      )}
      {data.shape && <div className="nl-node-shape" data-testid="node-shape">→ {data.shape}</div>}
      <NodeLivePreview nodeId={id} type={data.type} fn={data.fn} />
      <NodeAdviceMark nodeId={id} />
      <NodeTraceMark nodeId={id} />
      {hasError && <div className="nl-node-problem" data-testid="node-problem">{data.problems[0]}</div>}
      {refused && reason && <div className="nl-node-refusal" data-testid="connect-refusal">{reason}</div>}
      {data.inputs.map((port, i) => (
        <Handle
          key={port}
          id={port}
          type="target"
          position={Position.Left}
          className={`nl-handle${reasons[i] ? ' refused' : verdict !== null ? ' accepts' : ''}`}
          style={{ top: `${((i + 1) / (data.inputs.length + 1)) * 100}%` }}
          title={reasons[i] || port}
        >
          {multi && <span className="nl-port-label">{port}</span>}
        </Handle>
      ))}
      {data.outputs.map((port, i) => (
        <Handle
          key={port}
          id={port}
          type="source"
          position={Position.Right}
          className="nl-handle"
          style={{ top: `${((i + 1) / (data.outputs.length + 1)) * 100}%` }}
          title={port}
        />
      ))}
    </div>
  );
}

export const NodeView = memo(NodeViewImpl);
