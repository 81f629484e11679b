import { convGeometry } from '../../catalog/nodes/conv-layer';
import { lrnWindow } from '../../catalog/nodes/lrn';
import { poolGeometry } from '../../catalog/nodes/pool-layer';
import type { Window2D } from '../../catalog/spatial';
import { ExportError, type ExportNode } from '../export-model';
import { float, int, ints, str, type OnnxGraphBuilder } from './graph-builder';

/**
 * The convolution family as ONNX ops (opset 17). NetLoom runs 1D ops as 2D with height 1; ONNX gets
 * their true rank. Pads are [begin…, end…] per spatial axis, so 'same' with an odd total is exact.
 */
function windowAttrs(rank: 1 | 2, g: Window2D, padding: unknown, ceil = false) {
  const attrs = windowPads(rank, g);
  // 'same' is written as ONNX's SAME_UPPER (extra zero after, as NetLoom), so an import reads it back
  // as 'same' rather than as the pads it happens to need for this input size. onnxruntime refuses
  // auto_pad with dilation, so a dilated 'same' keeps explicit pads.
  // With ceil_mode the pads are written out too (auto_pad's output size ignores ceil_mode in ONNX).
  if (padding !== 'same' || g.dh !== 1 || g.dw !== 1 || ceil) return attrs;
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
  // MaxPool never picks a padded cell; AveragePool's divisor follows the node's countIncludePad.
  const ceil = node.params.ceilMode === true;
  const dilated = r.g.dh > 1 || r.g.dw > 1;
  // AveragePool takes dilations from opset 19; this export writes opset 17.
  if (dilated && op === 'avg') throw new ExportError(`node "${node.id}" (${node.type}): ONNX AveragePool takes dilations from opset 19 only, and this export writes opset 17; use dilation 1`);
  const attrs = {
    ...windowAttrs(rank, r.g, node.params.padding, ceil), ...(ceil ? { ceil_mode: int(1) } : {}),
    ...(dilated ? { dilations: ints(rank === 2 ? [r.g.dh, r.g.dw] : [r.g.dw]) } : {}),
  };
  return op === 'max'
    ? g.op('MaxPool', [x], node.id, attrs)
    : g.op('AveragePool', [x], node.id, { ...attrs, count_include_pad: int(node.params.countIncludePad === false ? 0 : 1) });
}

/**
 * LRN. onnxruntime runs LRN on [N, C, H, W] with an odd size only, so [N, C] and [N, C, L] are reshaped
 * to four axes around it (the channel window is the same), and an even size is written as its formula:
 * the squares through a 1×1 Conv whose [C, C] weight is 1 where channel j is in channel c's window, then
 * x / (bias + alpha/size · sum)^beta.
 */
export function emitLrn(g: OnnxGraphBuilder, node: ExportNode, x: string): string {
  const p = node.params;
  const shape = node.inputShapes[0]!;
  const size = p.size as number;
  const as4d = shape.length === 3 ? x : g.op('Reshape', [x, g.int64s(`${node.id}/shape4d`, [0, shape[0]!, 1, shape[1] ?? 1])], `${node.id}/as4d`);
  const out = shape.length === 3 ? node.id : `${node.id}/lrn`;
  let y: string;
  if (size % 2 === 1) {
    y = g.op('LRN', [as4d], out, { size: int(size), alpha: float(p.alpha as number), beta: float(p.beta as number), bias: float(p.bias as number) });
  } else {
    const C = shape[0]!;
    const { before, after } = lrnWindow(size);
    const band = new Float32Array(C * C);
    for (let c = 0; c < C; c++) for (let j = Math.max(0, c - before); j <= Math.min(C - 1, c + after); j++) band[c * C + j] = 1;
    const sq = g.op('Mul', [as4d, as4d], `${node.id}/square`);
    const sum = g.op('Conv', [sq, g.floats(`${node.id}/window`, [C, C, 1, 1], band)], `${node.id}/window_sum`, { kernel_shape: ints([1, 1]) });
    const scaled = g.op('Mul', [sum, g.floats(`${node.id}/alpha_over_size`, [], [(p.alpha as number) / size])], `${node.id}/scaled`);
    const base = g.op('Add', [scaled, g.floats(`${node.id}/bias`, [], [p.bias as number])], `${node.id}/base`);
    const div = g.op('Pow', [base, g.floats(`${node.id}/beta`, [], [p.beta as number])], `${node.id}/divisor`);
    y = g.op('Div', [as4d, div], out);
  }
  return shape.length === 3 ? y : g.op('Reshape', [y, g.int64s(`${node.id}/shape`, [0, ...shape])], node.id);
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
