import { memo, useEffect, useRef } from 'react';
import { RELU_FAMILY, SATURATING } from '../../core/catalog/activations';
import { prepareCanvas } from './charts/canvas';
import { drawHistogram, unitHealth } from './charts/histogram-draw';
import { useNodeLiveStats, useTrainingController } from './hooks';
import { hasInspectPreview } from './preview/inspect-types';
import { NodeInspectPreview } from './preview/NodeInspectPreview';

/**
 * The live strip on a canvas node while a run reports on it: a histogram of the node's outputs and,
 * for the ReLU family and saturating functions, the share of dead or saturated units. Nothing at all
 * when no run has data for the node, so idle graphs look exactly as before.
 */
function NodeStatsPreview({ nodeId, type, fn }: { nodeId: string; type: string; fn?: string | undefined }) {
  const stats = useNodeLiveStats(nodeId);
  const c = useTrainingController();
  // The run trains its snapshot: a variant may use another function than the canvas shows now.
  const runNode = stats ? c.store.active()?.meta.graph.nodes.find((n) => n.id === nodeId) : undefined;
  // A badge describes the node it sits on: stats of a node of another kind that had this id (another
  // graph, an edit since the run) are not about this node.
  const sameNode = runNode !== undefined && runNode.type === type;
  const runFn = typeof runNode?.params.fn === 'string' ? runNode.params.fn : fn;
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!stats || !sameNode || !canvas.current) return;
    const p = prepareCanvas(canvas.current);
    if (p) drawHistogram(p.ctx, p.w, p.h, stats, fn !== undefined ? '#b45309' : '#6d28d9');
  }, [stats, fn, sameNode]);
  if (!stats || !sameNode) return null;
  const health = unitHealth(stats);
  // The catalog decides which functions have dead or saturated units; stats without the notion show none.
  const relevant = runFn === undefined || RELU_FAMILY.has(runFn) || SATURATING.has(runFn);
  const healthText = health ? `${runFn !== fn && runFn !== undefined ? `${runFn}: ` : ''}${health.text}` : '';
  return (
    <div className="nl-node-live" data-testid="node-live">
      <canvas ref={canvas} className="nl-node-live-hist" />
      {health && relevant && (
        // The box has a fixed width (see training.css), so the tooltip repeats the whole text.
        <span className={`nl-node-live-health${health.bad ? ' bad' : ''}`} data-testid="node-live-health" title={`${healthText}. In the active run (${runFn ?? 'this node'}): share of units that never activate (dead) or sit in a flat tail (saturated) on the last batch`}>
          {healthText}
        </span>
      )}
    </div>
  );
}

/** The node's live strips: its output histogram and, for convolution, pooling and recurrent kinds, a glimpse of its maps. */
function NodeLivePreviewImpl({ nodeId, type, fn }: { nodeId: string; type: string; fn?: string | undefined }) {
  return (
    <>
      <NodeStatsPreview nodeId={nodeId} type={type} fn={fn} />
      {hasInspectPreview(type) && <NodeInspectPreview nodeId={nodeId} type={type} />}
    </>
  );
}

export const NodeLivePreview = memo(NodeLivePreviewImpl);
