import { convGeometry } from '../../catalog/nodes/conv-layer';
import { poolGeometry } from '../../catalog/nodes/pool-layer';
import type { Window2D } from '../../catalog/spatial';
import type { ExportNode } from '../export-model';
import { float, int, ints, str, type OnnxGraphBuilder } from './graph-builder';

/**
 * The convolution family as ONNX ops (opset 17). NetLoom runs 1D ops as 2D with height 1; ONNX gets
 * their true rank. Pads are [begin…, end…] per spatial axis, so 'same' with an odd total is exact.
 */
function windowAttrs(rank: 1 | 2, g: Window2D, padding: unknown) {
  const attrs = windowPads(rank, g);
  // 'same' is written as ONNX's SAME_UPPER (extra zero after, as NetLoom), so an import reads it back
  // as 'same' rather than as the pads it happens to need for this input size. onnxruntime refuses
  // auto_pad with dilation, so a dilated 'same' keeps explicit pads.
  if (padding !== 'same' || g.dh !== 1 || g.dw !== 1) return attrs;
  const { pads: _pads, ...rest } = attrs;
  return { ...rest, auto_pad: str('SAME_UPPER') };
}

function windowPads(rank: 1 | 2, g: Window2D) {
  return rank === 2
    ? { kernel_shape: ints([g.kh, g.kw]), strides: ints([g.sh, g.sw]), pads: ints([g.padTop, g.padLeft, g.padBottom, g.padRight]) }
    : { kernel_shape: ints([g.kw]), strides: ints([g.sw]), pads: ints([g.padLeft, g.padRight]) };
}

export function emitConv(g: OnnxGraphBuilder, node: ExportNode, x: string, weight: (name: string) => string, rank: 1 | 2): string {
  const p = node.params;
  const r = convGeometry(rank, p, node.inputShapes[0]!);
  if (!r.ok) throw new Error(r.message);
  const dil = p.dilation as number;
  return g.op('Conv', p.bias ? [x, weight('W'), weight('b')] : [x, weight('W')], node.id, {
    ...windowAttrs(rank, r.g, p.padding),
    dilations: ints(rank === 2 ? [dil, dil] : [dil]),
    group: int(p.groups as number),
  });
}

export function emitPool(g: OnnxGraphBuilder, node: ExportNode, x: string, op: 'max' | 'avg', rank: 1 | 2): string {
  const r = poolGeometry(rank, node.params, node.inputShapes[0]!);
  if (!r.ok) throw new Error(r.message);
  // MaxPool never picks a padded cell; AveragePool counts padding zeros in the divisor, as NetLoom.
  return op === 'max'
    ? g.op('MaxPool', [x], node.id, windowAttrs(rank, r.g, node.params.padding))
    : g.op('AveragePool', [x], node.id, { ...windowAttrs(rank, r.g, node.params.padding), count_include_pad: int(1) });
}

export function emitGlobalAvgPool(g: OnnxGraphBuilder, node: ExportNode, x: string): string {
  // GlobalAveragePool keeps size-1 spatial axes: [N, C, 1, 1] → Flatten → [N, C].
  return g.op('Flatten', [g.op('GlobalAveragePool', [x], `${node.id}/pooled`)], node.id, { axis: int(1) });
}

/** Inference BatchNorm with the running statistics; without `affine`, scale 1 and shift 0 as constants. */
export function emitBatchNorm(g: OnnxGraphBuilder, node: ExportNode, x: string, weight: (name: string) => string): string {
  const C = node.inputShapes[0]![0]!;
  const affine = node.params.affine as boolean;
  const scale = affine ? weight('gamma') : g.floats(`${node.id}/ones`, [C], new Float32Array(C).fill(1));
  const shift = affine ? weight('beta') : g.floats(`${node.id}/zeros`, [C], new Float32Array(C));
  return g.op('BatchNormalization', [x, scale, shift, weight('runningMean'), weight('runningVar')], node.id, {
    epsilon: float(node.params.epsilon as number),
    momentum: float(1 - (node.params.momentum as number)),
  });
}

export function emitReshape(g: OnnxGraphBuilder, node: ExportNode, x: string): string {
  // 0 copies the (dynamic) batch size; the other sizes are the resolved shape, so no -1 is left.
  return g.op('Reshape', [x, g.int64s(`${node.id}/shape`, [0, ...node.shape])], node.id);
}

export function emitPermute(g: OnnxGraphBuilder, node: ExportNode, x: string): string {
  return g.op('Transpose', [x], node.id, { perm: ints([0, ...(node.params.axes as number[])]) });
}
