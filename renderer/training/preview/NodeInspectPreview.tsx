import { memo, useEffect, useMemo, useRef } from 'react';
import { prepareCanvas } from '../charts/canvas';
import { useTrainingController } from '../hooks';
import { featureMapsImage, hiddenStateImage, type PreviewImage } from './preview-image';
import { useNodePreviewInspect } from './useNodePreviewInspect';

/** Draw the one-pixel-per-value picture scaled to the canvas, keeping each value a crisp block. */
function drawScaled(canvas: HTMLCanvasElement, img: PreviewImage, keepSquare: boolean): void {
  const p = prepareCanvas(canvas);
  if (!p) return;
  const src = document.createElement('canvas');
  src.width = img.width;
  src.height = img.height;
  src.getContext('2d')?.putImageData(new ImageData(img.rgba, img.width, img.height), 0, 0);
  // 2D maps keep their pixels square (fitted into the box); strips and heatmaps fill it.
  const fit = keepSquare ? Math.min(p.w / img.width, p.h / img.height) : 0;
  const w = fit > 0 ? img.width * fit : p.w;
  const h = fit > 0 ? img.height * fit : p.h;
  p.ctx.imageSmoothingEnabled = false;
  p.ctx.drawImage(src, 0, 0, w, h);
}

/**
 * A canvas node's glimpse of what the Layers tab shows in full: the first channels' feature maps of a
 * convolution or pool, or a recurrent layer's hidden state over time, for the inspected validation
 * example at the run's current weights. Nothing until the run has answered.
 */
function NodeInspectPreviewImpl({ nodeId, type }: { nodeId: string; type: string }) {
  const c = useTrainingController();
  const entry = useNodePreviewInspect(c, nodeId, type);
  const r = entry?.result;
  const img = useMemo(() => (r ? (r.type === 'featureMaps' ? featureMapsImage(r) : hiddenStateImage(r)) : null), [r]);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (img && r && canvas.current) drawScaled(canvas.current, img, r.type === 'featureMaps' && r.height > 1);
  }, [img, r]);
  if (!r || !img || !entry) return null;
  const maps = r.type === 'featureMaps';
  const total = maps ? r.channels : r.units;
  const what = maps
    ? `Feature maps of validation example ${r.example} at step ${entry.step}: the first ${img.shown} of ${total} channels (Layers tab: all of them)`
    : `Hidden state of validation example ${r.example} at step ${entry.step}: ${r.steps} steps left to right, ${img.shown} of ${total} units top to bottom (blue −1, orange +1)`;
  return (
    <div
      className="nl-node-inspect"
      data-testid="node-inspect-preview"
      data-kind={maps ? 'maps' : 'hidden'}
      data-shown={img.shown}
      data-total={total}
      data-example={r.example}
      data-step={entry.step}
      title={what}
    >
      <canvas ref={canvas} className={`nl-node-inspect-canvas ${maps ? 'maps' : 'hidden'}`} role="img" aria-label={what} />
      <span className="nl-node-inspect-label">{maps ? `${img.shown}/${total} maps` : `${r.steps}×${total}`}</span>
    </div>
  );
}

export const NodeInspectPreview = memo(NodeInspectPreviewImpl);
