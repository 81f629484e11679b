import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';

/**
 * A wire with its tensor shape as a label. The label is HTML in xyflow's label layer, which sits above
 * the nodes — an SVG label would be painted under the next node on short wires and be unreadable.
 * It keeps xyflow's `react-flow__edge-text` class, which automation relies on.
 */
function ShapeEdgeImpl({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, markerEnd, style }: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} {...(style ? { style } : {})} />
      {label !== undefined && label !== '' && (
        <EdgeLabelRenderer>
          <div className="nl-edge-label react-flow__edge-text nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeImpl);
